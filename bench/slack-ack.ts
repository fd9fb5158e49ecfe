/**
 * Slack ack latency, for rivalry-bot's serve path and for a bare Bolt app that only acks, both through
 * Bolt's real HTTP receiver. Measured twice: server-side, from the request arriving to the ack
 * response finishing (the definition), and client-side, round trip. The load generator and
 * fake Slack run in a child process. Loopback only. rivalry-bot logs at info level (to /dev/null), as
 * `serve` does.
 * BARE_AS_OURS=1 gives the bare app what rivalry-bot's Bolt app has before its ack: the same four
 * listeners (command, block actions, view submission, app_home_opened) and the same zod check of the
 * command payload, to show what the difference is made of.
 * The client leaves PAUSE_MS (default 2) between one reply and the next command, for both apps: after
 * acking, rivalry-bot still works on the previous command (reply delivered, its response read, a log
 * line) for a few hundred µs, and a command arriving in the middle of that measures the tail of the
 * previous one, not the ack (PAUSE_MS=0: back to back, as this bench did before).
 * Run: npm run bench:slack   (N=1000 requests per app and round, ROUNDS=2 rounds alternating, after 200 warm-up requests each).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { createHandlers } from '../src/app/command-handler.js';
import { loadConfig } from '../src/app/config.js';
import { commandContext } from '../src/app/context.js';
import { loadCatalog } from '../src/app/load-data.js';
import { startPlatforms } from '../src/app/serve.js';
import { slashCommandSchema } from '../src/adapters/slack/slash-command-payload.js';
import { BOT_TOKEN, SIGNING_SECRET } from '../test/fakes/fake-slack.js';
import { benchLogger, pinApart, ServerTiming } from './server-timing.js';
import { summary } from './stats.js';

const N = Number(process.env['N'] ?? 1000);
const ROUNDS = Number(process.env['ROUNDS'] ?? 2);
const WARMUP = 200;
const BARE_AS_OURS = process.env['BARE_AS_OURS'] === '1';

const client = spawn(...pinApart(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./slack-ack-client.ts', import.meta.url))]), { stdio: ['pipe', 'pipe', 'inherit'] });
const lines = createInterface({ input: client.stdout })[Symbol.asyncIterator]();
const readLine = async () => JSON.parse(((await lines.next()).value as string) ?? 'null') as unknown;
const { base } = (await readLine()) as { base: string };
const run = async (url: string, waitForReply: boolean, n: number) => {
  client.stdin.write(`${JSON.stringify({ url, waitForReply, n })}\n`);
  return (await readLine()) as { ack: number[]; reply: number[] };
};

const timing = new ServerTiming<'ours' | 'bare'>();

const logger = benchLogger();
const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${base}/api/`, PORT: '0', HOST: '127.0.0.1' });
const ours = await startPlatforms(config, createHandlers(commandContext(loadCatalog(undefined)), logger), logger, { wrapListener: (l) => timing.wrap('ours', l) });

const receiver = new HTTPReceiver({ signingSecret: SIGNING_SECRET, logLevel: LogLevel.ERROR });
const bare = new App({ token: BOT_TOKEN, receiver, clientOptions: { slackApiUrl: `${base}/api/` }, logLevel: LogLevel.ERROR, deferInitialization: true });
await bare.init();
bare.command('/rivalry', async ({ command, ack }) => {
  if (BARE_AS_OURS && !slashCommandSchema.safeParse(command).success) throw new Error('malformed');
  await ack();
});
if (BARE_AS_OURS) {
  bare.action(/^rivalry:/, async ({ ack }) => ack());
  bare.view({ callback_id: /^rivalry:/, type: 'view_submission' }, async ({ ack }) => ack());
  bare.event('app_home_opened', async () => undefined);
}
const bareServer = createServer(timing.wrap('bare', receiver.requestListener));
await new Promise<void>((r) => bareServer.listen(0, '127.0.0.1', r));

const oursUrl = `http://127.0.0.1:${ours.port}/slack/events`;
const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/slack/events`;
await run(bareUrl, false, WARMUP);
await run(oursUrl, true, WARMUP);

const oursAck: number[] = [];
const oursReply: number[] = [];
const bareAck: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  timing.recording = 'bare';
  bareAck.push(...(await run(bareUrl, false, N)).ack);
  timing.recording = 'ours';
  const r = await run(oursUrl, true, N);
  timing.recording = undefined;
  oursAck.push(...r.ack);
  oursReply.push(...r.reply);
}
const so = summary('rivalry-bot ack (server)', timing.of('ours'));
const bareName = BARE_AS_OURS ? 'bare Bolt + our listeners/zod' : 'bare Bolt';
const sb = summary(`${bareName} ack (server)`, timing.of('bare'));
const o = summary('rivalry-bot ack (round trip)', oursAck);
const b = summary(`${bareName} ack (round trip)`, bareAck);
const r = summary('rivalry-bot reply delivered', oursReply);
const fmt = (s: typeof o) => `${s.label.padEnd(44)} n=${s.n} p50=${s.p50.toFixed(3)} ms p95=${s.p95.toFixed(3)} ms p99=${s.p99.toFixed(3)} ms`;
const ratio = (x: typeof o, y: typeof o) => `p50=${(x.p50 / y.p50).toFixed(2)} p95=${(x.p95 / y.p95).toFixed(2)} p99=${(x.p99 / y.p99).toFixed(2)} (p50 +${(x.p50 - y.p50).toFixed(3)} ms)`;
process.stdout.write(
  [fmt(sb), fmt(so), fmt(b), fmt(o), fmt(r), `server-side ack overhead ratio ${ratio(so, sb)}`, `round-trip ack overhead ratio ${ratio(o, b)}`].join('\n') + '\n',
);

client.stdin.end();
await ours.stop();
bareServer.close();
