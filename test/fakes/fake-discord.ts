import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { HttpRecorder, json, type RecordedRequest } from './http-recorder.js';

export const APPLICATION_ID = '123456789012345678';
export const BOT_TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';

type Override = (req: RecordedRequest, res: ServerResponse) => boolean;

/**
 * Discord's REST API (as discord.js calls it: /api/v10/...) on loopback: interaction callbacks,
 * webhook edits and follow-ups, application commands (kept in memory), channel messages.
 */
export interface PostedDiscordMessage {
  channelId: string;
  nonce?: string;
  body: Record<string, unknown>;
}

export class FakeDiscord extends HttpRecorder {
  overrides: Override[] = [];
  commands: unknown[] = [];
  /** Channel messages Discord accepted (a repeated nonce with enforce_nonce is not added twice, as on Discord). */
  messages: PostedDiscordMessage[] = [];
  /** For tests that build their own clients: the REST base URL (…/api). */
  baseApi = '';
  constructor() {
    super((req, res) => {
      for (const o of this.overrides) if (o(req, res)) return;
      const path = req.path.replace(/^\/api\/v10/, '');
      // Discord answers callbacks with 204 and no body (and no JSON content type).
      if (req.method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback/.test(path)) return void res.writeHead(204).end();
      if (req.method === 'DELETE' && path.includes('/messages/@original')) return void res.writeHead(204).end();
      if (req.method === 'PATCH' && path.includes('/messages/@original')) return json(res, 200, { id: '1', ...req.body });
      if (req.method === 'POST' && /^\/webhooks\/\d+\/[^/]+$/.test(path.split('?')[0] ?? '')) return json(res, 200, { id: '2', ...req.body });
      if (/^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
        if (req.method === 'GET') return json(res, 200, this.commands);
        if (req.method === 'PUT') {
          this.commands = (req.body as unknown as Array<Record<string, unknown>>).map((c, i) => ({ id: String(1000 + i), application_id: APPLICATION_ID, version: '1', default_member_permissions: null, type: 1, nsfw: false, contexts: null, integration_types: [0], ...c }));
          return json(res, 200, this.commands);
        }
      }
      const channelPost = /^\/channels\/(\d+)\/messages$/.exec(path);
      if (req.method === 'POST' && channelPost !== null) {
        const channelId = channelPost[1] ?? '';
        const nonce = typeof req.body['nonce'] === 'string' ? req.body['nonce'] : undefined;
        const existing = req.body['enforce_nonce'] === true && nonce !== undefined ? this.messages.findIndex((m) => m.channelId === channelId && m.nonce === nonce) : -1;
        if (existing >= 0) return json(res, 200, { id: String(existing), channel_id: channelId, ...this.messages[existing]?.body });
        this.messages.push({ channelId, ...(nonce === undefined ? {} : { nonce }), body: req.body });
        return json(res, 200, { id: String(this.messages.length - 1), channel_id: channelId, ...req.body });
      }
      return json(res, 404, { message: 'Unknown route', code: 0 });
    });
  }
}

/** A test Ed25519 key pair: the public key as the Developer Portal shows it (hex), and a signer. */
export function testKeyPair(): { publicKeyHex: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  return { publicKeyHex: raw.toString('hex'), privateKey };
}

export function signedInteractionHeaders(body: string, privateKey: KeyObject, timestamp = String(Math.floor(Date.now() / 1000))): Record<string, string> {
  const signature = sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
  return { 'content-type': 'application/json', 'x-signature-ed25519': signature, 'x-signature-timestamp': timestamp };
}

let nextId = 900000000000000000n;

/** A real-shaped chat-input interaction for /rivalry <sub> [options] (type 2), or autocomplete (type 4). */
export function interactionPayload(sub: string, options: Record<string, string | number> = {}, extra: { type?: number; focused?: string } = {}): Record<string, unknown> {
  nextId += 1n;
  return {
    id: String(nextId),
    application_id: APPLICATION_ID,
    type: extra.type ?? 2,
    token: `tok-${nextId}`,
    version: 1,
    locale: 'en-US',
    guild_locale: 'en-US',
    app_permissions: '2248473465835073',
    entitlements: [],
    authorizing_integration_owners: { '0': '111111111111111111' },
    context: 0,
    attachment_size_limit: 10485760,
    guild_id: '222222222222222222',
    guild: { id: '222222222222222222', locale: 'en-US', features: [] },
    channel_id: '333333333333333333',
    channel: { id: '333333333333333333', type: 0, guild_id: '222222222222222222', name: 'general', flags: 0, position: 0, permissions: '2248473465835073', nsfw: false, parent_id: null, last_message_id: null, rate_limit_per_user: 0, topic: null },
    member: {
      user: { id: '444444444444444444', username: 'analyst', global_name: 'Analyst', discriminator: '0', avatar: null, public_flags: 0 },
      roles: [],
      permissions: '2248473465835073',
      joined_at: '2024-01-01T00:00:00.000000+00:00',
      deaf: false,
      mute: false,
      flags: 0,
      nick: null,
      avatar: null,
      premium_since: null,
      pending: false,
      communication_disabled_until: null,
    },
    data: {
      id: '555555555555555555',
      name: 'rivalry',
      type: 1,
      options: [
        {
          name: sub,
          type: 1,
          options: Object.entries(options).map(([name, value]) => ({ name, type: typeof value === 'number' ? 4 : 3, value, ...(extra.focused === name ? { focused: true } : {}) })),
        },
      ],
    },
  };
}
