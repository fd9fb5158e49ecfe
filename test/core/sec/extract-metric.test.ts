import { describe, expect, it } from 'vitest';
import type { Company, DataPoint } from '../../../src/core/data/schema.js';
import { metricDefinition } from '../../../src/core/metrics/metric-definitions.js';
import type { CompanyFacts, SecFact } from '../../../src/core/sec/company-facts.js';
import { extractMetric } from '../../../src/core/sec/extract-metric.js';
import { bundledRivalry } from '../../helpers/bundled.js';
import { factsFor } from '../../fakes/fake-sec.js';
import { weeklyCompanyFacts } from '../../fakes/sec-companies.js';

const [amazon, walmart] = bundledRivalry().companies;
if (amazon === undefined || walmart === undefined) throw new Error('bundled companies');

const capex = metricDefinition('capex');
const netIncome = metricDefinition('net-income');
const operatingIncome = metricDefinition('operating-income');
const cashFlow = metricDefinition('operating-cash-flow');

/** The USD facts of one concept, to bend them into a trap. */
const factsOf = (facts: CompanyFacts, concept: string): SecFact[] => facts.facts['us-gaap']?.[concept]?.units['USD'] ?? [];
const quarters = (points: readonly DataPoint[]) => points.filter((p) => p.basis === 'quarter');
const days = (p: DataPoint) => (Date.parse(p.end) - Date.parse(p.start)) / 86_400_000 + 1;
const find = (points: readonly DataPoint[], label: string) => points.find((p) => p.fiscalLabel === label);

