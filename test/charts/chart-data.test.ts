import { describe, expect, it } from 'vitest';
import { buildChartData, type ChartData } from '../../src/core/charts/chart-data.js';
import type { Rivalry } from '../../src/core/data/schema.js';
import { metricsOf } from '../../src/core/metrics/served-metrics.js';
import { bundledRivalry } from '../helpers/bundled.js';

const rivalry = bundledRivalry();

function chartOf(r: Rivalry, metricId: string): ChartData {
  const metric = metricsOf(r).find((m) => m.id === metricId);
  if (metric === undefined) throw new Error(`no ${metricId}`);
  const chart = buildChartData(r, metric, 'annual');
  if ('error' in chart) throw new Error(chart.error);
  return chart;
}

describe('chart data per metric', () => {
  it('describes a margin in percent and percentage points, never in dollars', () => {
    const chart = chartOf(rivalry, 'operating-margin');
    expect(chart.unit).toBe('percent');
    expect(chart.yTitle).toBe('Operating margin (%)');
    expect(chart.subtitle).toBe('FY2019 to FY2026 · percent · fiscal periods at their end dates');
    expect(chart.altText).toBe('Amazon leads Walmart on annual operating margin by 7.0 pp in Amazon FY2025 vs Walmart FY2026, ahead since Amazon FY2023 vs Walmart FY2024.');
    expect(chart.series[0]?.points.at(-1)?.value).toBeCloseTo(11.16, 1);
  });

  it("states the metric's definition once, then what each company's figure is made of", () => {
    const [definitions] = chartOf(rivalry, 'operating-margin').footnote;
    expect(definitions).toBe(
      "Operating margin: operating income ÷ revenue of the same period. Definitions: Amazon: operating income ÷ net sales (Amazon's top line); Walmart: operating income ÷ total revenues (net sales + membership and other income).",
    );
  });

  it('keeps money in USD billions, losses included', () => {
    const chart = chartOf(rivalry, 'net-income');
    expect(chart.unit).toBe('USD');
    expect(chart.yTitle).toBe('Net income ($B)');
    expect(chart.subtitle).toContain('· USD billions ·');
    expect(chart.footnote[0]).toMatch(/^Net income: net income \(loss\) attributable to the company/);
    expect(chart.series.find((s) => s.name === 'Amazon')?.points.map((p) => p.value)).toContain(-2722);
    expect(chart.altText).toBe('Amazon leads Walmart on annual net income by $55.8B in Amazon FY2025 vs Walmart FY2026, ahead since Amazon FY2023 vs Walmart FY2024.');
  });
});
