import { describe, expect, it } from 'vitest';
import { trailingTwelveMonths } from '../../../src/core/compare/basis-points.js';
import { compareLatest } from '../../../src/core/compare/compare-latest.js';
import { parseRivalryText } from '../../../src/core/data/load-rivalries.js';
import { detectMilestones } from '../../../src/core/milestones/detect-milestones.js';
import { bundledJson, bundledRivalry, revenue } from '../../helpers/bundled.js';

const rivalry = bundledRivalry();
const metric = revenue(rivalry);

describe('trailing twelve months', () => {
  it('sums each run of four back-to-back quarters (hand-checked against the reference quarters)', () => {
    const amazon = trailingTwelveMonths(metric.series[0]?.points ?? []);
    expect(amazon.map((p) => [p.fiscalLabel, p.start, p.end, p.value])).toEqual([
      ['TTM Q4 FY2024', '2024-01-01', '2024-12-31', 637_959], // = the FY2024 10-K figure
      ['TTM Q1 FY2025', '2024-04-01', '2025-03-31', 650_313],
      ['TTM Q2 FY2025', '2024-07-01', '2025-06-30', 670_038],
      ['TTM Q3 FY2025', '2024-10-01', '2025-09-30', 691_330],
      ['TTM Q4 FY2025', '2025-01-01', '2025-12-31', 716_924],
    ]);
    expect(amazon[1]?.note).toContain('Q1 FY2025: Form 10-Q');
  });

  it('skips windows with a missing quarter', () => {
    const points = (metric.series[1]?.points ?? []).filter((p) => p.fiscalLabel !== 'Q2 FY2026');
    // Windows that would span the gap (ending Q2, Q3, Q4 FY2026) are not formed.
    expect(trailingTwelveMonths(points).map((p) => p.fiscalLabel)).toEqual(['TTM Q4 FY2025', 'TTM Q1 FY2026']);
  });

  it('shows the crossover on the TTM view: Walmart led every window until Q4, then Amazon', () => {
    const c = compareLatest(rivalry, metric, 'ttm');
    expect(c?.leader.company.id).toBe('amazon');
    expect(c?.previous?.gap).toBe(691_330 - 703_061);
    const leads = detectMilestones(rivalry, metric, 'ttm').filter((m) => m.kind === 'lead-change');
    expect(leads.map((m) => m.headline)).toEqual(['Amazon overtakes Walmart in trailing-twelve-month revenue for the first time on record']);
  });

  it('refuses TTM points stored in a data file', () => {
    const json = bundledJson();
    const point = json.metrics[0]?.series[0]?.points[22] as Record<string, unknown>;
    point['basis'] = 'ttm';
    expect(parseRivalryText(JSON.stringify(json), 'r.json').problems.map((p) => p.message)).toContain('trailing-twelve-month figures are derived from the quarters: store "annual" and "quarter" points only');
  });
});
