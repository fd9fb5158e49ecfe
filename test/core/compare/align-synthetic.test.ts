import { describe, expect, it } from 'vitest';
import { alignPeriods, isComplete } from '../../../src/core/compare/align-periods.js';
import { compareLatest } from '../../../src/core/compare/compare-latest.js';
import { checkRivalry } from '../../../src/core/data/check-rivalry.js';
import { revenue } from '../../helpers/bundled.js';
import { syntheticRivalry } from '../../helpers/synthetic.js';

describe('period alignment beyond the bundled pair', () => {
  it('does not compare fiscal years that end more than ~2 months apart', () => {
    const r = syntheticRivalry([
      { id: 'dec', values: [100, 110] },
      { id: 'jun', fyEndMonth: 6, values: [90, 95] },
    ]);
    const rows = alignPeriods(r, revenue(r), 'annual');
    expect(rows.every((row) => !isComplete(row, r))).toBe(true);
    expect(compareLatest(r, revenue(r), 'annual')).toBeUndefined();
  });

  it('compares the latest period every company has, and reports a newer figure waiting for its counterpart', () => {
    const r = syntheticRivalry([
      { id: 'a', values: [100, 120, 150] },
      { id: 'b', fyEndMonth: 1, firstYear: 2011, values: [130, 140] },
    ]);
    expect(checkRivalry(r)).toEqual([]);
    const c = compareLatest(r, revenue(r), 'annual');
    expect(c?.row.entries.map((e) => e.point.fiscalLabel)).toEqual(['FY2011', 'FY2012']);
    expect(c?.newer.map((e) => `${e.company.id} ${e.point.fiscalLabel}`)).toEqual(['a FY2012']);
  });

  it('ranks three companies and measures the gap to the runner-up', () => {
    const r = syntheticRivalry([
      { id: 'a', values: [100, 300] },
      { id: 'b', values: [200, 250] },
      { id: 'c', values: [300, 100] },
    ]);
    const c = compareLatest(r, revenue(r), 'annual');
    expect(c?.standings.map((s) => s.company.id)).toEqual(['a', 'b', 'c']);
    expect(c?.gap).toBe(50);
    expect(c?.leadSpan.firstEver).toBe(true);
  });

  it('says when the runner-up would overtake at current rates', () => {
    const r = syntheticRivalry([
      { id: 'big', values: [1000, 1010] },
      { id: 'fast', values: [500, 600] },
    ]);
    // 1010 * 1.01^n < 600 * 1.2^n  ⇔  n > ln(1010/600) / ln(1.2/1.01) ≈ 3.03
    expect(compareLatest(r, revenue(r), 'annual')?.outlook?.periodsToOvertake).toBe(4);
  });
});
