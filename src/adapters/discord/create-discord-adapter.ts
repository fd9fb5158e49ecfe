import { REST } from '@discordjs/rest';
import type { AdapterCapabilities, AdapterDeps, ChatAdapter, Route } from '../contract.js';
import { createDiscordPoster } from './channel-poster.js';
import { DISCORD_INTERACTIONS_PATH, createInteractionsListener } from './http-interactions.js';
import type { InteractionDeps } from './interaction-router.js';
import { DISCORD_LIMITS } from './limits.js';
import { renderEmbeds, type DiscordReply } from './render-embeds.js';
import type { ShardProcesses } from './shard-processes.js';

export { DISCORD_INTERACTIONS_PATH };

export const DISCORD_CAPABILITIES: AdapterCapabilities = {
  ephemeral: true,
  edits: true,
  files: true,
  richLayout: true,
  maxMessageChars: DISCORD_LIMITS.embedTotalChars,
  idempotentPosts: true,
};

export interface DiscordAdapterOptions extends AdapterDeps {
  /** Gateway mode, channel posts and command registration: the bot token. */
  token?: string;
  /** HTTP interactions mode: the application's public key and id. */
  publicKey?: string;
  applicationId?: string;
  /** REST base URL, e.g. "http://127.0.0.1:PORT/api" (discord.js adds /v10). */
  apiUrl?: string;
  /** Defer when a reply takes longer than this (Discord allows 3 s for the first answer). */
  deferAfterMs?: number;
  globalRatePerSecond?: number;
  /**
   * Gateway sharding across processes (discord.js ShardingManager): `total` shards ("auto": as many
   * as Discord recommends), each a child process running `script args` (which logs in one gateway client).
   */
  shards?: { total: 'auto' | number; script: string; args: readonly string[] };
}

export const DEFAULT_DEFER_AFTER_MS = 2000;

/**
 * HTTP interactions (stateless, behind a load balancer) or the gateway. discord.js itself is imported
 * only for the gateway: HTTP mode needs nothing but @discordjs/rest.
 */
export async function createDiscordAdapter(options: DiscordAdapterOptions): Promise<ChatAdapter<DiscordReply>> {
  const deps: InteractionDeps = {
    handle: options.handle,
    complete: options.complete,
    commands: options.commands,
    logger: options.logger,
    ...(options.forms === undefined ? {} : { forms: options.forms }),
    ...(options.renderChart === undefined ? {} : { renderChart: options.renderChart }),
  };
  const deferAfterMs = options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS;
  const api = options.apiUrl === undefined ? {} : { api: options.apiUrl };
  const modes: string[] = [];
  const routes: Route[] = [];
  const starts: Array<() => Promise<void>> = [];
  const stops: Array<() => Promise<void>> = [];

  if (options.publicKey !== undefined && options.applicationId !== undefined) {
    const rest = new REST({ retries: 3, ...api });
    if (options.token !== undefined) rest.setToken(options.token);
    routes.push({ method: 'POST', path: DISCORD_INTERACTIONS_PATH, listener: createInteractionsListener({ publicKey: options.publicKey, applicationId: options.applicationId, rest, deps, deferAfterMs }) });
    modes.push(`HTTP ${DISCORD_INTERACTIONS_PATH}`);
  }
  // With an interactions endpoint configured Discord sends interactions there, not over the gateway:
  // the token then only authenticates REST calls (channel posts).
  if (options.token !== undefined && modes.length === 0 && options.shards !== undefined) {
    const { startShardProcesses } = await import('./shard-processes.js');
    const { total, script, args } = options.shards;
    const token = options.token;
    let shards: ShardProcesses | undefined;
    starts.push(async () => {
      shards = await startShardProcesses({ script, args, token, total, logger: options.logger, ...(options.apiUrl === undefined ? {} : { apiUrl: options.apiUrl }) });
    });
    stops.push(async () => shards?.stop());
    modes.push(`gateway, ${total} shard processes`);
  } else if (options.token !== undefined && modes.length === 0) {
    const { createGatewayClient } = await import('./gateway.js');
    const client = createGatewayClient({ token: options.token, deps, deferAfterMs, ...(options.apiUrl === undefined ? {} : { apiUrl: options.apiUrl }) });
    const token = options.token;
    starts.push(async () => {
      await client.login(token);
    });
    stops.push(() => client.destroy());
    modes.push('gateway');
  }
  if (options.token === undefined) options.logger.warn('DISCORD_TOKEN is not set: Discord channels can subscribe, but digests and alerts cannot be posted until it is');
  return {
    platform: 'discord',
    capabilities: DISCORD_CAPABILITIES,
    modes,
    routes,
    render: renderEmbeds,
    ...(options.token === undefined
      ? {}
      : {
          poster: createDiscordPoster({
            token: options.token,
            ...(options.apiUrl === undefined ? {} : { apiUrl: options.apiUrl }),
            ...(options.globalRatePerSecond === undefined ? {} : { globalRatePerSecond: options.globalRatePerSecond }),
            ...(options.renderChart === undefined ? {} : { renderChart: options.renderChart }),
          }),
        }),
    start: async () => {
      for (const s of starts) await s();
    },
    stop: async () => {
      for (const s of stops) await s();
    },
  };
}
