import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { json } from '../../fakes/http-recorder.js';
import { FakeSec, factsFor, SEC_TICKERS } from '../../fakes/fake-sec.js';
import { BUNDLED_FILE } from '../../helpers/bundled.js';
import { BIN } from '../../helpers/spawn-serve.js';

const run = promisify(execFile);
const NEW_QUARTERS = {
  amazon: [{ start: '2026-01-01', end: '2026-03-31', value: 175_000, basis: 'quarter' }],
  walmart: [{ start: '2026-02-01', end: '2026-04-30', value: 172_000, basis: 'quarter' }],
};

describe('rivalry-bot data sync / data add against a fake SEC', () => {
  const sec = new FakeSec();
  let base: string;
  let dir: string;
  let dataDir: string;
  beforeAll(async () => {
    base = await sec.start();
    sec.tickers = SEC_TICKERS;
  });
  afterAll(() => sec.stop());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rivalry-sec-'));
    dataDir = join(dir, 'rivalries');
    mkdirSync(dataDir);
    copyFileSync(BUNDLED_FILE, join(dataDir, 'amazon-vs-walmart.json'));
    sec.companies.set('0001018724', factsFor('amazon', NEW_QUARTERS.amazon));
    sec.companies.set('0000104169', factsFor('walmart', NEW_QUARTERS.walmart));
    sec.overrides = [];
    return () => rmSync(dir, { recursive: true, force: true });
  });

  const cli = async (args: string[], env: Record<string, string> = {}) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
        env: { PATH: process.env['PATH'] ?? '', SEC_USER_AGENT: 'rivalry-bot tests test@example.com', SEC_API_URL: base, SEC_TICKERS_URL: `${base}/files/company_tickers.json`, DATABASE_PATH: join(dir, 'rivalry.db'), RIVALRY_DIR: dataDir, ...env },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };
  const file = () => readFileSync(join(dataDir, 'amazon-vs-walmart.json'), 'utf8');
  /** The rivalry as the database holds it, through `data export`. */
  const stored = async () => {
    const out = join(dir, `export-${Math.random().toString(36).slice(2)}`);
    const exported = await cli(['data', 'export', out]);
    expect(exported.code).toBe(0);
    return readFileSync(join(out, 'amazon-vs-walmart.json'), 'utf8');
  };

  it('refuses to sync without SEC_USER_AGENT, saying why', async () => {
    const { code, stderr } = await cli(['data', 'sync'], { SEC_USER_AGENT: '' });
    expect(code).toBe(2);
    expect(stderr).toContain('SEC_USER_AGENT: is required to download from SEC EDGAR');
    expect(sec.requests).toHaveLength(0);
  });

  it('updates the figures with their filings, reports what changed, and changes nothing on a second run', async () => {
    // Before: the bundled capex comes from secondary sources, unverified.
    expect((await cli(['ask', 'compare amazon-vs-walmart capex'])).stdout).toContain('†');
    const first = await cli(['data', 'sync', 'amazon-vs-walmart']);
    expect(first.code).toBe(0);
    // Two new revenue quarters; for each other metric and company, eight quarters from the 10-Qs.
    expect(first.stdout).toContain('66 added, 0 changed (restated)');
    expect(first.stdout).toMatch(/amazon-vs-walmart · Amazon · Revenue: +\+ Q1 FY2026: 175,000/);
    expect(first.stdout).toContain('+ Q1 FY2027: 172,000');
    expect(first.stdout).toMatch(/amazon-vs-walmart · Walmart · Capex: +\+ Q1 FY2025: 4,757 \(10-Q 0000104169-/);
    // The sync writes the database (every replica reads it), never the shipped file.
    expect(file()).toBe(readFileSync(BUNDLED_FILE, 'utf8'));
    const synced = JSON.parse(await stored()) as { metrics: Array<{ id: string; series: Array<{ points: Array<{ fiscalLabel: string; basis: string; start: string; end: string; value: number; verified: boolean; source: { accession?: string; concept?: string; filed?: string } }> }> }> };
    const walmartFy2026 = synced.metrics[0]?.series[1]?.points.find((p) => p.fiscalLabel === 'FY2026');
    expect(walmartFy2026?.source).toMatchObject({ concept: 'us-gaap:Revenues', accession: expect.stringMatching(/^0000104169-/) });
    expect(synced.metrics[0]?.series[0]?.points.some((p) => p.fiscalLabel === 'Q1 FY2026')).toBe(true);
    // Capex quarters are differences of the 10-Qs' year-to-date figures, each a quarter long.
    const amazonCapex = synced.metrics.find((m) => m.id === 'capex')?.series[0]?.points ?? [];
    const quarters = amazonCapex.filter((p) => p.basis === 'quarter');
    expect(quarters.map((p) => `${p.fiscalLabel} ${p.value}`)).toEqual(['Q1 FY2024 16600', 'Q2 FY2024 19920', 'Q3 FY2024 21580', 'Q4 FY2024 24899', 'Q1 FY2025 26364', 'Q2 FY2025 31637', 'Q3 FY2025 34273', 'Q4 FY2025 39545']);
    expect(quarters.every((p) => (Date.parse(p.end) - Date.parse(p.start)) / 86_400_000 + 1 <= 98)).toBe(true);
    // Every annual figure of every metric now carries its filing.
    const annual = synced.metrics.flatMap((m) => m.series.flatMap((s) => s.points.filter((p) => p.basis === 'annual' && p.end >= '2019-01-01')));
    expect(annual.filter((p) => !p.verified || p.source.accession === undefined)).toEqual([]);
    const requestsBefore = sec.requests.length;
    const written = await stored();

    const quarterly = await cli(['ask', 'compare amazon-vs-walmart capex quarterly']);
    expect(quarterly.stdout).toContain('Amazon   Q4 FY2025 (Oct–Dec 2025)              39,545');
    expect(quarterly.stdout).toContain('Walmart  Q4 FY2026 (Nov 2025–Jan 2026)          7,993');
    expect(quarterly.stdout).toMatch(/Amazon Q4 FY2025: Derived: fiscal year to 2025-12-31 \(Form 10-K\) minus nine months to 2025-09-30 \(Form 10-Q\), accession 0001018724-/);
    // Never a year-to-date sum: nine months of 2025 were 92,274 (Amazon) and 18,649 (Walmart).
    expect(quarterly.stdout).not.toMatch(/92,274|18,649|\$92\.3B|\$18\.6B/);
    const history = await cli(['ask', 'history amazon-vs-walmart capex quarterly']);
    expect(history.stdout).toContain('Q2 FY2025 / Q2 FY2026  $31.6B   $6.39B');
    expect(history.stdout).not.toMatch(/\$58\.0B|\$92\.3B/); // Amazon's six and nine months of 2025
    const yearly = await cli(['ask', 'compare amazon-vs-walmart capex']);
    expect(yearly.stdout).toMatch(/Amazon FY2025: Form 10-K \(SEC XBRL us-gaap:PaymentsToAcquireProductiveAssets\), accession 0001018724-\d{2}-\d{6}/);
    expect(yearly.stdout).not.toContain('†');

    const second = await cli(['data', 'sync']);
    expect(second.stdout).toContain('Up to date: no new or changed figures for amazon-vs-walmart.');
    expect(await stored()).toBe(written);
    // Unchanged companies cost a 304 each.
    expect(sec.requests.slice(requestsBefore).map((r) => r.headers['if-none-match'] !== undefined)).toEqual([true, true]);

    // The new quarters make a new TTM window: compare ttm answers with it.
    const ttm = await cli(['ask', 'compare ttm']);
    expect(ttm.stdout).toContain('TTM Q1 FY2026');
    expect(ttm.stdout).toContain('736,257'); // 716,924 − 155,667 + 175,000
  });

  it('waits out a 429 and carries on', async () => {
    let limited = 1;
    sec.overrides = [(_req, res) => (limited-- > 0 ? (json(res, 429, { message: 'slow down' }, { 'retry-after': '1' }), true) : false)];
    const { code, stdout } = await cli(['data', 'sync']);
    expect(code).toBe(0);
    expect(stdout).toContain('66 added');
  });

  it('leaves the catalog exactly as it was when a company fails (malformed body, 404, SEC unreachable)', async () => {
    const before = await stored();
    sec.overrides = [(req, res) => (req.path.includes('0000104169') ? (res.writeHead(200, { 'content-type': 'application/json' }).end('{"cik": 104169, "entityName": "Walmart", "facts": [broken'), true) : false)];
    const malformed = await cli(['data', 'sync']);
    expect(malformed.code).toBe(1);
    expect(malformed.stdout).toContain('SEC sync failed: nothing was changed');
    expect(malformed.stdout).toContain('company facts for CIK 0000104169: SEC answered with malformed JSON');
    expect(await stored()).toBe(before);

    sec.overrides = [];
    sec.companies.delete('0000104169');
    const missing = await cli(['data', 'sync']);
    expect(missing.stdout).toContain('SEC has no such record (404)');
    expect(await stored()).toBe(before);
  });

  it('ends in one line and exit 1, never a stack trace, when SEC cannot be reached', async () => {
    const closed = 'http://127.0.0.1:9'; // the discard port: nothing listens there
    const env = { SEC_API_URL: closed, SEC_TICKERS_URL: `${closed}/files/company_tickers.json` };
    const [add, sync] = await Promise.all([cli(['data', 'add', 'costco-vs-amazon', '--company', 'COST', '--company', 'AMZN'], env), cli(['data', 'sync'], env)]);
    for (const { code, stdout, stderr } of [add, sync]) {
      expect(code).toBe(1);
      expect(`${stdout}${stderr}`).toContain('SEC could not be reached');
      expect(stderr).not.toMatch(/\n\s+at /);
    }
    expect(add.stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);

  it('data add creates a working rivalry from two tickers, and names unknown ones', async () => {
    sec.companies.set('0000909832', { ...factsFor('walmart'), cik: 909832, entityName: 'COSTCO WHOLESALE CORP /NEW' });
    const unknown = await cli(['data', 'add', 'costco-vs-amazon', '--company', 'COSTT', '--company', 'AMZN']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('unknown ticker "COSTT". Did you mean "COST"?');

    const added = await cli(['data', 'add', 'costco-vs-amazon', '--company', 'COST', '--company', 'AMZN']);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Created');
    expect(added.stdout).toContain('Costco Wholesale vs Amazon.com');
    const validate = await cli(['data', 'validate']);
    expect(validate.stdout).toMatch(/^2 rivalries valid/);
    const compare = await cli(['ask', 'compare costco-vs-amazon']);
    expect(compare.code).toBe(0);
    expect(compare.stdout).toContain('Amazon.com leads');
  });
});
