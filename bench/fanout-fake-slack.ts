/**
 * A fake Slack Web API that enforces Slack-like limits for the fan-out benchmark, in its own process:
 * chat.postMessage at most 1 per second per channel, and a token bucket per workspace (told apart by
 * the bot token; LIMIT per second, bursts of LIMIT), answering 429 + Retry-After beyond them.
 * GET /stats reports what happened.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const LIMIT = Number(process.env['LIMIT'] ?? 250);
const buckets = new Map<string, { tokens: number; refilledAt: number }>();
const lastPost = new Map<string, number>();
const stats = { ok: 0, limited: 0, perChannelLimited: 0, firstOkAt: 0, lastOkAt: 0, duplicates: 0 };
const seenKeys = new Set<string>();
const postedKeys = new Map<string, string[]>();

const server = createServer((req, res) => {
  let raw = '';
  req.on('data', (c: Buffer) => (raw += c.toString()));
  req.on('end', () => {
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    if (req.url === '/stats') return answer(200, stats);
    if (req.url === '/api/auth.test') return answer(200, { ok: true, team_id: 'T1', user_id: 'U1' });
    if (req.url === '/api/conversations.history') {
      const channel = new URLSearchParams(raw).get('channel') ?? '';
      const keys = postedKeys.get(channel) ?? [];
      return answer(200, { ok: true, messages: keys.map((k) => ({ type: 'message', ts: '1.0', metadata: { event_type: 'rivalry_bot_post', event_payload: { idempotency_key: k } } })) });
    }
    if (req.url !== '/api/chat.postMessage') return answer(200, { ok: false, error: 'unknown_method' });
    const body = new URLSearchParams(raw);
    const channel = body.get('channel') ?? '';
    const now = performance.now();
    const workspace = req.headers.authorization ?? body.get('token') ?? '';
    const bucket = buckets.get(workspace) ?? { tokens: LIMIT, refilledAt: now };
    buckets.set(workspace, bucket);
    bucket.tokens = Math.min(LIMIT, bucket.tokens + ((now - bucket.refilledAt) / 1000) * LIMIT);
    bucket.refilledAt = now;
    if (now - (lastPost.get(channel) ?? -Infinity) < 1000) {
      stats.perChannelLimited += 1;
      stats.limited += 1;
      return answer(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
    }
    if (bucket.tokens < 1) {
      stats.limited += 1;
      return answer(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
    }
    bucket.tokens -= 1;
    lastPost.set(channel, now);
    const key = (JSON.parse(body.get('metadata') ?? '{}') as { event_payload?: { idempotency_key?: string } }).event_payload?.idempotency_key ?? '';
    if (seenKeys.has(key)) stats.duplicates += 1;
    seenKeys.add(key);
    postedKeys.set(channel, [...(postedKeys.get(channel) ?? []), key]);
    stats.ok += 1;
    if (stats.firstOkAt === 0) stats.firstOkAt = Date.now();
    stats.lastOkAt = Date.now();
    return answer(200, { ok: true, ts: `${Date.now() / 1000}` });
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`));
