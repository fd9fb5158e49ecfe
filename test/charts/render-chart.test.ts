import { createHash } from 'node:crypto';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { renderChartPng, renderChartSvg } from '../../src/charts/render-chart.js';
import { buildChartData, type ChartData } from '../../src/core/charts/chart-data.js';
import { metricsOf } from '../../src/core/metrics/served-metrics.js';
import { bundledRivalry, revenue } from '../helpers/bundled.js';
import { syntheticRivalry } from '../helpers/synthetic.js';

const rivalry = bundledRivalry();
const built = buildChartData(rivalry, revenue(rivalry), 'annual');
if ('error' in built) throw new Error(built.error);
const chart: ChartData = built;

function annualChart(metricId: string): ChartData {
  const metric = metricsOf(rivalry).find((m) => m.id === metricId);
  if (metric === undefined) throw new Error(`no ${metricId}`);
  const made = buildChartData(rivalry, metric, 'annual');
  if ('error' in made) throw new Error(made.error);
  return made;
}

function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = Buffer.from(png);
  return { width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
}

/** Pixels within a small distance of a colour, in the rendered RGBA buffer. */
function countNear(pixels: Buffer, hex: string, tolerance = 40): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    if (Math.abs((pixels[i] ?? 0) - r) + Math.abs((pixels[i + 1] ?? 0) - g) + Math.abs((pixels[i + 2] ?? 0) - b) <= tolerance) n += 1;
  }
  return n;
}

describe('rivalry chart', () => {
  it('is a PNG of slide size, under 250 KB, and byte-identical for the same input', async () => {
    const png = await renderChartPng(chart);
    expect(Buffer.from(png.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
    const { width, height } = pngSize(png);
    expect(width).toBeGreaterThanOrEqual(1000);
    expect(width).toBeLessThanOrEqual(1400);
    expect(height).toBeGreaterThanOrEqual(600);
    expect(png.length).toBeLessThan(250 * 1024);
    expect(Buffer.compare(Buffer.from(await renderChartPng(chart)), Buffer.from(png))).toBe(0);
  });

  it('draws each company in its colour, with text from the bundled font', async () => {
    const svg = await renderChartSvg(chart);
    expect(svg).toContain('Amazon takes the lead');
    expect(svg).toContain('Revenue ($B)');
    const pixels = new Resvg(svg, { font: { loadSystemFonts: false, fontFiles: [new URL('../../node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf', import.meta.url).pathname] } }).render().pixels;
    expect(countNear(pixels, '#FF9900')).toBeGreaterThan(2000); // Amazon's line
    expect(countNear(pixels, '#0071CE')).toBeGreaterThan(2000); // Walmart's line
    expect(countNear(pixels, '#1D1C1D', 60)).toBeGreaterThan(500); // title text: the font was found
  });

  it('draws a margin on a percent axis and a net loss below a zero line, as real PNGs', async () => {
    const margin = annualChart('operating-margin');
    const marginSvg = await renderChartSvg(margin);
    expect(marginSvg).toContain('Operating margin (%)');
    expect(marginSvg).toMatch(/>10%</);
    expect(marginSvg).not.toContain('$B');

    const netIncome = annualChart('net-income');
    const netSvg = await renderChartSvg(netIncome);
    expect(netSvg).toContain('Net income ($B)');
    expect(netSvg).toMatch(/>−20</); // the axis reaches below Amazon's FY2022 loss, in Vega's minus sign

    for (const c of [margin, netIncome]) {
      const png = await renderChartPng(c);
      expect(Buffer.from(png.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
      expect(pngSize(png).height).toBeGreaterThanOrEqual(600);
      expect(Buffer.compare(Buffer.from(await renderChartPng(c)), Buffer.from(png))).toBe(0);
    }
  });

  it('places periods the same whatever the host time zone', async () => {
    const quarterly = buildChartData(rivalry, revenue(rivalry), 'quarter');
    if ('error' in quarterly) throw new Error(quarterly.error);
    const original = process.env['TZ'];
    try {
      const digest = async () => createHash('sha256').update(await renderChartSvg(quarterly)).digest('hex');
      process.env['TZ'] = 'UTC';
      const utc = await digest();
      process.env['TZ'] = 'America/Los_Angeles';
      expect(await digest()).toBe(utc);
    } finally {
      if (original === undefined) delete process.env['TZ'];
      else process.env['TZ'] = original;
    }
  });

  it('describes itself in one sentence for alt text, and marks the crossover', () => {
    expect(chart.altText).toBe('Amazon leads Walmart on annual revenue by $3.76B in Amazon FY2025 vs Walmart FY2026, its first lead on record.');
    expect(chart.crossovers).toEqual([{ end: '2025-12-31', label: 'Amazon takes the lead' }]);
    expect(chart.footnote.join(' ')).toContain('Sources: Amazon: Form 10-K ×22');
  });

  it('refuses to draw a line through a single point', () => {
    const one = syntheticRivalry([{ id: 'a', values: [1, 2] }, { id: 'b', values: [3] }]);
    expect(buildChartData(one, revenue(one), 'annual')).toEqual({ error: 'B has only one annual revenue figure: a chart needs at least 2.' });
    expect(buildChartData(rivalry, revenue(rivalry), 'annual', 2030)).toEqual({ error: 'Amazon has no annual revenue figure since 2030: a chart needs at least 2.' });
  });
});
