import type { ChartData } from '../core/charts/chart-data.js';
import { isPercent } from '../core/metrics/format-metric.js';
import { LABEL_FONT_SIZE, LABEL_ROW_HEIGHT, layoutLeadChangeLabels, type LabelLayout } from './lead-change-labels.js';
import { needsZeroRule, VALUE_TICKS, valueDomain } from './value-scale.js';

/** Sized to stay legible when a chat app shrinks the image to a phone's width. */
export const CHART_WIDTH = 960;
/** Height of the plotted values; lead-change labels get a strip of their own above them. */
export const CHART_HEIGHT = 460;
const TEXT = '#1d1c1d';
const MUTED = '#5e5e5e';
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

/** A point's value as the axis shows it: money in USD billions, ratios in percent as they are. */
export const axisValue = (chart: Pick<ChartData, 'unit'>, value: number) => (isPercent(chart) ? value : value / 1000);

/**
 * Both scales' domains, fixed here rather than left to Vega-Lite, and where the lead-change labels go:
 * with the domains known, a date's pixel position is known, so labels can be kept apart.
 */
export interface ChartLayout {
  /** First and last period end, as UTC timestamps. */
  timeDomain: [number, number];
  valueDomain: [number, number];
  zeroRule: boolean;
  labels: LabelLayout;
}

export function chartLayout(chart: ChartData): ChartLayout {
  const points = chart.series.flatMap((s) => s.points);
  const times = points.map((p) => Date.parse(p.end));
  const timeDomain: [number, number] = [Math.min(...times), Math.max(...times)];
  const span = timeDomain[1] - timeDomain[0] || 1;
  const toX = (end: string) => ((Date.parse(end) - timeDomain[0]) / span) * CHART_WIDTH;
  const domain = valueDomain(points.map((p) => axisValue(chart, p.value)));
  return {
    timeDomain,
    valueDomain: domain,
    zeroRule: needsZeroRule(domain),
    labels: layoutLeadChangeLabels(
      chart.crossovers.map((c) => ({ ...c, x: toX(c.end) })),
      CHART_WIDTH,
    ),
  };
}

/**
 * The chart as a Vega-Lite spec: one straight-segmented line per company in its colour (no smoothing,
 * which would draw values never reported), hollow points for unverified figures, a zero line when
 * figures go negative, dashed rules labelled at lead changes, and the sources underneath. An opaque
 * white card reads the same in light and dark chat themes.
 */
export function chartSpec(chart: ChartData): Record<string, unknown> {
  const layout = chartLayout(chart);
  const { stripHeight, marks, unlabelled } = layout.labels;
  const height = CHART_HEIGHT + stripHeight;
  const rows = chart.series.flatMap((s) => s.points.map((p) => ({ company: s.name, end: p.end, value: axisValue(chart, p.value), label: p.label, verified: p.verified })));
  const footnote = [
    ...chart.footnote,
    ...(unlabelled === 0 ? [] : [`${unlabelled} lead change${unlabelled === 1 ? ' is' : 's are'} marked by a shorter dashed line without a label, where labels would crowd.`]),
  ].flatMap((line) => wrap(line, FOOTNOTE_CHARS));
  const shortSpan = layout.timeDomain[1] - layout.timeDomain[0] < 4 * 365 * 86_400_000;
  // UTC throughout: period ends are dates, and ticks must not move with the host's time zone.
  const x = {
    field: 'end',
    type: 'temporal',
    title: null,
    scale: { type: 'utc', domain: layout.timeDomain },
    axis: { format: shortSpan ? '%b %Y' : '%Y', labelFontSize: 18, labelColor: MUTED, tickCount: shortSpan ? 5 : 8, grid: false, domainColor: '#9e9e9e', labelOverlap: true },
  };
  // The values take the plot below the label strip; the domain is fixed so the layout above holds.
  const y = {
    field: 'value',
    type: 'quantitative',
    title: chart.yTitle,
    scale: { domain: layout.valueDomain, nice: false, zero: false, range: [height, stripHeight] },
    axis: {
      labelFontSize: 18,
      titleFontSize: 18,
      titleColor: MUTED,
      labelColor: MUTED,
      gridColor: '#e6e6e6',
      domain: false,
      tickCount: VALUE_TICKS,
      ...(isPercent(chart) ? { labelExpr: "format(datum.value, '~g') + '%'" } : {}),
    },
  };
  const labelled = marks.flatMap((m) => (m.placed === undefined ? [] : [{ label: m.label, left: m.placed.left, top: m.placed.top + (LABEL_ROW_HEIGHT - LABEL_FONT_SIZE) / 2 }]));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    background: '#ffffff',
    padding: { left: 20, right: 28, top: 20, bottom: 16 },
    config: { font: 'DejaVu Sans', view: { stroke: null }, title: { color: TEXT, subtitleColor: MUTED } },
    title: { text: chart.title, subtitle: chart.subtitle, anchor: 'start', fontSize: 26, subtitleFontSize: 16, offset: 14 },
    vconcat: [
      {
        width: CHART_WIDTH,
        height,
        layer: [
          // Under the lines: losses and cash burnt sit visibly below zero.
          ...(layout.zeroRule ? [{ data: { values: [{ value: 0 }] }, mark: { type: 'rule', color: '#757575', strokeWidth: 2 }, encoding: { y } }] : []),
          {
            data: { values: rows },
            mark: { type: 'line', strokeWidth: 4, interpolate: 'linear' },
            encoding: {
              x,
              y,
              color: { field: 'company', type: 'nominal', scale: { domain: chart.series.map((s) => s.name), range: chart.series.map((s) => s.colour) }, legend: { orient: 'top', direction: 'horizontal', title: null, labelFontSize: 20, symbolSize: 300, labelColor: TEXT, columnPadding: 24 } },
            },
          },
          // Verified figures as filled dots, unverified ones hollow (the footnote says so).
          ...[true, false].map((verified) => ({
            data: { values: rows.filter((r) => r.verified === verified) },
            mark: { type: 'point', size: 80, strokeWidth: 2.5, filled: verified, ...(verified ? {} : { fill: '#ffffff', fillOpacity: 1 }) },
            encoding: { x, y, color: { field: 'company', type: 'nominal' } },
          })),
          ...(marks.length === 0
            ? []
            : [
                // Pixel positions from the layout (scale: null): each rule starts at its label's row.
                {
                  data: { values: marks.map((m) => ({ end: m.end, ruleTop: m.ruleTop })) },
                  mark: { type: 'rule', strokeDash: [8, 6], strokeWidth: 2, color: '#424242' },
                  encoding: { x, y: { field: 'ruleTop', type: 'quantitative', scale: null }, y2: { value: height } },
                },
                {
                  data: { values: labelled },
                  mark: { type: 'text', align: 'left', baseline: 'top', fontSize: LABEL_FONT_SIZE, fontWeight: 'bold', color: TEXT },
                  encoding: { x: { field: 'left', type: 'quantitative', scale: null }, y: { field: 'top', type: 'quantitative', scale: null }, text: { field: 'label' } },
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
