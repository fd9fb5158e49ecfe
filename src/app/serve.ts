import type { RequestListener, Server } from 'node:http';
import type { Logger } from 'pino';
import type { CommandSpec } from '../core/commands/command.js';
import type { ChannelPoster } from '../core/delivery/channel-poster.js';
import type { AutocompleteHandler, CommandHandler } from '../core/inbound.js';
import { renderChart } from './chart-renderer.js';
import type { Config } from './config.js';
import { boundPort, startHttpServer, type Route } from './http-server.js';

/** A platform could not start (bad token, unreachable API): reported in one line, no stack trace. */
export class StartupError extends Error {
  constructor(platform: string, cause: unknown) {
    super(`${platform} could not start: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'StartupError';
  }
}

async function starting<T>(platform: string, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    throw new StartupError(platform, error);
  }
}

export interface Running {
  /** What was started, for the start-up log line. */
  started: string[];
  port?: number;
  /** How each started platform posts into channels (digests, alerts). */
  posters: ChannelPoster[];
  stop(): Promise<void>;
}

/** True when the environment configures at least one chat platform. */
export function platformsConfigured(config: Config): boolean {
  return config.SLACK_BOT_TOKEN !== undefined || config.DISCORD_TOKEN !== undefined || config.DISCORD_PUBLIC_KEY !== undefined;
}

/**
 * Starts every configured platform adapter. Platform SDKs are imported only when configured, so
 * the console and `ask` never pay for them.
 */
export interface StartOptions {
  /** Wraps each webhook listener (benchmarks use it to time requests server-side). */
  wrapListener?: (listener: RequestListener) => RequestListener;
}

export interface Handlers {
  handle: CommandHandler;
  complete: AutocompleteHandler;
  commands: readonly CommandSpec[];
}

export async function startPlatforms(config: Config, { handle, complete, commands }: Handlers, logger: Logger, options: StartOptions = {}): Promise<Running> {
  const wrap = options.wrapListener ?? ((l: RequestListener) => l);
  const routes: Route[] = [];
  const stops: Array<() => Promise<void>> = [];
  const started: string[] = [];
  const posters: ChannelPoster[] = [];
  const rate = config.DELIVERY_RATE_PER_SECOND === undefined ? {} : { globalRatePerSecond: config.DELIVERY_RATE_PER_SECOND };

  const slackToken = config.SLACK_BOT_TOKEN;
  if (slackToken !== undefined) {
    const { createSlackAdapter, SLACK_EVENTS_PATH } = await import('../adapters/slack/create-slack-adapter.js');
    const slack = await starting('slack', () => createSlackAdapter({
      botToken: slackToken,
      ...(config.SLACK_SIGNING_SECRET === undefined ? {} : { signingSecret: config.SLACK_SIGNING_SECRET }),
      ...(config.SLACK_APP_TOKEN === undefined ? {} : { appToken: config.SLACK_APP_TOKEN }),
      ...(config.SLACK_API_URL === undefined ? {} : { apiUrl: config.SLACK_API_URL }),
      handle,
      logger,
      admins: config.RIVALRY_ADMINS,
      renderChart,
    }));
    if (slack.requestListener !== undefined) routes.push({ method: 'POST', path: SLACK_EVENTS_PATH, listener: wrap(slack.requestListener) });
    await starting('slack', () => slack.start());
    stops.push(() => slack.stop());
    started.push(`slack (${slack.mode === 'socket' ? 'Socket Mode' : `HTTP ${SLACK_EVENTS_PATH}`})`);
    const { createSlackPoster } = await import('../adapters/slack/channel-poster.js');
    posters.push(createSlackPoster({ token: slackToken, ...(config.SLACK_API_URL === undefined ? {} : { apiUrl: config.SLACK_API_URL }), ...rate, renderChart }));
  }

  if (config.DISCORD_TOKEN !== undefined || config.DISCORD_PUBLIC_KEY !== undefined) {
    const { createDiscordAdapter, DISCORD_INTERACTIONS_PATH } = await import('../adapters/discord/create-discord-adapter.js');
    const discord = await starting('discord', () => createDiscordAdapter({
      ...(config.DISCORD_TOKEN === undefined ? {} : { token: config.DISCORD_TOKEN }),
      ...(config.DISCORD_PUBLIC_KEY === undefined ? {} : { publicKey: config.DISCORD_PUBLIC_KEY }),
      ...(config.DISCORD_APPLICATION_ID === undefined ? {} : { applicationId: config.DISCORD_APPLICATION_ID }),
      ...(config.DISCORD_API_URL === undefined ? {} : { apiUrl: config.DISCORD_API_URL }),
      handle,
      complete,
      commands,
      logger,
      renderChart,
    }));
    if (discord.requestListener !== undefined) routes.push({ method: 'POST', path: DISCORD_INTERACTIONS_PATH, listener: wrap(discord.requestListener) });
    await starting('discord', () => discord.start());
    stops.push(() => discord.stop());
    started.push(`discord (${discord.modes.map((m) => (m === 'http' ? `HTTP ${DISCORD_INTERACTIONS_PATH}` : 'gateway')).join(', ')})`);
    if (config.DISCORD_TOKEN !== undefined) {
      const { createDiscordPoster } = await import('../adapters/discord/channel-poster.js');
      posters.push(createDiscordPoster({ token: config.DISCORD_TOKEN, ...(config.DISCORD_API_URL === undefined ? {} : { apiUrl: config.DISCORD_API_URL }), ...rate, renderChart }));
    } else {
      logger.warn('DISCORD_TOKEN is not set: Discord channels can subscribe, but digests and alerts cannot be posted until it is');
    }
  }

  let server: Server | undefined;
  if (routes.length > 0) {
    server = await startHttpServer(routes, config.PORT, config.HOST);
    const s = server;
    stops.unshift(() => new Promise<void>((resolve) => s.close(() => resolve())));
  }
  return {
    started,
    posters,
    ...(server === undefined ? {} : { port: boundPort(server) }),
    stop: async () => {
      for (const stop of stops) await stop();
    },
  };
}
