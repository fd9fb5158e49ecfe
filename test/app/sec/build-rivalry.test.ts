import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { knownCompany } from '../../../src/app/catalog/tracking-service.js';
import { buildRivalry, type BuildResult } from '../../../src/app/sec/build-rivalry.js';
import { SecClient, type TickerEntry } from '../../../src/app/sec/sec-client.js';
import { RivalryCatalog } from '../../../src/core/data/catalog.js';
import type { Rivalry } from '../../../src/core/data/schema.js';
import { bundledRivalry } from '../../helpers/bundled.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { FakeSec, factsFor } from '../../fakes/fake-sec.js';
import { weeklyCompanyFacts } from '../../fakes/sec-companies.js';

const AMZN: TickerEntry = { cik: '0001018724', ticker: 'AMZN', title: 'AMAZON COM INC' };
const WMT: TickerEntry = { cik: '0000104169', ticker: 'WMT', title: 'Walmart Inc.' };
const COST: TickerEntry = { cik: '0000909832', ticker: 'COST', title: 'COSTCO WHOLESALE CORP /NEW' };

const built = (result: BuildResult): { rivalry: Rivalry; warnings: string[] } => {
  if (!result.ok) throw new Error(result.failures.join('\n'));
  return result;
};
const metricIds = (rivalry: Rivalry) => rivalry.metrics.map((m) => m.id);

/** Building a rivalry for `track` and `data add`, against SEC on loopback. */
describe('buildRivalry', () => {
  const sec = new FakeSec();
  let client: SecClient;
  let cacheDir: string;
  beforeAll(async () => {
    const base = await sec.start();
    cacheDir = mkdtempSync(join(tmpdir(), 'rivalry-build-'));
    client = new SecClient({ apiUrl: base, tickersUrl: `${base}/files/company_tickers.json`, userAgent: 'tests test@example.com', cacheDir, logger: memoryLogger().logger, requestsPerSecond: 100 });
  });
  afterAll(async () => {
    await sec.stop();
    rmSync(cacheDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    sec.companies.set(AMZN.cik, factsFor('amazon'));
    sec.companies.set(WMT.cik, factsFor('walmart'));
    sec.companies.set(COST.cik, weeklyCompanyFacts({ cik: COST.cik, entityName: COST.title, concept: 'RevenueFromContractWithCustomerExcludingAssessedTax', firstStart: '2019-09-02', quarterWeeks: [12, 12, 12, 16], annual: [166_761, 195_929, 226_954, 242_290, 254_453, 275_235], capex: [2_810, 3_588, 3_891, 4_323, 4_710, 5_498] }));
  });

  it('builds every stored metric both companies report, each series naming its concept, and pins those concepts', async () => {
    const { rivalry } = built(await buildRivalry({ slug: 'amzn-vs-wmt', entries: [AMZN, WMT], client, summary: 'test' }));
    expect(metricIds(rivalry)).toEqual(['revenue', 'operating-income', 'net-income', 'capex', 'operating-cash-flow']);
    const capex = rivalry.metrics.find((m) => m.id === 'capex');
    expect(capex?.series.map((s) => s.definition)).toEqual(['capital expenditures as reported to SEC (us-gaap:PaymentsToAcquireProductiveAssets)', 'capital expenditures as reported to SEC (us-gaap:PaymentsToAcquirePropertyPlantAndEquipment)']);
    expect(capex?.thresholdStep).toBeUndefined();
    expect(rivalry.metrics[0]?.thresholdStep).toBe(100_000);
    expect(rivalry.metrics.find((m) => m.id === 'net-income')?.series[1]?.definition).toBe('net income (loss) attributable to the company as reported to SEC (us-gaap:NetIncomeLoss)');
    const [amazon] = rivalry.companies;
    expect(amazon?.concepts?.['capex']).toEqual(['PaymentsToAcquireProductiveAssets', 'PaymentsToAcquirePropertyPlantAndEquipment']);
    expect(amazon?.revenueConcepts?.[0]).toBe('RevenueFromContractWithCustomerExcludingAssessedTax');
    expect(capex?.series[0]?.points.find((p) => p.fiscalLabel === 'Q2 FY2025')?.source.document).toBe('Derived: six months to 2025-06-30 (Form 10-Q) minus Q1 (Form 10-Q)');
  });

  it('leaves out a metric one company lacks, and says so', async () => {
    sec.companies.set(WMT.cik, factsFor('walmart', [], { without: ['capex'] }));
    const { rivalry, warnings } = built(await buildRivalry({ slug: 'amzn-vs-wmt', entries: [AMZN, WMT], client, summary: 'test' }));
    expect(metricIds(rivalry)).toEqual(['revenue', 'operating-income', 'net-income', 'operating-cash-flow']);
    expect(warnings).toContain('Walmart: no capex (PaymentsToAcquirePropertyPlantAndEquipment, PaymentsToAcquireProductiveAssets) in its company facts');
    expect(warnings).toContain('Capex is left out: Walmart has no figures for it');
  });

  it('reuses every series a known company has, asking SEC only about the other', async () => {
    const shipped = bundledRivalry();
    const known = knownCompany(new RivalryCatalog([shipped]), AMZN.cik);
    expect(Object.keys(known?.series ?? {})).toEqual(['revenue', 'operating-income', 'net-income', 'capex', 'operating-cash-flow']);
    const before = sec.requests.length;
    const { rivalry } = built(await buildRivalry({ slug: 'amzn-vs-cost', entries: [AMZN, COST], client, summary: 'test', known: (cik) => knownCompany(new RivalryCatalog([shipped]), cik) }));
    expect(sec.requests.slice(before).map((r) => r.path)).toEqual([`/api/xbrl/companyfacts/CIK${COST.cik}.json`]);
    // Costco's facts here carry revenue and capex only.
    expect(metricIds(rivalry)).toEqual(['revenue', 'capex']);
    const shippedCapex = shipped.metrics.find((m) => m.id === 'capex')?.series[0];
    expect(rivalry.metrics.find((m) => m.id === 'capex')?.series[0]).toEqual(shippedCapex);
  });

  it('still requires revenue', async () => {
    const facts = factsFor('walmart');
    const gaap = facts.facts['us-gaap'] ?? {};
    for (const f of gaap['Revenues']?.units['USD'] ?? []) if (f.end === '2026-01-31') f.val = -1;
    sec.companies.set(WMT.cik, facts);
    const result = await buildRivalry({ slug: 'amzn-vs-wmt', entries: [AMZN, WMT], client, summary: 'test' });
    expect(result).toMatchObject({ ok: false, kind: 'no-figures', company: 'Walmart' });
  });
});
