import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { boundPort, startHttpServer, type Route } from '../http-server.js';
import { METRICS_PATH, metricsRoute } from './metrics-route.js';

export interface ServedMetrics {
  /** For the bot's own server: the /metrics route, unless it has a port of its own. */
  routes: Route[];
  /** METRICS_PORT's bound port. */
  port?: number;
  stop(): Promise<void>;
}

/** GET /metrics on METRICS_PORT when set (with /healthz and /readyz), else as a route of the bot's server. */
export async function serveMetrics(config: Config, logger: Logger): Promise<ServedMetrics> {
  const route = metricsRoute(config.METRICS_TOKEN);
  if (config.METRICS_TOKEN === undefined) logger.warn(`${METRICS_PATH} is served without a token: set METRICS_TOKEN, or METRICS_PORT on a port only your monitoring reaches`);
  if (config.METRICS_PORT === undefined) return { routes: [route], stop: async () => undefined };
  const server = await startHttpServer([route], config.METRICS_PORT, config.HOST);
  return {
    routes: [],
    port: boundPort(server),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
