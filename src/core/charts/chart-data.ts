import { compareLatest } from '../compare/compare-latest.js';
import { alignPeriods, rowLabel } from '../compare/align-periods.js';
import type { Basis, Company, Metric, Rivalry } from '../data/schema.js';
import { basisAdjective } from '../format/basis-words.js';
import { summariseSources, UNVERIFIED_NOTE } from '../format/describe-figures.js';
import { formatGap, isPercent } from '../metrics/format-metric.js';
import { definitionOf } from '../metrics/served-metrics.js';
import { detectMilestones } from '../milestones/detect-milestones.js';

export interface ChartPoint {
  /** Period end (YYYY-MM-DD): where the point sits on the time axis, so each company's own fiscal calendar shows. */
  end: string;
  /** In the chart's unit: USD millions, or percent (6.93 for 6.93%). Losses and cash outflows are negative. */
  value: number;
  label: string;
  verified: boolean;
}

export interface ChartSeries {
  name: string;
  colour: string;
  points: ChartPoint[];
}

/** Everything a renderer needs to draw one rivalry chart, platform- and library-neutral. */
export interface ChartData {
  title: string;
  subtitle: string;
  yTitle: string;
  /** The metric's unit, so renderers format values as money or as percent (see format-metric.ts). */
  unit: Metric['unit'];
  series: ChartSeries[];
  /** Lead changes, marked on the chart. */
  crossovers: Array<{ end: string; label: string }>;
  footnote: string[];
  /** One sentence: who leads, by how much, since when. The image's alt text. */
  altText: string;
  filename: string;
}

/** A chart needs at least two periods per company to draw a line. */
export const MIN_CHART_POINTS = 2;

/**
 * What each company's figure measures. A derived metric's series repeat the metric's own definition
 * before naming their inputs ("operating income ÷ revenue … (operating income ÷ net sales)"); the
 * footnote states that definition once, so only the inputs are kept.
 */
function describeCompanyDefinitions(metric: Metric, companies: readonly Company[], general: string): string {
  return companies
    .map((c) => {
      const own = metric.series.find((s) => s.company === c.id)?.definition ?? metric.name.toLowerCase();
      const repeated = own.startsWith(`${general} (`) && own.endsWith(')');
      return `${c.name}: ${repeated ? own.slice(general.length + 2, -1) : own}`;
    })
    .join('; ');
}

export function buildChartData(rivalry: Rivalry, metric: Metric, basis: Basis, since?: number): ChartData | { error: string } {
  // "since" selects comparable periods the way history does, so both show the same years.
  const rows = alignPeriods(rivalry, metric, basis).filter((r) => since === undefined || Number(r.firstEnd.slice(0, 4)) >= since);
  const firstEnd = rows[0]?.firstEnd ?? '9999';
  const inRange = (end: string) => end >= firstEnd;
  const series = rivalry.companies.map((c) => ({
    name: c.name,
    colour: c.colour,
    points: rows.flatMap((r) => r.entries.filter((e) => e.company.id === c.id)).map(({ point: p }) => ({ end: p.end, value: p.value, label: p.fiscalLabel, verified: p.verified })),
  }));
  const short = series.find((s) => s.points.length < MIN_CHART_POINTS);
  if (short !== undefined) {
    return { error: `${short.name} has ${short.points.length === 0 ? 'no' : 'only one'} ${basisAdjective(basis)} ${metric.name.toLowerCase()} figure${since === undefined ? '' : ` since ${since}`}: a chart needs at least ${MIN_CHART_POINTS}.` };
  }
  const crossovers = detectMilestones(rivalry, metric, basis)
    .filter((m) => m.kind === 'lead-change' && inRange(m.periodEnd))
    .map((m) => ({ end: m.figures.map((f) => f.point.end).sort()[0] ?? m.periodEnd, label: `${rivalry.companies.find((c) => c.id === m.companyId)?.name ?? ''} takes the lead` }));
  const comparison = compareLatest(rivalry, metric, basis);
  const what = `${basisAdjective(basis)} ${metric.name.toLowerCase()}`;
  const altText =
    comparison === undefined
      ? `${rivalry.title}: ${what}.`
      : `${comparison.leader.company.name} leads ${comparison.runnerUp.company.name} on ${what} by ${formatGap(metric, comparison.gap)} in ${rowLabel(comparison.row)}, ${
          comparison.leadSpan.always ? 'as in every period on record' : comparison.leadSpan.firstEver ? 'its first lead on record' : `ahead since ${rowLabel(comparison.leadSpan.since)}`
        }.`;
  const points = series.flatMap((s) => s.points);
  const percent = isPercent(metric);
  const { definition } = definitionOf(metric);
  return {
    title: `${rivalry.title}: ${what}`,
    subtitle: `${points[0]?.label ?? ''} to ${points.at(-1)?.label ?? ''} · ${percent ? 'percent' : 'USD billions'} · fiscal periods at their end dates`,
    yTitle: `${metric.name} (${percent ? '%' : '$B'})`,
    unit: metric.unit,
    series,
    crossovers,
    footnote: [
      `${metric.name}: ${definition}. Definitions: ${describeCompanyDefinitions(metric, rivalry.companies, definition)}.`,
      `Sources: ${summariseSources(rivalry.companies.map((c) => ({ company: c, points: rows.flatMap((r) => r.entries.filter((e) => e.company.id === c.id).map((e) => e.point)) })))}.`,
      ...(points.some((p) => !p.verified) ? [UNVERIFIED_NOTE.replace('†', 'Hollow points:')] : []),
    ],
    altText,
    filename: 'chart.png',
  };
}

/** Draws a chart as PNG bytes; injected into adapters so none of them loads the chart stack itself. */
export type ChartRenderer = (chart: ChartData) => Promise<Uint8Array>;
