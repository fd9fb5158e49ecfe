import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { HttpMethod, HttpRouteHandler, IHttpServerAdapter } from '@microsoft/teams.apps';
import { readBody } from '../read-body.js';

/** Bot Framework activities are small; anything bigger is not one. */
const MAX_BODY_BYTES = 1024 * 1024;

function headersOf(req: IncomingMessage): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(req.headers).flatMap(([k, v]) => (v === undefined ? [] : [[k, v]])));
}

function reply(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) res.writeHead(status).end();
  else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/**
 * The Teams SDK's HTTP-server adapter, mounted on the bot's own server: the SDK registers its
 * messaging endpoint here (and verifies each request's JWT in that handler before anything runs);
 * the adapter hands it the parsed body and headers and writes back what it answers. No server of
 * its own: start()/stop() are absent.
 */
export class MessagingRoute implements IHttpServerAdapter {
  private handler: HttpRouteHandler | undefined;

  constructor(private readonly path: string) {}

  registerRoute(method: HttpMethod, path: string, handler: HttpRouteHandler): void {
    // The SDK registers only its messaging endpoint unless asked for more (tabs, functions), which the bot never does.
    if (method === 'POST' && path === this.path) this.handler = handler;
  }

  readonly listener: RequestListener = (req, res) => {
    void this.handle(req, res);
  };

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const handler = this.handler;
    if (handler === undefined) return reply(res, 503, { error: 'not ready' });
    // No token at all: refused before the body is read. (A token is checked by the SDK, against the body's serviceUrl.)
    if (!/^Bearer \S+$/.test(req.headers.authorization ?? '')) return reply(res, 401, { error: 'missing authorization' });
    const raw = await readBody(req, MAX_BODY_BYTES);
    if (raw === undefined) return reply(res, 413, { error: 'too large' });
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return reply(res, 400, { error: 'not JSON' });
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return reply(res, 400, { error: 'not an activity' });
    try {
      const answer = await handler({ body, headers: headersOf(req) });
      reply(res, answer.status, answer.body);
    } catch {
      reply(res, 500, { error: 'internal error' });
    }
  }
}
