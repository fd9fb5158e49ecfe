/**
 * Chart render time: cold (first chart in a fresh process: loading Vega, Vega-Lite and resvg, and the
 * font) and warm p50/p99 over N renders of the bundled rivalry. Run: npm run bench:chart  (N=100)
 */
import { renderChartPng } from '../src/charts/render-chart.js';
import { buildChartData } from '../src/core/charts/chart-data.js';
import { loadCatalog } from '../src/app/load-data.js';
import { summary } from './stats.js';

const N = Number(process.env['N'] ?? 100);
const rivalry = loadCatalog(undefined).rivalries[0];
const metric = rivalry?.metrics[0];
if (rivalry === undefined || metric === undefined) throw new Error('no bundled rivalry');
const annual = buildChartData(rivalry, metric, 'annual');
const ttm = buildChartData(rivalry, metric, 'ttm');
if ('error' in annual || 'error' in ttm) throw new Error('no chart');

const t0 = performance.now();
const first = await renderChartPng(annual);
const cold = performance.now() - t0;
const warm: number[] = [];
for (let i = 0; i < N; i += 1) {
  const t = performance.now();
  await renderChartPng(i % 2 === 0 ? annual : ttm);
  warm.push(performance.now() - t);
}
const s = summary('warm', warm);
process.stdout.write(`first chart (cold, includes loading the chart stack): ${cold.toFixed(0)} ms, ${first.length} bytes\nwarm renders n=${s.n}: p50 ${s.p50.toFixed(1)} ms, p99 ${s.p99.toFixed(1)} ms\n`);