describe('extractMetric: cash-flow statements (year to date in 10-Qs)', () => {
  const amazonCapex = extractMetric(factsFor('amazon'), amazon, capex);

  it('derives Q2–Q4 as differences of year-to-date figures, never showing one as a quarter', () => {
    expect(amazonCapex.errors).toEqual([]);
    expect(quarters(amazonCapex.points).map((p) => `${p.fiscalLabel} ${p.value}`)).toEqual([
      'Q1 FY2024 16600', 'Q2 FY2024 19920', 'Q3 FY2024 21580', 'Q4 FY2024 24899',
      'Q1 FY2025 26364', 'Q2 FY2025 31637', 'Q3 FY2025 34273', 'Q4 FY2025 39545',
    ]);
    // The six- and nine-month sums of the 10-Qs (58,001 and 92,274 in FY2025) are inputs only.
    expect(quarters(amazonCapex.points).map((p) => p.value)).not.toContain(58_001);
    expect(quarters(amazonCapex.points).map((p) => p.value)).not.toContain(92_274);
    expect(quarters(amazonCapex.points).every((p) => days(p) >= 84 && days(p) <= 98)).toBe(true);
    // Quarters add up to the year.
    const fy2025 = quarters(amazonCapex.points).filter((p) => p.fiscalLabel.endsWith('FY2025')).reduce((sum, p) => sum + p.value, 0);
    expect(fy2025).toBe(find(amazonCapex.points, 'FY2025')?.value);
  });

  it('labels each derived quarter with both inputs, and the later filing as its source', () => {
    const q2 = find(amazonCapex.points, 'Q2 FY2025');
    const h1 = factsOf(factsFor('amazon'), 'PaymentsToAcquireProductiveAssets').find((f) => f.start === '2025-01-01' && f.end === '2025-06-30');
    expect(q2?.start).toBe('2025-04-01');
    expect(q2?.source).toEqual({ document: 'Derived: six months to 2025-06-30 (Form 10-Q) minus Q1 (Form 10-Q)', form: '10-Q', accession: h1?.accn, filed: h1?.filed, concept: 'us-gaap:PaymentsToAcquireProductiveAssets' });
    expect(q2?.note).toMatch(/^six months to 2025-06-30 58,001 \(0001018724-25-\d{6}\) minus Q1 FY2025 26,364 \(0001018724-25-\d{6}\)$/);
    expect(find(amazonCapex.points, 'Q3 FY2025')?.source.document).toBe('Derived: nine months to 2025-09-30 (Form 10-Q) minus six months to 2025-06-30 (Form 10-Q)');
    const q4 = find(amazonCapex.points, 'Q4 FY2025');
    expect(q4?.source).toMatchObject({ document: 'Derived: fiscal year to 2025-12-31 (Form 10-K) minus nine months to 2025-09-30 (Form 10-Q)', form: '10-K', accession: find(amazonCapex.points, 'FY2025')?.source.accession });
    // Q1 is the three-month figure as filed.
    expect(find(amazonCapex.points, 'Q1 FY2025')?.source.document).toBe('Form 10-Q (SEC XBRL us-gaap:PaymentsToAcquireProductiveAssets)');
  });

  it('takes the later filing when the shorter span was refiled after the longer one (an amended Q1)', () => {
    const facts = factsFor('amazon');
    const q1 = factsOf(facts, 'PaymentsToAcquireProductiveAssets').find((f) => f.start === '2025-01-01' && f.end === '2025-03-31') as SecFact;
    factsOf(facts, 'PaymentsToAcquireProductiveAssets').push({ ...q1, val: 26_000_000_000, accn: '0001018724-25-111111', form: '10-Q/A', filed: '2025-11-15' });
    const points = extractMetric(facts, amazon, capex).points;
    expect(find(points, 'Q1 FY2025')?.value).toBe(26_000);
    expect(find(points, 'Q1 FY2025')?.note).toContain('restated: first reported 26,364');
    expect(find(points, 'Q2 FY2025')).toMatchObject({ value: 58_001 - 26_000, source: { form: '10-Q/A', accession: '0001018724-25-111111', filed: '2025-11-15' } });
  });

  it('never differences spans that are not back to back: without the six-month 10-Q, Q2 and Q3 are left out', () => {
    const facts = factsFor('walmart');
    const concept = facts.facts['us-gaap']?.['PaymentsToAcquirePropertyPlantAndEquipment'];
    if (concept === undefined) throw new Error('fixture');
    concept.units['USD'] = factsOf(facts, 'PaymentsToAcquirePropertyPlantAndEquipment').filter((f) => !(f.start === '2025-02-01' && f.end === '2025-07-31'));
    const points = quarters(extractMetric(facts, walmart, capex).points).filter((p) => p.fiscalLabel.endsWith('FY2026'));
    expect(points.map((p) => `${p.fiscalLabel} ${p.value}`)).toEqual(['Q1 FY2026 5328', 'Q4 FY2026 7993']);
  });

  it('keeps a quarter a cash-flow statement reports as such, and leaves out a fourth quarter longer than a quarter', () => {
    const costcoLike = weeklyCompanyFacts({ cik: '0000909832', entityName: 'COSTCO', concept: 'Revenues', firstStart: '2023-09-04', quarterWeeks: [12, 12, 12, 16], annual: [240_000, 250_000], capex: [4_300, 5_200] });
    const company: Company = { ...walmart, id: 'costco', name: 'Costco', cik: '0000909832', fiscalYearEnd: '09-01' };
    const result = extractMetric(costcoLike, company, capex);
    expect(result.errors).toEqual([]);
    // 12-week Q1 as filed, Q2 and Q3 from 24 and 36 weeks to date; the 16-week rest of the year is no quarter.
    expect(quarters(result.points).map((p) => `${p.fiscalLabel} ${p.value} ${days(p)}`)).toEqual([
      'Q1 FY2024 992 84', 'Q2 FY2024 992 84', 'Q3 FY2024 992 84',
      'Q1 FY2025 1200 84', 'Q2 FY2025 1200 84', 'Q3 FY2025 1200 84',
    ]);
    expect(find(result.points, 'Q2 FY2024')?.source.document).toMatch(/^Derived: 24 weeks to 2024-02-1\d \(Form 10-Q\) minus Q1 \(Form 10-Q\)$/);
    expect(result.warnings).toContain('Costco: the rest of the year after Q3 is longer than a quarter (Q4 FY2024 (112 days), Q4 FY2025 (112 days)), so it is left out of quarterly comparisons');
  });

  it('accepts negative operating cash flow (a signed metric) and differences through it', () => {
    const result = extractMetric(factsFor('amazon'), amazon, cashFlow);
    expect(result.errors).toEqual([]);
    expect(find(result.points, 'Q1 FY2025')?.value).toBe(-6_976);
    expect(find(result.points, 'Q2 FY2025')).toMatchObject({ value: 34_879, note: expect.stringContaining('minus Q1 FY2025 -6,976') });
  });

  it('refuses negative capex (a year-to-date figure included) and a 100× jump, naming company, period and concept', () => {
    const negative = factsFor('walmart');
    for (const f of factsOf(negative, 'PaymentsToAcquirePropertyPlantAndEquipment')) if (f.start === '2025-02-01' && f.end === '2025-10-31') f.val = -f.val;
    expect(extractMetric(negative, walmart, capex).errors).toEqual([expect.stringMatching(/^Walmart Q3 FY2026 year to date \(PaymentsToAcquirePropertyPlantAndEquipment\): negative capex -18649000000 in 0000104169-/)]);
    const jump = factsFor('walmart');
    for (const f of factsOf(jump, 'PaymentsToAcquirePropertyPlantAndEquipment')) if (f.end === '2026-01-31') f.val *= 1000;
    expect(extractMetric(jump, walmart, capex).errors.join('\n')).toContain('Walmart FY2026 (us-gaap:PaymentsToAcquirePropertyPlantAndEquipment): 26,642,000 million after 23,783 in FY2025: a 100× jump');
  });
});

