import type { RequestListener } from 'node:http';
import { REST } from '@discordjs/rest';
import type { Logger } from 'pino';
import type { ChartRenderer } from '../../core/charts/chart-data.js';
import type { CommandSpec } from '../../core/commands/command.js';
import type { AutocompleteHandler, CommandHandler } from '../../core/inbound.js';
import { DISCORD_INTERACTIONS_PATH, createInteractionsListener } from './http-interactions.js';
import type { InteractionDeps } from './interaction-router.js';

export { DISCORD_INTERACTIONS_PATH };

export interface DiscordAdapterOptions {
  /** Gateway mode: the bot token. */
  token?: string;
  /** HTTP interactions mode: the application's public key and id. */
  publicKey?: string;
  applicationId?: string;
  /** REST base URL, e.g. "http://127.0.0.1:PORT/api" (discord.js adds /v10). */
  apiUrl?: string;
  handle: CommandHandler;
  complete: AutocompleteHandler;
  commands: readonly CommandSpec[];
  logger: Logger;
  /** Defer when a reply takes longer than this (Discord allows 3 s for the first answer). */
  deferAfterMs?: number;
  renderChart?: ChartRenderer;
}

export interface DiscordAdapter {
  modes: Array<'gateway' | 'http'>;
  requestListener?: RequestListener;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export const DEFAULT_DEFER_AFTER_MS = 2000;

/**
 * HTTP interactions (stateless, behind a load balancer) or the gateway. discord.js itself is
 * imported only for the gateway: HTTP mode needs nothing but @discordjs/rest.
 */
export async function createDiscordAdapter(options: DiscordAdapterOptions): Promise<DiscordAdapter> {
  const deps: InteractionDeps = { handle: options.handle, complete: options.complete, commands: options.commands, logger: options.logger, ...(options.renderChart === undefined ? {} : { renderChart: options.renderChart }) };
  const deferAfterMs = options.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS;
  const restOptions = { retries: 3, ...(options.apiUrl === undefined ? {} : { api: options.apiUrl }) };
  const modes: DiscordAdapter['modes'] = [];
  let requestListener: RequestListener | undefined;
  const starts: Array<() => Promise<void>> = [];
  const stops: Array<() => Promise<void>> = [];

  if (options.publicKey !== undefined && options.applicationId !== undefined) {
    const rest = new REST(restOptions);
    if (options.token !== undefined) rest.setToken(options.token);
    requestListener = createInteractionsListener({ publicKey: options.publicKey, applicationId: options.applicationId, rest, deps, deferAfterMs });
    modes.push('http');
  }
  // With an interactions endpoint configured Discord sends interactions there, not over the gateway:
  // the token then only authenticates REST calls (channel posts).
  if (options.token !== undefined && modes.length === 0) {
    const { createGatewayClient } = await import('./gateway.js');
    const client = createGatewayClient({ token: options.token, deps, deferAfterMs, ...(options.apiUrl === undefined ? {} : { apiUrl: options.apiUrl }) });
    const token = options.token;
    starts.push(async () => {
      await client.login(token);
    });
    stops.push(() => client.destroy());
    modes.push('gateway');
  }
  return {
    modes,
    ...(requestListener === undefined ? {} : { requestListener }),
    start: async () => {
      for (const s of starts) await s();
    },
    stop: async () => {
      for (const s of stops) await s();
    },
  };
}
