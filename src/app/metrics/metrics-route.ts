import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Route } from '../http-server.js';
import { scrape } from './metrics.js';

export const METRICS_PATH = '/metrics';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Constant-time: the comparison takes as long whatever the guess. */
function authorised(header: string | undefined, token: string): boolean {
  const match = /^Bearer (\S+)$/i.exec(header ?? '');
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), digest(token));
}

/** GET /metrics in Prometheus text format; with a token, only for requests that carry it. */
export function metricsRoute(token: string | undefined): Route {
  return {
    method: 'GET',
    path: METRICS_PATH,
    listener: (req: IncomingMessage, res: ServerResponse) => {
      if (token !== undefined && !authorised(req.headers.authorization, token)) {
        res.writeHead(401, { 'www-authenticate': 'Bearer realm="metrics"', 'content-type': 'text/plain' }).end('/metrics needs "Authorization: Bearer <METRICS_TOKEN>"\n');
        return;
      }
      scrape().then(
        ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType }).end(body),
        (error: unknown) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics could not be collected: ${error instanceof Error ? error.message : String(error)}\n`),
      );
    },
  };
}