describe('extractMetric: income statements', () => {
  it('takes each quarter as filed beside its year-to-date sums, and derives Q4 from the 10-K', () => {
    const result = extractMetric(factsFor('walmart'), walmart, operatingIncome);
    expect(result.errors).toEqual([]);
    expect(quarters(result.points).filter((p) => p.fiscalLabel.endsWith('FY2026')).map((p) => `${p.fiscalLabel} ${p.value}`)).toEqual(['Q1 FY2026 6263', 'Q2 FY2026 7158', 'Q3 FY2026 7456', 'Q4 FY2026 8948']);
    expect(quarters(result.points).map((p) => p.value)).not.toContain(6263 + 7158); // the six months to date
    expect(find(result.points, 'Q4 FY2026')?.source.document).toBe('Derived: fiscal year (Form 10-K) minus Q1–Q3 (Forms 10-Q)');
  });

  it('lets the latest filing win for a restated year, noting what was first reported', () => {
    const fy2024 = find(extractMetric(factsFor('walmart'), walmart, operatingIncome).points, 'FY2024');
    expect(fy2024?.value).toBe(27_012);
    expect(fy2024?.note).toMatch(/^restated: first reported 27,133 in 0000104169-24-\d{6} \(filed 2024-03-11\)$/);
  });

  it('uses NetIncomeLoss (attributable to Walmart), never ProfitLoss (with noncontrolling interests)', () => {
    const result = extractMetric(factsFor('walmart'), walmart, netIncome);
    expect(find(result.points, 'FY2026')).toMatchObject({ value: 21_893, source: { concept: 'us-gaap:NetIncomeLoss' } });
    expect(find(result.points, 'Q1 FY2026')?.value).toBe(4_379);
    expect(result.points.some((p) => p.source.concept === 'us-gaap:ProfitLoss')).toBe(false);
  });

  it('does not fall back to ProfitLoss when it is the only net income there, even when a company names it', () => {
    const facts = factsFor('walmart');
    delete facts.facts['us-gaap']?.['NetIncomeLoss'];
    const result = extractMetric(facts, walmart, netIncome);
    expect(result).toEqual({ points: [], errors: [], warnings: ['Walmart: no net income (NetIncomeLoss, NetIncomeLossAvailableToCommonStockholdersBasic) in its company facts; ProfitLoss is there but not used: it includes noncontrolling interests'] });
    const named = extractMetric(facts, { ...walmart, concepts: { 'net-income': ['ProfitLoss'] } }, netIncome);
    expect(named.points).toEqual([]);
    expect(named.warnings[0]).toBe('Walmart: ProfitLoss is not used for net income: it includes noncontrolling interests');
  });

  it('accepts a loss year, and does not call a swing through zero or near it a unit error', () => {
    const result = extractMetric(factsFor('amazon'), amazon, netIncome);
    expect(result.errors).toEqual([]);
    expect(find(result.points, 'FY2022')?.value).toBe(-2_722);
    expect(find(result.points, 'FY2023')?.value).toBe(30_425);
    const nearZero = factsFor('amazon');
    for (const f of factsOf(nearZero, 'NetIncomeLoss')) if (f.end === '2022-12-31' && f.start === '2022-01-01') f.val = 120_000_000;
    expect(extractMetric(nearZero, amazon, netIncome).errors).toEqual([]); // 120 then 30,425: a recovery, not a slip
  });

  it('still catches a unit slip between two large figures of a signed metric', () => {
    const facts = factsFor('amazon');
    for (const f of factsOf(facts, 'NetIncomeLoss')) if (f.end === '2025-12-31' && f.start === '2025-01-01') f.val *= 1000;
    expect(extractMetric(facts, amazon, netIncome).errors.join('\n')).toContain('Amazon FY2025 (us-gaap:NetIncomeLoss): 77,670,000 million after 59,248 in FY2024: a 100× jump');
  });
});

describe('extractMetric: a company without the metric', () => {
  it('is no error for a metric other than revenue: no figures, and a warning naming the concepts looked for', () => {
    expect(extractMetric(factsFor('walmart', [], { without: ['capex'] }), walmart, capex)).toEqual({
      points: [],
      errors: [],
      warnings: ['Walmart: no capex (PaymentsToAcquirePropertyPlantAndEquipment, PaymentsToAcquireProductiveAssets) in its company facts'],
    });
  });

  it('follows a company\'s own concept order for the metric', () => {
    const facts = factsFor('amazon');
    const result = extractMetric(facts, { ...amazon, concepts: { capex: ['PaymentsToAcquirePropertyPlantAndEquipment'] } }, capex);
    expect(result.points).toEqual([]);
    expect(result.warnings).toEqual(['Amazon: no capex (PaymentsToAcquirePropertyPlantAndEquipment) in its company facts']);
  });
});
