import type { ChartData } from '../core/charts/chart-data.js';

/** Sized to stay legible when a chat app shrinks the image to a phone's width. */
export const CHART_WIDTH = 960;
export const CHART_HEIGHT = 460;
const TEXT = '#1d1c1d';
/** Characters per footnote line: Vega sizes the canvas from its own text-width estimate (0.8 em a character), so lines must fit that. */
const FOOTNOTE_CHARS = 90;

/** Word-wraps a footnote line (Vega text marks don't wrap by themselves). */
function wrap(line: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current !== '' && current.length + 1 + word.length > width) {
      out.push(current);
      current = `  ${word}`;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  if (current !== '') out.push(current);
  return out;
}
const MUTED = '#5e5e5e';

/**
 * The chart as a Vega-Lite spec: one line per company in its colour, hollow points for unverified
 * figures, dashed rules with labels at lead changes, and the sources underneath. An opaque white card
 * reads the same in light and dark chat themes.
 */
export function chartSpec(chart: ChartData): Record<string, unknown> {
  const rows = chart.series.flatMap((s) => s.points.map((p) => ({ company: s.name, end: p.end, billions: p.value / 1000, label: p.label, verified: p.verified })));
  const maxB = Math.max(...rows.map((r) => r.billions));
  const footnote = chart.footnote.flatMap((line) => wrap(line, FOOTNOTE_CHARS));
  const ends = rows.map((r) => Date.parse(r.end));
  const shortSpan = Math.max(...ends) - Math.min(...ends) < 4 * 365 * 86_400_000;
  const x = { field: 'end', type: 'temporal', title: null, axis: { format: shortSpan ? '%b %Y' : '%Y', labelFontSize: 18, labelColor: MUTED, tickCount: shortSpan ? 5 : 8, grid: false, domainColor: '#9e9e9e', labelOverlap: true } };
  // Long runs start at zero so growth reads true; short ones zoom in so the gap is visible.
  const zero = Math.min(...rows.map((r) => r.billions)) < maxB * 0.5;
  // Labels sit low beside their rule, where the lines (growing over time) leave room.
  const minB = Math.min(...rows.map((r) => r.billions));
  const crossovers = chart.crossovers.map((c) => ({ ...c, y: zero ? maxB * 0.04 : minB }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: '#ffffff',
    padding: { left: 20, right: 28, top: 20, bottom: 16 },
    config: { font: 'DejaVu Sans', view: { stroke: null }, title: { color: TEXT, subtitleColor: MUTED } },
    title: { text: chart.title, subtitle: chart.subtitle, anchor: 'start', fontSize: 26, subtitleFontSize: 16, offset: 14 },
    vconcat: [
      {
        width: CHART_WIDTH,
        height: CHART_HEIGHT,
        layer: [
          {
            data: { values: rows },
            mark: { type: 'line', strokeWidth: 4, interpolate: 'monotone' },
            encoding: {
              x,
              y: { field: 'billions', type: 'quantitative', title: chart.yTitle, scale: { zero }, axis: { labelFontSize: 18, titleFontSize: 18, titleColor: MUTED, labelColor: MUTED, gridColor: '#e6e6e6', domain: false, tickCount: 6 } },
              color: { field: 'company', type: 'nominal', scale: { domain: chart.series.map((s) => s.name), range: chart.series.map((s) => s.colour) }, legend: { orient: 'top', direction: 'horizontal', title: null, labelFontSize: 20, symbolSize: 300, labelColor: TEXT, columnPadding: 24 } },
            },
          },
          // Verified figures as filled dots, unverified ones hollow (the footnote says so).
          ...[true, false].map((verified) => ({
            data: { values: rows.filter((r) => r.verified === verified) },
            mark: { type: 'point', size: 80, strokeWidth: 2.5, filled: verified, ...(verified ? {} : { fill: '#ffffff', fillOpacity: 1 }) },
            encoding: { x, y: { field: 'billions', type: 'quantitative' }, color: { field: 'company', type: 'nominal' } },
          })),
          ...(crossovers.length === 0
            ? []
            : [
                { data: { values: crossovers }, mark: { type: 'rule', strokeDash: [8, 6], strokeWidth: 2, color: '#424242' }, encoding: { x: { field: 'end', type: 'temporal' } } },
                {
                  data: { values: crossovers },
                  mark: { type: 'text', align: 'right', baseline: 'bottom', dx: -8, dy: -6, fontSize: 18, fontWeight: 'bold', color: TEXT },
                  encoding: { x: { field: 'end', type: 'temporal' }, y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } },
                },
              ]),
        ],
      },
      {
        width: CHART_WIDTH,
        height: footnote.length * 22,
        data: { values: footnote.map((line, i) => ({ line, i })) },
        mark: { type: 'text', align: 'left', baseline: 'top', fontSize: 14, color: MUTED, limit: 0 }, // lines are wrapped above; Vega's width estimate would cut them short
        encoding: { x: { value: 0 }, y: { field: 'i', type: 'ordinal', axis: null }, text: { field: 'line' } },
      },
    ],
  };
}
