import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { APPLICATION_ID } from './fake-discord.js';

interface Session {
  socket: WebSocket;
  shard: [number, number];
  seq: number;
}

/**
 * Discord's gateway on loopback, as much of it as discord.js needs to log in a shard and receive
 * dispatches: HELLO, IDENTIFY → READY (no guilds), heartbeats, and INTERACTION_CREATE sent to one shard.
 */
export class FakeDiscordGateway {
  private server: WebSocketServer | undefined;
  /** Shards that identified, by shard id ([id, count] as the client sent it). */
  readonly sessions = new Map<number, Session>();
  identified: Array<[number, number]> = [];
  url = '';

  async start(): Promise<string> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    this.server = server;
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    this.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    server.on('connection', (socket) => {
      socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null }));
      socket.on('message', (raw) => {
        const packet = JSON.parse(String(raw)) as { op: number; d: { shard?: [number, number] } };
        if (packet.op === 1) socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
        if (packet.op === 2) {
          const shard = packet.d.shard ?? [0, 1];
          this.identified.push(shard);
          const session: Session = { socket, shard, seq: 0 };
          this.sessions.set(shard[0], session);
          this.send(session, 'READY', {
            v: 10,
            user: { id: APPLICATION_ID, username: 'rivalry', discriminator: '0', global_name: null, avatar: null, bot: true, flags: 0 },
            guilds: [],
            session_id: `session-${shard[0]}`,
            resume_gateway_url: this.url,
            shard,
            application: { id: APPLICATION_ID, flags: 0 },
          });
        }
      });
    });
    return this.url;
  }

  private send(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    session.socket.send(JSON.stringify({ op: 0, t, s: session.seq, d }));
  }

  /** Delivers a dispatch over one shard's connection, as Discord routes a guild's events to its shard. */
  dispatch(shardId: number, t: string, d: unknown): void {
    const session = this.sessions.get(shardId);
    if (session === undefined) throw new Error(`shard ${shardId} has not identified`);
    this.send(session, t, d);
  }

  async stop(): Promise<void> {
    for (const client of this.server?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (this.server === undefined ? resolve() : this.server.close(() => resolve())));
  }
}
