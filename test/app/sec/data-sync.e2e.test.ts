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
    const first = await cli(['data', 'sync', 'amazon-vs-walmart']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('2 added, 0 changed (restated)');
    expect(first.stdout).toContain('+ Q1 FY2026: 175,000');
    expect(first.stdout).toContain('+ Q1 FY2027: 172,000');
    // The sync writes the database (every replica reads it), never the shipped file.
    expect(file()).toBe(readFileSync(BUNDLED_FILE, 'utf8'));
    const synced = JSON.parse(await stored()) as { metrics: Array<{ series: Array<{ points: Array<{ fiscalLabel: string; source: { accession?: string; concept?: string; filed?: string } }> }> }> };
    const walmartFy2026 = synced.metrics[0]?.series[1]?.points.find((p) => p.fiscalLabel === 'FY2026');
    expect(walmartFy2026?.source).toMatchObject({ concept: 'us-gaap:Revenues', accession: expect.stringMatching(/^0000104169-/) });
    expect(synced.metrics[0]?.series[0]?.points.some((p) => p.fiscalLabel === 'Q1 FY2026')).toBe(true);
    const requestsBefore = sec.requests.length;
    const written = await stored();

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
    expect(stdout).toContain('2 added');
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
