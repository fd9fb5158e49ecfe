import { describe, expect, it } from 'vitest';
import { renderChart } from '../../src/app/chart-renderer.js';
import { buildChartData, type ChartData } from '../../src/core/charts/chart-data.js';
import { bundledRivalry, revenue } from '../helpers/bundled.js';

const chart = (since?: number): ChartData => {
  const rivalry = bundledRivalry();
  const built = buildChartData(rivalry, revenue(rivalry), 'annual', since);
  if ('error' in built) throw new Error(built.error);
  return built;
};

describe('chart renderer', () => {
  it('reuses the PNG of a chart it drew recently, and draws new data anew', async () => {
    const first = await renderChart(chart(2015));
    // Equal data (a new object, as a second /rivalry history would build) gives the very same bytes, without a render.
    const again = await renderChart(chart(2015));
    expect(again).toBe(first);
    const other = await renderChart(chart(2010));
    expect(other).not.toBe(first);
    expect(Buffer.from(other).equals(Buffer.from(first))).toBe(false);
  }, 20_000);
});
