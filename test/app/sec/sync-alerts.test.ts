import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/app/config.js';
import { runBot, type Bot } from '../../../src/app/run-bot.js';
import { SecClient } from '../../../src/app/sec/sec-client.js';
import { FakeSec, factsFor } from '../../fakes/fake-sec.js';
import { BUNDLED_FILE } from '../../helpers/bundled.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { until } from '../../helpers/until.js';


describe('SEC sync inside serve', () => {
  const sec = new FakeSec();
  const dir = mkdtempSync(join(tmpdir(), 'rivalry-secsync-'));
  let base: string;
  let bot: Bot | undefined;
  beforeAll(async () => {
    base = await sec.start();
  });
  afterAll(async () => {
    await bot?.stop();
    await sec.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('SEC_SYNC_CRON syncs on schedule, and new quarters reach subscribers as milestone alerts', async () => {
    const dataDir = join(dir, 'rivalries');
    mkdirSync(dataDir);
    copyFileSync(BUNDLED_FILE, join(dataDir, 'amazon-vs-walmart.json'));
    // At first SEC has no revenue newer than the bundled file.
    sec.companies.set('0001018724', factsFor('amazon'));
    sec.companies.set('0000104169', factsFor('walmart'));
    const output = new PassThrough();
    let printed = '';
    output.on('data', (d: Buffer) => (printed += d.toString()));
    const config = loadConfig({ DATABASE_PATH: join(dir, 'rivalry.db'), RIVALRY_DIR: dataDir, SEC_SYNC_CRON: '* * * * * *', SEC_USER_AGENT: 'tests test@example.com', SEC_API_URL: base });
    bot = await runBot(config, memoryLogger().logger, { consoleOutput: output });
    await bot.handlers.handle({ kind: 'text', text: 'subscribe alerts-only', origin: { platform: 'console', workspaceId: 'local', channelId: 'console', requestId: 'r', canManageChannel: async () => true } });
    // The first sync adds the quarters of the other metrics (operating income to cash flow) that the file lacks; revenue has no news.
    await until(() => bot?.holder.current.rivalries[0]?.metrics.find((m) => m.id === 'capex')?.series[0]?.points.some((p) => p.fiscalLabel === 'Q4 FY2025') === true);
    expect(printed).not.toContain('trailing-twelve-month revenue');

    // Amazon files a 10-Q for Q1 2026: its trailing twelve months reach a new high.
    sec.companies.set('0001018724', factsFor('amazon', [{ start: '2026-01-01', end: '2026-03-31', value: 175_000, basis: 'quarter' }]));
    await until(() => printed.includes('Amazon posts record trailing-twelve-month revenue: $736.3B'));
    expect(bot.holder.current.rivalries[0]?.metrics[0]?.series[0]?.points.some((p) => p.fiscalLabel === 'Q1 FY2026')).toBe(true);
  });
});

describe('SEC fair access', () => {
  it('starts at most 8 requests a second', async () => {
    const sec = new FakeSec();
    const base = await sec.start();
    sec.companies.set('0001018724', factsFor('amazon'));
    const cacheDir = mkdtempSync(join(tmpdir(), 'rivalry-sec-cache-'));
    const client = new SecClient({ apiUrl: base, tickersUrl: `${base}/files/company_tickers.json`, userAgent: 'tests test@example.com', cacheDir, logger: memoryLogger().logger });
    const started = Date.now();
    await Promise.all(Array.from({ length: 9 }, () => client.companyFacts('1018724')));
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(sec.requests.every((r) => r.headers['user-agent'] === 'tests test@example.com')).toBe(true);
    await sec.stop();
    rmSync(cacheDir, { recursive: true, force: true });
  });
});
