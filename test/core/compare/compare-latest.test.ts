import { describe, expect, it } from 'vitest';
import { alignPeriods, rowPeriods } from '../../../src/core/compare/align-periods.js';
import { compareLatest } from '../../../src/core/compare/compare-latest.js';
import { bundledRivalry, revenue } from '../../helpers/bundled.js';

const rivalry = bundledRivalry();
const metric = revenue(rivalry);

describe('alignPeriods on the bundled data', () => {
  it('pairs Amazon FY(n) with Walmart FY(n+1) for all 22 years, one month apart', () => {
    const rows = alignPeriods(rivalry, metric, 'annual');
    expect(rows).toHaveLength(22);
    for (const row of rows) {
      const [amazon, walmart] = row.entries;
      expect(amazon?.company.id).toBe('amazon');
      expect(walmart?.company.id).toBe('walmart');
      expect(Number(walmart?.point.fiscalLabel.slice(2))).toBe(Number(amazon?.point.fiscalLabel.slice(2)) + 1);
      expect(row.endSpreadDays).toBe(31);
    }
  });

  it('pairs calendar quarters with the quarter ending a month later, not two months earlier', () => {
    const rows = alignPeriods(rivalry, metric, 'quarter');
    expect(rows.map((r) => r.entries.map((e) => e.point.fiscalLabel).join('/'))).toEqual([
      'Q1 FY2024/Q1 FY2025',
      'Q2 FY2024/Q2 FY2025',
      'Q3 FY2024/Q3 FY2025',
      'Q4 FY2024/Q4 FY2025',
      'Q1 FY2025/Q1 FY2026',
      'Q2 FY2025/Q2 FY2026',
      'Q3 FY2025/Q3 FY2026',
      'Q4 FY2025/Q4 FY2026',
    ]);
  });
});

describe('compareLatest on the bundled data (figures checked by hand against the reference CSV)', () => {
  const c = compareLatest(rivalry, metric, 'annual');
  if (c === undefined) throw new Error('expected a comparison');

  it('compares Amazon FY2025 with Walmart FY2026 and names both periods', () => {
    expect(rowPeriods(c.row)).toBe('Amazon FY2025 (Jan–Dec 2025) vs Walmart FY2026 (Feb 2025–Jan 2026)');
  });

  it('finds Amazon ahead by $3,761M (0.527%)', () => {
    expect(c.leader.company.id).toBe('amazon');
    expect(c.leader.point.value).toBe(716_924);
    expect(c.runnerUp.point.value).toBe(713_163);
    expect(c.gap).toBe(3_761);
    expect(c.gapRatio).toBeCloseTo(3_761 / 713_163, 10);
  });

  it('computes year-over-year growth and CAGRs from the right base years', () => {
    const [amazon, walmart] = c.standings;
    expect(amazon?.yoy?.base.fiscalLabel).toBe('FY2024');
    expect(amazon?.yoy?.ratio).toBeCloseTo(716_924 / 637_959 - 1, 10); // +12.38%
    expect(walmart?.yoy?.ratio).toBeCloseTo(713_163 / 680_985 - 1, 10); // +4.73%
    expect(amazon?.cagrs.map((g) => [g.years, g.base.fiscalLabel])).toEqual([[5, 'FY2020'], [10, 'FY2015'], [20, 'FY2005']]);
    expect(amazon?.cagrs[0]?.ratio).toBeCloseTo((716_924 / 386_064) ** (1 / 5) - 1, 10); // 13.2%
    expect(walmart?.cagrs[2]?.base.fiscalLabel).toBe('FY2006');
    expect(walmart?.cagrs[2]?.base.verified).toBe(false);
  });

  it('knows the lead is new: first ever, one period long, after Walmart led by $43,026M', () => {
    expect(c.leadSpan.rows).toBe(1);
    expect(c.leadSpan.firstEver).toBe(true);
    expect(c.leadSpan.always).toBe(false);
    expect(c.previous?.gap).toBe(637_959 - 680_985);
    expect(c.previous?.leaderId).toBe('walmart');
  });

  it('projects one year at current rates and sees no catch-up for the slower grower', () => {
    expect(c.outlook?.leaderNext).toBeCloseTo(716_924 * (716_924 / 637_959), 3);
    expect(c.outlook?.runnerUpNext).toBeCloseTo(713_163 * (713_163 / 680_985), 3);
    expect(c.outlook?.periodsToOvertake).toBeUndefined();
  });

  it('reports the quarterly comparison on its own basis', () => {
    const q = compareLatest(rivalry, metric, 'quarter');
    expect(q?.leader.point.fiscalLabel).toBe('Q4 FY2025');
    expect(q?.gap).toBe(213_386 - 190_656);
    expect(q?.outlook).toBeUndefined();
  });
});
