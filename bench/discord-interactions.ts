/**
 * Discord HTTP interactions: signed /rivalry compare → response, for rivalry-bot's serve path and for a
 * bare node:http server that only verifies the Ed25519 signature and answers the very same bytes
 * (the compare reply, ~2.9 KB, captured from rivalry-bot once at start-up: a fair baseline answers a reply
 * of the same size, not a 35-byte one). Timed server-side (request arriving → response finished) and
 * round trip from a client in a child process, one request at a time. rivalry-bot logs at info level
 * (to /dev/null), as `serve` does. Loopback only.
 * BARE=boundary: the bare server also does what any honest implementation must at the boundary, on
 * top of the signature: JSON.parse the body, validate it with our zod schema, and serialise the reply
 * (JSON.stringify of the same reply object); what is left between it and rivalry-bot is ours to cut.
 * Run: npm run bench:discord   (N=1000 per server and round, ROUNDS=2 rounds alternating, after 200 warm-up requests each).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { interactionSchema } from '../src/adapters/discord/interaction-payload.js';
import { publicKeyFromHex, verifyInteractionSignature } from '../src/adapters/discord/verify-signature.js';
import { createHandlers } from '../src/app/command-handler.js';
import { loadConfig } from '../src/app/config.js';
import { commandContext } from '../src/app/context.js';
import { loadCatalog } from '../src/app/load-data.js';
import { startPlatforms } from '../src/app/serve.js';
import { APPLICATION_ID, FakeDiscord, interactionPayload, signedInteractionHeaders, testKeyPair } from '../test/fakes/fake-discord.js';
import { benchLogger, pinApart, ServerTiming } from './server-timing.js';
import { summary } from './stats.js';

const N = Number(process.env['N'] ?? 1000);
const ROUNDS = Number(process.env['ROUNDS'] ?? 2);
const WARMUP = 200;
const BOUNDARY = process.env['BARE'] === 'boundary';
const keys = testKeyPair();
const pem = keys.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

const timing = new ServerTiming<'ours' | 'bare'>();

const discord = new FakeDiscord();
const base = await discord.start();
const logger = benchLogger();
const config = loadConfig({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: `${base}/api`, PORT: '0', HOST: '127.0.0.1' });
const ours = await startPlatforms(config, createHandlers(commandContext(loadCatalog(undefined)), logger), logger, { wrapListener: (l) => timing.wrap('ours', l) });

const oursUrl = `http://127.0.0.1:${ours.port}/discord/interactions`;
// The reply the bare server answers with: rivalry-bot's own, byte for byte.
const sample = JSON.stringify(interactionPayload('compare', { rivalry: 'amazon-vs-walmart' }));
const reply = await (await fetch(oursUrl, { method: 'POST', body: sample, headers: signedInteractionHeaders(sample, keys.privateKey) })).text();
if (!reply.startsWith('{"type":4,')) throw new Error(`unexpected reply: ${reply.slice(0, 200)}`);

const replyObject: unknown = JSON.parse(reply);
// Bare: read the body, verify the signature, answer the same type-4 message.
const key = publicKeyFromHex(keys.publicKeyHex);
const bare = createServer(
  timing.wrap('bare', (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const ok = verifyInteractionSignature(key, req.headers['x-signature-ed25519'] as string, req.headers['x-signature-timestamp'] as string, Buffer.concat(chunks));
      if (!ok) return void res.writeHead(401).end();
      if (BOUNDARY && !interactionSchema.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8'))).success) return void res.writeHead(400).end();
      res.writeHead(200, { 'content-type': 'application/json' }).end(BOUNDARY ? JSON.stringify(replyObject) : reply);
    });
  }),
);
await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));

const client = spawn(...pinApart(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./discord-client.ts', import.meta.url))]), { stdio: ['pipe', 'pipe', 'inherit'] });
const lines = createInterface({ input: client.stdout })[Symbol.asyncIterator]();
const run = async (url: string, n: number) => {
  client.stdin.write(`${JSON.stringify({ url, n, pem })}\n`);
  const { times, bytes } = JSON.parse((await lines.next()).value as string) as { times: number[]; bytes: number };
  if (bytes !== Buffer.byteLength(reply)) throw new Error(`${url} answered ${bytes} bytes, expected ${Buffer.byteLength(reply)}`);
  return times;
};

const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
await run(bareUrl, WARMUP);
await run(oursUrl, WARMUP);
const rt = { ours: [] as number[], bare: [] as number[] };
for (let round = 0; round < ROUNDS; round += 1) {
  timing.recording = 'bare';
  rt.bare.push(...(await run(bareUrl, N)));
  timing.recording = 'ours';
  rt.ours.push(...(await run(oursUrl, N)));
  timing.recording = undefined;
}
const bareName = BOUNDARY ? 'bare verify+zod+stringify' : 'bare verify+answer';
const rows = [
  summary(`${bareName} (server)`, timing.of('bare')),
  summary('rivalry-bot compare (server)', timing.of('ours')),
  summary(`${bareName} (round trip)`, rt.bare),
  summary('rivalry-bot compare (round trip)', rt.ours),
];
const fmt = (s: (typeof rows)[number]) => `${s.label.padEnd(41)} n=${s.n} p50=${s.p50.toFixed(3)} ms p95=${s.p95.toFixed(3)} ms p99=${s.p99.toFixed(3)} ms`;
const [sb, so, rb, ro] = rows as [typeof rows[number], typeof rows[number], typeof rows[number], typeof rows[number]];
const ratio = (x: typeof sb, y: typeof sb) => `p50=${(x.p50 / y.p50).toFixed(2)} p95=${(x.p95 / y.p95).toFixed(2)} p99=${(x.p99 / y.p99).toFixed(2)} (p50 +${(x.p50 - y.p50).toFixed(3)} ms)`;
process.stdout.write(
  [`reply ${Buffer.byteLength(reply)} bytes from both servers`, ...rows.map(fmt), `server-side overhead ratio ${ratio(so, sb)}`, `round-trip overhead ratio ${ratio(ro, rb)}`].join('\n') + '\n',
);

client.stdin.end();
await ours.stop();
bare.close();
await discord.stop();
