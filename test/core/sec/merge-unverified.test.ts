import { describe, expect, it } from 'vitest';
import { metricDefinition } from '../../../src/core/metrics/metric-definitions.js';
import { extractMetric } from '../../../src/core/sec/extract-metric.js';
import { mergeSeries } from '../../../src/core/sec/merge-series.js';
import { bundledRivalry } from '../../helpers/bundled.js';
import { factsFor } from '../../fakes/fake-sec.js';

const rivalry = bundledRivalry();
const [amazon, walmart] = rivalry.companies;
if (amazon === undefined || walmart === undefined) throw new Error('bundled companies');
const seriesOf = (metric: string, company: string) => rivalry.metrics.find((m) => m.id === metric)?.series.find((s) => s.company === company)?.points ?? [];

/** The bundled non-revenue figures are mostly from secondary sources: no accession, no filing date, unverified. */
describe('mergeSeries over figures from secondary sources', () => {
  it('gives an unverified figure with the filed value its filing, and drops the note about the old source', () => {
    const bundled = seriesOf('capex', 'amazon');
    expect(bundled.find((p) => p.fiscalLabel === 'FY2024')).toMatchObject({ verified: false, value: 82_999 });
    const { points, changes } = mergeSeries(bundled, extractMetric(factsFor('amazon'), amazon, metricDefinition('capex')).points, 'Amazon');
    const fy2024 = points.find((p) => p.fiscalLabel === 'FY2024');
    expect(fy2024).toMatchObject({ verified: true, value: 82_999, source: { form: '10-K', accession: expect.stringMatching(/^0001018724-\d{2}-\d{6}$/), filed: expect.any(String), concept: 'us-gaap:PaymentsToAcquireProductiveAssets' } });
    expect(fy2024?.note).toBeUndefined();
    expect(points.filter((p) => p.basis === 'annual').every((p) => p.verified && p.source.accession !== undefined)).toBe(true);
    expect(changes.filter((c) => c.kind === 'sourced').map((c) => c.fiscalLabel)).toEqual(['FY2019', 'FY2020', 'FY2021', 'FY2022', 'FY2023', 'FY2024', 'FY2025']);
    expect(mergeSeries(points, extractMetric(factsFor('amazon'), amazon, metricDefinition('capex')).points, 'Amazon').changes).toEqual([]);
  });

  it('replaces an unverified figure the filing contradicts (it has no filing date, so any filing is newer), keeping the old value in the note', () => {
    const facts = factsFor('amazon');
    for (const f of facts.facts['us-gaap']?.['OperatingIncomeLoss']?.units['USD'] ?? []) if (f.start === '2025-01-01' && f.end === '2025-12-31') f.val = 80_010_000_000;
    const { points, changes } = mergeSeries(seriesOf('operating-income', 'amazon'), extractMetric(facts, amazon, metricDefinition('operating-income')).points, 'Amazon');
    expect(changes.find((c) => c.kind === 'changed')).toMatchObject({ fiscalLabel: 'FY2025', from: 79_975, to: 80_010 });
    const fy2025 = points.find((p) => p.fiscalLabel === 'FY2025');
    expect(fy2025).toMatchObject({ verified: true, value: 80_010 });
    expect(fy2025?.note).toContain("was 79,975 per public GitHub JSON dataset (self-described source 'Finnhub SEC financials-reported')");
  });

  it('leaves a verified figure with its accession alone when the value matches, and notes a restatement where ours was the first report', () => {
    const bundled = seriesOf('operating-income', 'walmart');
    const { points, changes } = mergeSeries(bundled, extractMetric(factsFor('walmart'), walmart, metricDefinition('operating-income')).points, 'Walmart');
    expect(points.find((p) => p.fiscalLabel === 'FY2020')).toEqual(bundled.find((p) => p.fiscalLabel === 'FY2020'));
    expect(changes.some((c) => c.fiscalLabel === 'FY2020')).toBe(false);
    expect(points.find((p) => p.fiscalLabel === 'FY2024')).toMatchObject({ value: 27_012, verified: true, note: expect.stringContaining('restated: first reported 27,133') });
  });
});
