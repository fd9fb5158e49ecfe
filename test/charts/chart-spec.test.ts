import { describe, expect, it } from 'vitest';
import { chartLayout, chartSpec } from '../../src/charts/chart-spec.js';
import type { ChartData, ChartPoint } from '../../src/core/charts/chart-data.js';

interface Channel {
  field?: string;
  title?: string;
  scale?: { domain?: number[] } | null;
  axis?: { labelExpr?: string };
}
interface Layer {
  data?: { values: Array<Record<string, unknown>> };
  mark: { type: string; interpolate?: string };
  encoding: { x?: Channel; y?: Channel };
}
interface PlotSpec {
  vconcat: [{ layer: Layer[] }, unknown];
}

const layersOf = (chart: ChartData) => (chartSpec(chart) as unknown as PlotSpec).vconcat[0].layer;

const points = (values: number[]): ChartPoint[] => values.map((value, i) => ({ end: `${2019 + i}-12-31`, value, label: `FY${2019 + i}`, verified: true }));

function chartOf(unit: ChartData['unit'], a: number[], b: number[]): ChartData {
  return {
    title: 'A vs B',
    subtitle: '',
    yTitle: unit === 'percent' ? 'Operating margin (%)' : 'Net income ($B)',
    unit,
    series: [
      { name: 'A', colour: '#ff9900', points: points(a) },
      { name: 'B', colour: '#0071ce', points: points(b) },
    ],
    crossovers: [],
    footnote: [],
    altText: '',
    filename: 'chart.png',
  };
}

describe('chart spec', () => {
  it('joins reported figures with straight lines, never a smoothing curve that invents values', () => {
    const lines = layersOf(chartOf('USD', [100, 5000, 900], [800, 200, 3000])).filter((l) => l.mark.type === 'line');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(['linear', 'monotone']).toContain(line.mark.interpolate);
  });

  it('plots ratios as they are on a percent axis', () => {
    const chart = chartOf('percent', [5.2, 6.9, 11.2], [3.9, 4.5, 4.2]);
    const line = layersOf(chart).find((l) => l.mark.type === 'line');
    expect(line?.encoding.y?.title).toBe('Operating margin (%)');
    expect(line?.encoding.y?.axis?.labelExpr).toContain("+ '%'");
    expect(line?.data?.values.map((r) => r['value'])).toContain(11.2);
    expect(chartLayout(chart).valueDomain).toEqual([0, 12]);
  });

  it('plots money in billions with no percent labels', () => {
    const chart = chartOf('USD', [11_588, 33_364, 77_670], [14_881, 13_706, 21_900]);
    const line = layersOf(chart).find((l) => l.mark.type === 'line');
    expect(line?.encoding.y?.axis?.labelExpr).toBeUndefined();
    expect(line?.data?.values.map((r) => r['value'])).toContain(77.67);
  });

  it('draws a zero rule under a loss, on a domain that takes in zero', () => {
    const loss = chartOf('USD', [11_588, -2_722, 77_670], [14_881, 13_706, 21_900]);
    const { valueDomain, zeroRule } = chartLayout(loss);
    expect(zeroRule).toBe(true);
    expect(valueDomain[0]).toBeLessThanOrEqual(-2.722);
    expect(valueDomain[1]).toBeGreaterThanOrEqual(77.67);
    const rules = layersOf(loss).filter((l) => l.mark.type === 'rule' && l.encoding.x === undefined);
    expect(rules.map((r) => r.data?.values)).toEqual([[{ value: 0 }]]);
    expect(rules[0]?.encoding.y?.scale?.domain).toEqual(valueDomain);

    const profits = chartOf('USD', [11_588, 2_722, 77_670], [14_881, 13_706, 21_900]);
    expect(chartLayout(profits).zeroRule).toBe(false);
    expect(layersOf(profits).filter((l) => l.mark.type === 'rule')).toEqual([]);
  });

  it('fixes the value domain in every layer, so the label layout matches what is drawn', () => {
    const chart = chartOf('percent', [-0.5, 6.9, 11.2], [3.9, 4.5, 4.2]);
    const { valueDomain } = chartLayout(chart);
    const domains = layersOf(chart).flatMap((l) => (l.encoding.y?.field === 'value' ? [l.encoding.y.scale?.domain] : []));
    expect(domains.length).toBeGreaterThanOrEqual(3);
    for (const d of domains) expect(d).toEqual(valueDomain);
  });
});
