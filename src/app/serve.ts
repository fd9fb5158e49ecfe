import type { RequestListener, Server } from 'node:http';
import type { Logger } from 'pino';
import type { CommandSpec } from '../core/commands/command.js';
import type { ChatAdapter, InstallationRegistry } from '../adapters/contract.js';
import type { ChannelPoster } from '../core/delivery/channel-poster.js';
import type { AutocompleteHandler, CommandHandler, FormHandler, HomeHandler } from '../core/inbound.js';
import { renderChart } from './chart-renderer.js';
import type { Config } from './config.js';
import { boundPort, startHttpServer, type Readiness, type Route } from './http-server.js';
import { PLATFORMS } from './platforms.js';

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
  /** The started adapters, as the contract describes them. */
  adapters: ChatAdapter[];
  stop(): Promise<void>;
}

/** True when the environment configures at least one chat platform. */
export function platformsConfigured(config: Config): boolean {
  return PLATFORMS.some((p) => p.configured(config));
}

export interface StartOptions {
  /** Wraps each webhook listener (benchmarks use it to time requests server-side). */
  wrapListener?: (listener: RequestListener) => RequestListener;
  /** More readiness checks for /readyz (the database). */
  readiness?: Readiness;
  /** Per-workspace app installations (Slack OAuth), kept in the database. */
  installations?: InstallationRegistry;
  /** Routes of the bot itself on the same server (GET /metrics). */
  extraRoutes?: Route[];
}

export interface Handlers {
  handle: CommandHandler;
  complete: AutocompleteHandler;
  /** Forms (modals), where the platform has them. */
  forms?: FormHandler;
  home?: HomeHandler;
  commands: readonly CommandSpec[];
}

/**
 * Starts every configured platform adapter behind one HTTP server. Platform SDKs are imported only
 * when configured, so the console and `ask` never pay for them.
 */
export async function startPlatforms(config: Config, handlers: Handlers, logger: Logger, options: StartOptions = {}): Promise<Running> {
  const wrap = options.wrapListener ?? ((l: RequestListener) => l);
  const routes: Route[] = [];
  const stops: Array<() => Promise<void>> = [];
  const started: string[] = [];
  const posters: ChannelPoster[] = [];
  const adapters: ChatAdapter[] = [];
  const deps = { ...handlers, logger, renderChart, ...(options.installations === undefined ? {} : { installations: options.installations }) };

  for (const platform of PLATFORMS.filter((p) => p.configured(config))) {
    const adapter = await starting(platform.name, () => platform.create(config, deps));
    routes.push(...adapter.routes.map((r) => ({ ...r, listener: wrap(r.listener) })));
    await starting(platform.name, () => adapter.start());
    stops.push(() => adapter.stop());
    if (adapter.poster !== undefined) posters.push(adapter.poster);
    adapters.push(adapter);
    started.push(`${platform.name} (${adapter.modes.join(', ')})`);
  }

  // Ready once every platform started; not ready again from the moment shutdown begins, so load balancers drain.
  let accepting = true;
  const readiness: Readiness = async () => ({ platforms: accepting ? 'ok' : 'shutting down', ...(options.readiness === undefined ? {} : await options.readiness()) });
  let server: Server | undefined;
  // Always when serving a platform, even one with no webhook (gateway, long polling): orchestrators probe /healthz and /readyz.
  if (started.length > 0) {
    server = await startHttpServer([...routes, ...(options.extraRoutes ?? [])], config.PORT, config.HOST, readiness);
    const s = server;
    // close() stops new connections and waits for requests in flight.
    stops.unshift(() => new Promise<void>((resolve) => s.close(() => resolve())));
  }
  return {
    started,
    posters,
    adapters,
    ...(server === undefined ? {} : { port: boundPort(server) }),
    stop: async () => {
      accepting = false;
      for (const stop of stops) await stop();
    },
  };
}
