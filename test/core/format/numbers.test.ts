import { describe, expect, it } from 'vitest';
import { formatMonth, formatPeriod } from '../../../src/core/format/dates.js';
import { formatExactMillions, formatPercent, formatPercentChange, formatUsdMillions, ordinal } from '../../../src/core/format/numbers.js';

describe('formatUsdMillions', () => {
  it.each([
    [716_924, '$716.9B'],
    [713_163, '$713.2B'],
    [3_761, '$3.76B'],
    [43_026, '$43.0B'],
    [700_000, '$700B'],
    [512, '$512M'],
    [1_070_500, '$1.07T'],
    [-3_761, '-$3.76B'],
    [0, '$0M'],
  ])('%i → %s', (value, expected) => {
    expect(formatUsdMillions(value)).toBe(expected);
  });
});

describe('percentages and ordinals', () => {
  it('signs changes and leaves plain percentages unsigned', () => {
    expect(formatPercentChange(0.12378)).toBe('+12.4%');
    expect(formatPercentChange(-0.0072)).toBe('-0.7%');
    expect(formatPercentChange(0.00001)).toBe('±0.0%');
    expect(formatPercent(3761 / 713163)).toBe('0.5%');
    expect(formatPercentChange(Number.NaN)).toBe('n/a');
    expect(formatExactMillions(716924)).toBe('716,924');
  });
  it('writes English ordinals', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st', '111th']);
  });
});

describe('dates', () => {
  it('names periods within and across calendar years', () => {
    expect(formatPeriod('2025-01-01', '2025-12-31')).toBe('Jan–Dec 2025');
    expect(formatPeriod('2025-02-01', '2026-01-31')).toBe('Feb 2025–Jan 2026');
    expect(formatPeriod('2025-11-01', '2026-01-31')).toBe('Nov 2025–Jan 2026');
    expect(formatMonth('2026-01-31')).toBe('Jan 2026');
  });
});
