import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  raw: string;
  /** JSON or form body, parsed. */
  body: Record<string, unknown>;
}

export type Responder = (req: RecordedRequest, res: ServerResponse) => void;

function parseBody(raw: string, type: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (type?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  if (type?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  return { raw };
}

/**
 * A loopback HTTP server that records every request and answers through a responder; the base for
 * the fake Slack, Discord and SEC servers. Tests wait on `next(path)` instead of sleeping.
 */
export class HttpRecorder {
  readonly requests: RecordedRequest[] = [];
  private server: Server | undefined;
  private waiters: Array<{ match: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }> = [];

  constructor(private readonly responder: Responder) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (raw += chunk));
      req.on('end', () => {
        const recorded: RecordedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, raw, body: parseBody(raw, req.headers['content-type']) };
        this.requests.push(recorded);
        this.responder(recorded, res);
        for (const w of this.waiters.filter((w) => w.match(recorded))) w.resolve(recorded);
        this.waiters = this.waiters.filter((w) => !w.match(recorded));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The next request (from now, or already recorded and not yet taken) whose path starts with `prefix`. */
  next(prefix: string, timeoutMs = 5000): Promise<RecordedRequest> {
    const match = (r: RecordedRequest) => r.path.startsWith(prefix);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no request to ${prefix} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      });
    });
  }

  to(prefix: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path.startsWith(prefix));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}
