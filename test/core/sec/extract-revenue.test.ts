import { describe, expect, it } from 'vitest';
import { extractRevenue } from '../../../src/core/sec/extract-revenue.js';
import { mergeSeries } from '../../../src/core/sec/merge-series.js';
import type { CompanyFacts } from '../../../src/core/sec/company-facts.js';
import { bundledRivalry } from '../../helpers/bundled.js';
import { factsFor } from '../../fakes/fake-sec.js';

const rivalry = bundledRivalry();
const [amazon, walmart] = rivalry.companies;
if (amazon === undefined || walmart === undefined) throw new Error('bundled companies');

describe('extractRevenue', () => {
  const amazonFacts = extractRevenue(factsFor('amazon'), amazon, amazon.revenueConcepts);
  const walmartFacts = extractRevenue(factsFor('walmart'), walmart, walmart.revenueConcepts);

  it('follows a concept switch: SalesRevenueNet to 2017, the ASC 606 concept from 2018', () => {
    const annual = amazonFacts.points.filter((p) => p.basis === 'annual');
    expect(annual.map((p) => p.fiscalLabel)).toEqual(Array.from({ length: 17 }, (_, i) => `FY${2009 + i}`));
    expect(annual.find((p) => p.fiscalLabel === 'FY2017')?.source.concept).toBe('us-gaap:SalesRevenueNet');
    expect(annual.find((p) => p.fiscalLabel === 'FY2018')?.source.concept).toBe('us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax');
    expect(annual.find((p) => p.fiscalLabel === 'FY2025')?.value).toBe(716_924);
    expect(amazonFacts.errors).toEqual([]);
  });

  it('uses the company\'s configured concept (Walmart total revenues, not net sales)', () => {
    expect(walmartFacts.points.find((p) => p.fiscalLabel === 'FY2026')?.value).toBe(713_163);
  });

  it('lets the latest filing win and notes the restatement', () => {
    const fy2013 = walmartFacts.points.find((p) => p.fiscalLabel === 'FY2013');
    expect(fy2013?.value).toBe(468_651);
    expect(fy2013?.source.filed).toBe('2015-03-12'); // the third 10-K that reported it (FY2015's)
    expect(fy2013?.note).toContain('restated: first reported 469,162');
  });

  it('takes quarters from 10-Qs, ignores year-to-date figures, and derives Q4 from the 10-K', () => {
    const quarters = walmartFacts.points.filter((p) => p.basis === 'quarter');
    expect(quarters.map((p) => `${p.fiscalLabel} ${p.value}`)).toEqual([
      'Q1 FY2025 161508', 'Q2 FY2025 169335', 'Q3 FY2025 169588', 'Q4 FY2025 180554',
      'Q1 FY2026 165609', 'Q2 FY2026 177402', 'Q3 FY2026 179496', 'Q4 FY2026 190656',
    ]);
    expect(quarters.at(-1)?.source.document).toBe('Derived: fiscal year (Form 10-K) minus Q1–Q3 (Forms 10-Q)');
    expect(quarters.at(-1)?.start).toBe('2025-11-01');
  });

  it('refuses negative revenue and 100× jumps, naming company, concept and period', () => {
    const facts = factsFor('amazon');
    const concept = facts.facts['us-gaap']?.['RevenueFromContractWithCustomerExcludingAssessedTax']?.units['USD'] ?? [];
    for (const f of concept.filter((f) => f.end === '2025-12-31')) f.val = -1;
    expect(extractRevenue(facts, amazon, amazon.revenueConcepts).errors[0]).toMatch(/^Amazon FY2025 \(RevenueFromContractWithCustomerExcludingAssessedTax\): negative revenue/);
    const jump = factsFor('amazon');
    for (const f of jump.facts['us-gaap']?.['RevenueFromContractWithCustomerExcludingAssessedTax']?.units['USD'] ?? []) if (f.end === '2025-12-31') f.val *= 1000;
    expect(extractRevenue(jump, amazon, amazon.revenueConcepts).errors.join('\n')).toContain('Amazon FY2025 (us-gaap:RevenueFromContractWithCustomerExcludingAssessedTax): 716,924,000 million after 637,959 in FY2024: a 100× jump');
  });

  it('says so when no expected concept is there, or only in another currency', () => {
    const euros: CompanyFacts = { cik: 1, entityName: 'X', facts: { 'us-gaap': { Revenues: { label: 'Revenues', units: { EUR: [{ start: '2024-01-01', end: '2024-12-31', val: 1e9, accn: 'a', form: '10-K', filed: '2025-02-01' }] } } } } };
    const result = extractRevenue(euros, amazon, ['Revenues']);
    expect(result.warnings).toEqual(['Amazon: Revenues is reported in EUR, not USD; skipped']);
    expect(result.errors[0]).toContain('none of the revenue concepts Revenues has annual or quarterly USD facts');
  });
});

describe('mergeSeries', () => {
  const series = rivalry.metrics[0]?.series[1]?.points ?? [];
  const extracted = extractRevenue(factsFor('walmart', [{ start: '2026-02-01', end: '2026-04-30', value: 172_000, basis: 'quarter' }]), walmart, walmart.revenueConcepts).points;

  it('adds new periods, sources matching ones, keeps pre-XBRL figures, and changes nothing on a second run', () => {
    const first = mergeSeries(series, extracted, 'Walmart');
    expect(first.changes.filter((c) => c.kind === 'added').map((c) => c.fiscalLabel)).toEqual(['Q1 FY2027']);
    expect(first.changes.filter((c) => c.kind === 'changed')).toEqual([]);
    expect(first.points.find((p) => p.fiscalLabel === 'FY2005')).toEqual(series.find((p) => p.fiscalLabel === 'FY2005'));
    expect(first.points.find((p) => p.fiscalLabel === 'FY2024')?.source.accession).toMatch(/^0000104169-/);
    expect(mergeSeries(first.points, extracted, 'Walmart').changes).toEqual([]);
  });

  it('replaces a value only with a later filing, keeping the old one in the note', () => {
    const stale = series.map((p) => (p.fiscalLabel === 'FY2024' ? { ...p, value: 648_000 } : p));
    const { changes, points } = mergeSeries(stale, extracted, 'Walmart');
    expect(changes.find((c) => c.kind === 'changed')).toMatchObject({ fiscalLabel: 'FY2024', from: 648_000, to: 648_125 });
    expect(points.find((p) => p.fiscalLabel === 'FY2024')?.note).toContain('was 648,000 per Form 10-K for fiscal 2024');
  });
});
