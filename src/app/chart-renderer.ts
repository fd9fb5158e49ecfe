import type { ChartRenderer } from '../core/charts/chart-data.js';

/** The PNG renderer, imported on the first chart only: start-up and other commands don't load Vega or resvg. */
export const renderChart: ChartRenderer = async (chart) => (await import('../charts/render-chart.js')).renderChartPng(chart);
