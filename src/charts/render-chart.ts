import { createRequire } from 'node:module';
import type { ChartData } from '../core/charts/chart-data.js';
import { chartSpec } from './chart-spec.js';

const require = createRequire(import.meta.url);
/** The font ships through npm, so text renders the same on every machine, with no system fonts. */
const FONTS = ['dejavu-fonts-ttf/ttf/DejaVuSans.ttf', 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'].map((f) => require.resolve(f));

/** The chart as SVG, through Vega-Lite and Vega's headless renderer. */
export async function renderChartSvg(chart: ChartData): Promise<string> {
  // Loaded on first use only: bot start-up and non-chart commands never pay for the chart stack.
  const [{ compile }, vega] = await Promise.all([import('vega-lite'), import('vega')]);
  const view = new vega.View(vega.parse(compile(chartSpec(chart) as never).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The chart as PNG bytes. Same input, same bytes: safe to cache by data version. */
export async function renderChartPng(chart: ChartData): Promise<Uint8Array> {
  const [svg, { Resvg }] = await Promise.all([renderChartSvg(chart), import('@resvg/resvg-js')]);
  const resvg = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: FONTS, defaultFontFamily: 'DejaVu Sans' }, background: '#ffffff' });
  return resvg.render().asPng();
}
