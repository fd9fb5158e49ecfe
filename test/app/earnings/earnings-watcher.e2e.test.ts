import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/app/config.js';
import { runBot, type Bot } from '../../../src/app/run-bot.js';
import { secClientFromConfig } from '../../../src/app/sec/sec-from-config.js';
import { syncCatalog } from '../../../src/app/sec/sync-rivalries.js';
import type { CompanyFacts } from '../../../src/core/sec/company-facts.js';
import { json } from '../../fakes/http-recorder.js';
import { FakeSec, factsFor, SEC_TICKERS } from '../../fakes/fake-sec.js';
import { BOT_TOKEN, FakeSlack, SIGNING_SECRET } from '../../fakes/fake-slack.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { until } from '../../helpers/until.js';
import { secEnv } from '../../helpers/sec-env.js';

const WALMART = '0000104169';
const AMAZON = '0001018724';
const Q1_FY2027 = { start: '2026-02-01', end: '2026-04-30', value: 172_000, basis: 'quarter' };

/** A filing index as SEC serves it: parallel arrays, newest first. */
function index(cik: string, filings: Array<{ accession: string; form: string; items?: string; filed: string }>) {
  const newest = [...filings].reverse();
  return {
    cik: String(Number(cik)),
    name: cik === WALMART ? 'Walmart Inc.' : 'AMAZON COM INC',
    filings: {
      recent: {
        accessionNumber: newest.map((f) => f.accession),
        filingDate: newest.map((f) => f.filed),
        reportDate: newest.map(() => ''),
        form: newest.map((f) => f.form),
        items: newest.map((f) => f.items ?? ''),
      },
    },
  };
}

/** Company facts whose figures for the period ending `end` were reported in `accession`. */
function reportedIn(facts: CompanyFacts, end: string, accession: string): CompanyFacts {
  const concepts = facts.facts['us-gaap'] ?? {};
  for (const concept of Object.values(concepts)) for (const list of Object.values(concept.units)) for (const f of list) if (f.end === end) Object.assign(f, { accn: accession, filed: '2026-05-29', form: '10-Q' });
  return facts;
}

/** Earnings day end to end: a fake SEC filing index and company facts, the bot watching every second, a fake Slack channel. */
describe('earnings-day updates', () => {
  const sec = new FakeSec();
  const slack = new FakeSlack();
  const dir = mkdtempSync(join(tmpdir(), 'rivalry-earnings-'));
  const indexes = new Map<string, Array<{ accession: string; form: string; items?: string; filed: string }>>();
  let bot: Bot;
  let config: ReturnType<typeof loadConfig>;

  beforeAll(async () => {
    const secBase = await sec.start();
    const slackBase = await slack.start();
    sec.tickers = SEC_TICKERS;
    sec.companies.set(AMAZON, factsFor('amazon'));
    sec.companies.set(WALMART, factsFor('walmart'));
    indexes.set(AMAZON, [{ accession: '0001018724-26-000004', form: '10-K', filed: '2026-02-06' }]);
    indexes.set(WALMART, [{ accession: '0000104169-26-000055', form: '10-K', filed: '2026-03-13' }, { accession: '0000104169-26-000050', form: '8-K', items: '2.02,9.01', filed: '2026-02-19' }]);
    sec.overrides = [
      (req, res) => {
        const cik = /^\/submissions\/CIK(\d{10})\.json$/.exec(req.path)?.[1];
        if (cik === undefined) return false;
        json(res, 200, index(cik, indexes.get(cik) ?? []));
        return true;
      },
    ];
    config = loadConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: `${slackBase}/api/`,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: join(dir, 'rivalry.db'),
      ...secEnv(secBase),
      SEC_WATCH_SECONDS: '1',
    });
    bot = await runBot(config, memoryLogger().logger);
    // The bundled figures brought up to date with SEC first, so the only news below is the new filings'.
    expect((await syncCatalog(bot.store, [], secClientFromConfig(config, memoryLogger().logger, bot.store))).failures).toEqual([]);
    await bot.holder.refresh();
    const reply = await bot.handlers.handle({ kind: 'text', text: 'subscribe amazon-vs-walmart alerts-only', origin: { platform: 'slack', workspaceId: 'T0001', channelId: 'C0001', userId: 'U1', requestId: 'r', canManageChannel: async () => true } });
    expect(reply.title).toBe('Subscribed: Amazon vs Walmart');
    // The first read of each index is the baseline: nothing in it is news.
    await until(async () => (await bot.store.filings.watchedCiks()).size === 2, 10_000);
  });
  afterAll(async () => {
    await bot.stop();
    await slack.stop();
    await sec.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const posts = () => slack.posted.filter((p) => p.channel === 'C0001');

  it('turns an 8-K with item 2.02 into one "earnings released" alert, with a link and no figures', async () => {
    expect(posts()).toEqual([]);
    indexes.get(WALMART)?.push({ accession: '0000104169-26-900070', form: '8-K', items: '2.02,9.01', filed: '2026-05-15' });
    await until(() => posts().length === 1, 10_000);
    expect(posts()[0]?.key).toBe(`earnings:1:0000104169-26-900070`);
    const body = decodeURIComponent(slack.to('/api/chat.postMessage').at(-1)?.raw ?? '');
    expect(body).toContain('Earnings released: Walmart');
    expect(posts()[0]?.text).toContain('Walmart released its results (Form 8-K, item 2.02');
    expect(body).toContain('https://www.sec.gov/Archives/edgar/data/104169/000010416926900070/0000104169-26-900070-index.htm');
    expect(body).not.toContain('$');
  });

  it('waits for a new 10-Q\'s figures, then posts the new quarter once, with its milestones, and no separate alert', async () => {
    indexes.get(WALMART)?.push({ accession: '0000104169-26-900080', form: '10-Q', filed: '2026-05-29' });
    // SEC's company facts do not carry the 10-Q yet: the watcher keeps it waiting.
    await until(async () => (await bot.store.filings.pendingFilings()).some((f) => f.accession === '0000104169-26-900080' && f.state === 'waiting' && f.attempts >= 2), 10_000);
    expect(posts().map((p) => p.key)).toEqual(['earnings:1:0000104169-26-900070']);
    const appeared = Date.now();
    sec.companies.set(WALMART, reportedIn(factsFor('walmart', [Q1_FY2027]), Q1_FY2027.end, '0000104169-26-900080'));
    await until(() => posts().length === 2, 15_000);
    const posted = Date.now() - appeared;
    expect(posted).toBeLessThan(10_000);
    expect(posts()[1]?.key).toBe('filing:1:0000104169-26-900080');
    const body = decodeURIComponent(slack.to('/api/chat.postMessage').at(-1)?.raw ?? '');
    expect(body).toContain('New quarter: Walmart Q1 FY2027');
    expect(body).toContain('$172B');
    expect(body).toContain('New milestone');
    // Nothing else for the same news: the milestone announcer leaves the watcher's figures to it.
    await new Promise((r) => setTimeout(r, 2500));
    expect(posts()).toHaveLength(2);
  });

  it('posts nothing twice after a restart', async () => {
    await bot.stop();
    bot = await runBot(config, memoryLogger().logger);
    await new Promise((r) => setTimeout(r, 3000));
    expect(posts()).toHaveLength(2);
    expect(new Set(posts().map((p) => p.key)).size).toBe(2);
  });
});
