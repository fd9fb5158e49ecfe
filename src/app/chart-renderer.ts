import { createHash } from 'node:crypto';
import type { ChartData, ChartRenderer } from '../core/charts/chart-data.js';

/** Charts kept in memory (~70 KB each): a busy channel asking for the same history gets it without a render. */
const CACHE_SIZE = 32;
const cache = new Map<string, Promise<Uint8Array>>();

const keyOf = (chart: ChartData) => createHash('sha256').update(JSON.stringify(chart)).digest('hex');

/**
 * The PNG renderer, imported on the first chart only: start-up and other commands don't load Vega or
 * resvg. Rendering is deterministic (the same data gives the same bytes), so recent charts are reused;
 * new data makes new chart data, hence a new key.
 */
export const renderChart: ChartRenderer = (chart) => {
  const key = keyOf(chart);
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key); // most recently used last
    cache.set(key, hit);
    return hit;
  }
  const rendering = import('../charts/render-chart.js').then((m) => m.renderChartPng(chart));
  cache.set(key, rendering);
  rendering.catch(() => cache.delete(key)); // a failure is not remembered
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return rendering;
};
