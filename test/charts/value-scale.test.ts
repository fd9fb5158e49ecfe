import { describe, expect, it } from 'vitest';
import { needsZeroRule, valueDomain } from '../../src/charts/value-scale.js';

describe('value axis domain', () => {
  it('takes in zero and a rule there when figures go negative, with both ends on round ticks', () => {
    // Amazon's FY2022 net loss next to profits, in $B.
    const domain = valueDomain([11.6, 33.4, -2.7, 30.4, 77.7, 14.9]);
    expect(domain).toEqual([-20, 80]);
    expect(needsZeroRule(domain)).toBe(true);
  });

  it('ends at zero when every figure is negative', () => {
    const domain = valueDomain([-14.8, -17.0, -3.1]);
    expect(domain[0]).toBeLessThanOrEqual(-17);
    expect(domain[1]).toBe(0);
    expect(needsZeroRule(domain)).toBe(true);
  });

  it('starts positive runs at zero when that keeps the gap legible, and zooms in on close figures', () => {
    expect(valueDomain([2.4, 5.2, 11.2])).toEqual([0, 12]);
    const zoomed = valueDomain([143.3, 188.0, 213.4, 161.5]);
    expect(zoomed).toEqual([140, 220]);
    expect(needsZeroRule(zoomed)).toBe(false);
  });

  it('gives a flat series room instead of a zero-height axis', () => {
    const [lo, hi] = valueDomain([5, 5]);
    expect(lo).toBeLessThan(5);
    expect(hi).toBeGreaterThan(5);
    expect(valueDomain([0, 0])).toEqual([0, 1]);
  });
});
