import { alignPeriods, entryFor, pointPeriod } from '../compare/align-periods.js';
import { pointsFor } from '../compare/basis-points.js';
import type { Basis, Company, DataPoint, Metric, Rivalry } from '../data/schema.js';
import { formatDay } from '../format/dates.js';
import { UNVERIFIED_MARK, UNVERIFIED_NOTE, describePointSource } from '../format/describe-figures.js';
import { createMessage, type Message } from '../message/message.js';
import { formatFigure, formatGap } from '../metrics/format-metric.js';
import { metricsOf } from '../metrics/served-metrics.js';
import type { Milestone } from '../milestones/milestone.js';
import type { IndexedFiling } from './filing-index.js';
import { compareNowActions } from '../commands/next-steps.js';

/** A figure that came with this filing: its accession, or (derived figures, TTM sums) its inputs naming it. */
export const fromFiling = (point: DataPoint, accession: string) => point.source.accession === accession || (point.note ?? '').includes(accession);

/** Whether the rivalry holds figures the company reported in this filing (SEC's company facts have caught up with it). */
export function holdsFiling(rivalry: Rivalry, cik: string, accession: string): boolean {
  const company = rivalry.companies.find((c) => c.cik === cik);
  return company !== undefined && rivalry.metrics.some((m) => m.series.some((s) => s.company === company.id && s.points.some((p) => fromFiling(p, accession))));
}

/** A milestone that rests on a figure of this filing. */
export const milestoneFromFiling = (m: Milestone, accession: string) => m.figures.some((f) => fromFiling(f.point, accession));

/** Every filing a milestone's figures come from (their accessions, and those their notes name). */
export function filingsBehind(m: Milestone): string[] {
  return m.figures.flatMap((f) => [...(f.point.source.accession === undefined ? [] : [f.point.source.accession]), ...((f.point.note ?? '').match(/\d{10}-\d{2}-\d{6}/g) ?? [])]);
}

/** "Earnings released: Walmart": the 8-K item 2.02 announcement; no figures (the 8-K carries no XBRL statements). */
export function earningsReleasedMessage(rivalry: Rivalry, company: Company, filing: IndexedFiling, url: string): Message {
  const summary = `${company.name} released its results (Form 8-K, item 2.02 "Results of Operations", filed ${formatDay(filing.filed)}). The figures come with its 10-Q or 10-K; the bot posts the new period against ${rivalry.companies.filter((c) => c.id !== company.id).map((c) => c.name).join(' and ')} once SEC has them.`;
  return createMessage({
    title: `Earnings released: ${company.name}`,
    summary,
    context: [`Filing: ${url}`, `Rivalry: ${rivalry.title} (/rivalry scoreboard ${rivalry.slug})`],
    fallbackText: summary,
  });
}

interface PeriodLine {
  metric: Metric;
  point: DataPoint;
  rivals: Array<{ company: Company; point?: DataPoint; latest?: DataPoint }>;
}

/** Each metric's figure for the filed period, beside each rival's comparable figure (or its latest, when that is not out yet). */
function periodLines(rivalry: Rivalry, company: Company, basis: Basis, end: string, metrics: readonly Metric[]): PeriodLine[] {
  return metrics.flatMap((metric) => {
    const row = alignPeriods(rivalry, metric, basis).find((r) => entryFor(r, company.id)?.point.end === end);
    const point = row === undefined ? undefined : entryFor(row, company.id)?.point;
    if (row === undefined || point === undefined) return [];
    const rivals = rivalry.companies
      .filter((c) => c.id !== company.id)
      .map((c) => {
        const comparable = entryFor(row, c.id)?.point;
        return comparable === undefined ? { company: c, ...(pointsFor(rivalry, metric, basis, c.id).at(-1) === undefined ? {} : { latest: pointsFor(rivalry, metric, basis, c.id).at(-1) as DataPoint }) } : { company: c, point: comparable };
      });
    return [{ metric, point, rivals }];
  });
}

