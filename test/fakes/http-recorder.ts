import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  raw: string;
  /** JSON or form body, parsed. */
  body: Record<string, unknown>;
  /** When it arrived (epoch ms). */
  at: number;
}

export type Responder = (req: RecordedRequest, res: ServerResponse) => void;

function parseBody(raw: string, type: string | undefined): Record<string, unknown> {
  if (raw === '') return {};
  if (type?.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  if (type?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  // Discord's multipart: the JSON payload travels in the "payload_json" part, files in the others.
  const payload = type?.includes('multipart/form-data') ? /name="payload_json"\r?\n(?:[^\r\n]+\r?\n)*\r?\n([\s\S]*?)\r?\n--/.exec(raw) : null;
  if (payload?.[1] !== undefined) return JSON.parse(payload[1]) as Record<string, unknown>;
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
  private readonly taken = new Set<RecordedRequest>();

  constructor(private readonly responder: Responder) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (raw += chunk));
      req.on('end', () => {
        const recorded: RecordedRequest = { method: req.method ?? 'GET', path: decodeURIComponent(req.url ?? '/'), headers: req.headers, raw, body: parseBody(raw, req.headers['content-type']), at: Date.now() };
        this.requests.push(recorded);
        this.responder(recorded, res);
        // Each request satisfies at most one waiter: the oldest one it matches.
        const waiter = this.waiters.find((w) => w.match(recorded));
        if (waiter !== undefined) {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          waiter.resolve(recorded);
        }
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The oldest request whose path starts with `prefix` that no earlier next() returned: already here, or still to come. */
  next(prefix: string, timeoutMs = 5000): Promise<RecordedRequest> {
    const match = (r: RecordedRequest) => r.path.startsWith(prefix) && !this.taken.has(r);
    const already = this.requests.find(match);
    if (already !== undefined) {
      this.taken.add(already);
      return Promise.resolve(already);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no request to ${prefix} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (r) => {
          clearTimeout(timer);
          this.taken.add(r);
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
