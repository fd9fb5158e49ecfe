import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Route } from '../adapters/contract.js';

export type { Route };

/** Each dependency's state: "ok", or what is wrong with it. */
export type Readiness = () => Promise<Record<string, string>>;

/**
 * One HTTP server for every platform's webhook, plus `GET /healthz` (the process is up) and
 * `GET /readyz` (every dependency answers, and the bot is not shutting down) for load balancers.
 */
export function startHttpServer(routes: Route[], port: number, host?: string, readiness?: Readiness): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      return;
    }
    if (req.method === 'GET' && path === '/readyz') {
      void (readiness ?? (async () => ({})))()
        .catch((error: unknown) => ({ readiness: error instanceof Error ? error.message : String(error) }))
        .then((checks) => {
          const ok = Object.values(checks).every((v) => v === 'ok');
          res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok, checks }));
        });
      return;
    }
    const route = routes.find((r) => r.path === path);
    if (route === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    if (req.method !== route.method) {
      res.writeHead(405, { allow: route.method, 'content-type': 'application/json' }).end('{"error":"method not allowed"}');
      return;
    }
    route.listener(req, res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

export function boundPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}
