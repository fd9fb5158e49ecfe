/**
 * Time from a signed `/rivalry track A vs B` to its answer at response_url, through the real Slack
 * adapter and the bot with its SQLite store, against a fake SEC that takes SEC_LATENCY_MS (default
 * 0, then 150) to answer each request. Each run tracks a pair in a new workspace. The first two runs
 * track four companies nobody tracked yet (ticker list + both companies' facts from SEC); the rest pair
 * companies another workspace already tracks, whose figures are shared, not fetched. Run: npm run bench:track
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../src/app/config.js';
import { runBot } from '../src/app/run-bot.js';
import { FakeSec } from '../test/fakes/fake-sec.js';
import { BOT_TOKEN, FakeSlack, SIGNING_SECRET, signedHeaders, slashCommandBody } from '../test/fakes/fake-slack.js';
import { withTrackableCompanies } from '../test/fakes/sec-companies.js';

const RUNS = Number(process.env['RUNS'] ?? 10);
const PAIRS = ['COST vs TGT', 'NVDA vs AMD', 'COST vs NVDA', 'TGT vs AMD', 'COST vs AMD', 'TGT vs NVDA'];

async function measure(latencyMs: number): Promise<number[]> {
  const slack = new FakeSlack();
  const sec = new FakeSec();
  const slackBase = await slack.start();
  const secBase = await sec.start();
  withTrackableCompanies(sec);
  sec.latencyMs = latencyMs;
  slack.admins.add('UADMIN');
  const dir = mkdtempSync(join(tmpdir(), 'rivalry-bench-track-'));
  const bot = await runBot(
    loadConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${slackBase}/api/`, PORT: '0', HOST: '127.0.0.1',
      DATABASE_PATH: join(dir, 'rivalry.db'), SEC_USER_AGENT: 'rivalry-bot bench bench@example.com', SEC_API_URL: secBase, SEC_TICKERS_URL: `${secBase}/files/company_tickers.json`,
    }),
    pino({ level: 'silent' }),
  );
  const events = `http://127.0.0.1:${bot.running.port}/slack/events`;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const path = `/response/bench-${latencyMs}-${i}`;
    const body = slashCommandBody(`track ${PAIRS[i % PAIRS.length] ?? ''}`, `${slackBase}${path}`, { user_id: 'UADMIN', team_id: `TBENCH${i}` });
    const reply = slack.next(path, 30_000);
    const started = performance.now();
    await fetch(events, { method: 'POST', body, headers: signedHeaders(body) });
    const answer = await reply;
    times.push(performance.now() - started);
    if (!answer.raw.includes('Now tracking')) throw new Error(`unexpected answer: ${answer.raw.slice(0, 300)}`);
  }
  await bot.stop();
  await slack.stop();
  await sec.stop();
  rmSync(dir, { recursive: true, force: true });
  return times;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
for (const latency of [0, Number(process.env['SEC_LATENCY_MS'] ?? 150)]) {
  const times = await measure(latency);
  const fetched = times.slice(0, 2).map((t) => t.toFixed(0));
  const shared = times.slice(2);
  process.stdout.write(`track → answer at response_url, SEC latency ${latency} ms: new companies ${fetched.join(' ms, ')} ms (the first also fetches the ticker list); companies already tracked elsewhere p50 ${pct(shared, 50).toFixed(0)} ms, max ${Math.max(...shared).toFixed(0)} ms over ${shared.length} runs\n`);
}
