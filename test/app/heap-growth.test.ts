import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/app/config.js';
import { limitHeapGrowth } from '../../src/app/heap-growth.js';

describe('heap growth', () => {
  it('is configured by HEAP_GROWTH_PERCENT, 50 by default, 0–300', () => {
    expect(loadConfig({}).HEAP_GROWTH_PERCENT).toBe(50);
    expect(loadConfig({ HEAP_GROWTH_PERCENT: '0' }).HEAP_GROWTH_PERCENT).toBe(0);
    expect(() => loadConfig({ HEAP_GROWTH_PERCENT: '400' })).toThrow(/HEAP_GROWTH_PERCENT: must be 0–300 \(0 leaves it to V8\)/);
    expect(() => loadConfig({ HEAP_GROWTH_PERCENT: 'lots' })).toThrow(/HEAP_GROWTH_PERCENT: must be a whole number of percent, 0–300/);
  });

  it('is left to V8 at 0, and to the command line when a node flag sets it', () => {
    expect(limitHeapGrowth(0)).toBeUndefined();
    expect(limitHeapGrowth(50, ['--heap-growing-percent=20'])).toBeUndefined();
    expect(limitHeapGrowth(50, ['--max-semi-space-size=4'])).toBe(50);
  });
});