/**
 * "New quarter: Walmart Q1 FY2027": the filed period on every metric against each rival's comparable
 * period, and the milestones the new figures make, each once.
 */
export function newPeriodMessage(rivalry: Rivalry, company: Company, filing: IndexedFiling, url: string, milestones: readonly Milestone[], only?: readonly string[]): Message | undefined {
  const basis: Basis = filing.form === '10-K' ? 'annual' : 'quarter';
  const metrics = metricsOf(rivalry).filter((m) => only === undefined || only.includes(m.id));
  const anchor = metrics.flatMap((m) => pointsFor(rivalry, m, basis, company.id).filter((p) => fromFiling(p, filing.accession))).sort((a, b) => b.end.localeCompare(a.end))[0];
  if (anchor === undefined) return undefined;
  const lines = periodLines(rivalry, company, basis, anchor.end, metrics);
  const kind = basis === 'annual' ? 'fiscal year' : 'quarter';
  const ahead = lines.filter((l) => l.rivals.every((r) => r.point !== undefined && l.point.value > r.point.value)).length;
  const compared = lines.filter((l) => l.rivals.every((r) => r.point !== undefined)).length;
  const summary =
    `${company.name} filed its ${filing.form} for ${anchor.fiscalLabel} (${pointPeriod(anchor)}) on ${formatDay(filing.filed)}.` +
    (compared === 0 ? ` ${rivalry.companies.filter((c) => c.id !== company.id).map((c) => c.name).join(' and ')} ha${rivalry.companies.length > 2 ? 've' : 's'} not reported the comparable ${kind} yet.` : ` Against the comparable ${kind}, ${company.name} is ahead on ${ahead} of ${compared} metric${compared === 1 ? '' : 's'}.`);
  const rivalCell = (metric: Metric, r: PeriodLine['rivals'][number]) =>
    r.point !== undefined ? `${formatFigure(metric, r.point)} (${r.point.fiscalLabel})` : r.latest === undefined ? 'not reported' : `not out yet; latest ${formatFigure(metric, r.latest)} (${r.latest.fiscalLabel})`;
  const rows = lines.map((l) => {
    const best = [{ company, point: l.point }, ...l.rivals.flatMap((r) => (r.point === undefined ? [] : [{ company: r.company, point: r.point }]))].sort((a, b) => b.point.value - a.point.value);
    const complete = l.rivals.every((r) => r.point !== undefined);
    const [first, second] = best;
    return [l.metric.name, formatFigure(l.metric, l.point), ...l.rivals.map((r) => rivalCell(l.metric, r)), complete && first ? first.company.name : '—', complete && first && second ? formatGap(l.metric, first.point.value - second.point.value) : ''];
  });
  const figures = lines.flatMap((l) => [l.point, ...l.rivals.flatMap((r) => (r.point === undefined ? [] : [r.point]))]);
  return createMessage({
    title: `New ${kind}: ${company.name} ${anchor.fiscalLabel}`,
    summary,
    table: {
      columns: [{ header: 'Metric', align: 'left' }, { header: `${company.name} ${anchor.fiscalLabel}`, align: 'right' }, ...rivalry.companies.filter((c) => c.id !== company.id).map((c) => ({ header: c.name, align: 'right' as const })), { header: 'Leader', align: 'left' }, { header: 'Gap', align: 'right' }],
      rows,
    },
    fields: milestones.length === 0 ? [] : [{ label: milestones.length === 1 ? 'New milestone' : 'New milestones', value: milestones.map((m) => `${m.headline}${m.verified ? '' : ` ${UNVERIFIED_MARK}`}`).join('\n') }],
    context: [
      `Filing: ${url}`,
      `Source of ${company.name}'s figures: ${describePointSource(company, anchor)}.`,
      ...(figures.some((p) => !p.verified) ? [UNVERIFIED_NOTE] : []),
    ],
    accentColour: company.colour,
    actions: compareNowActions(rivalry, undefined, basis),
    fallbackText: summary,
  });
}
