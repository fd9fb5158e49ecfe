/**
 * Chart render time: cold (first chart in a fresh process: loading Vega, Vega-Lite and resvg, and the
 * font) and warm p50/p99 over N renders of the bundled rivalry, cycling through money and percent
 * metrics, a loss, and quarters with lead changes close together. Run: npm run bench:chart  (N=100)
 */
import { renderChartPng } from '../src/charts/render-chart.js';
import { buildChartData, type ChartData } from '../src/core/charts/chart-data.js';
import type { Basis } from '../src/core/data/schema.js';
import { metricsOf } from '../src/core/metrics/served-metrics.js';
import { loadCatalog } from '../src/app/load-data.js';
import { summary } from './stats.js';

const N = Number(process.env['N'] ?? 100);
const rivalry = loadCatalog(undefined).rivalries[0];
if (rivalry === undefined) throw new Error('no bundled rivalry');
const CHARTS: ReadonlyArray<[string, Basis]> = [['revenue', 'annual'], ['revenue', 'ttm'], ['revenue', 'quarter'], ['operating-margin', 'annual'], ['net-income', 'annual']];
const charts: ChartData[] = CHARTS.map(([id, basis]) => {
  const metric = metricsOf(rivalry).find((m) => m.id === id);
  const chart = metric === undefined ? { error: `no ${id}` } : buildChartData(rivalry, metric, basis);
  if ('error' in chart) throw new Error(chart.error);
  return chart;
});

const [firstChart] = charts;
if (firstChart === undefined) throw new Error('no chart');
const t0 = performance.now();
const first = await renderChartPng(firstChart);
const cold = performance.now() - t0;
const warm: number[] = [];
for (let i = 0; i < N; i += 1) {
  const t = performance.now();
  await renderChartPng(charts[i % charts.length] ?? firstChart);
  warm.push(performance.now() - t);
}
const s = summary('warm', warm);
process.stdout.write(`first chart (cold, includes loading the chart stack): ${cold.toFixed(0)} ms, ${first.length} bytes\nwarm renders n=${s.n} over ${charts.length} charts: p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms\n`);
