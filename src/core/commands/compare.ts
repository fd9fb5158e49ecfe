import { alignmentNote, pointPeriod, rowLabel, rowPeriods } from '../compare/align-periods.js';
import { compareLatest, type Comparison, type Standing } from '../compare/compare-latest.js';
import { memoByMetric } from '../data/memo.js';
import { basisAdjective } from '../format/basis-words.js';
import type { Metric, Rivalry } from '../data/schema.js';
import { describeDefinitions, describePointSource, UNVERIFIED_NOTE } from '../format/describe-figures.js';
import { formatPercent } from '../format/numbers.js';
import { formatExact, formatFigure, formatGap, formatGrowth, isPercent, unitLabel } from '../metrics/format-metric.js';
import { createMessage, errorMessage, type Message, type MessageField } from '../message/message.js';
import type { CommandSpec } from './command.js';
import { basisOption, metricOption, rivalryOption } from './options.js';
import { definitionOf } from '../metrics/served-metrics.js';
import { compareActions } from './next-steps.js';

export const compareCommand: CommandSpec = {
  name: 'compare',
  description: 'Who leads, by how much, since when, and how fast the gap is moving',
  usage: 'compare [rivalry] [metric] [annual|quarterly|ttm]',
  examples: ['compare amazon-vs-walmart revenue', 'compare quarterly', 'compare ttm'],
  options: [rivalryOption, metricOption, basisOption],
  run(args) {
    const { rivalry, metric, basis } = args;
    if (rivalry === undefined || metric === undefined) return errorMessage('Nothing to compare', 'Name a rivalry.');
    const reply = comparisonReply(rivalry, metric, basis);
    if (reply !== undefined) return { ...reply, actions: compareActions(rivalry, metric, basis) };
    return errorMessage('No comparable period', `${rivalry.title} has no ${basis} period in which every company reported ${metric.name.toLowerCase()}.`, [
      `Try: /rivalry compare ${rivalry.slug} ${metric.id} ${basis === 'annual' ? 'quarterly' : 'annual'}`,
    ]);
  },
};

/** The reply depends only on the data, which is never mutated: compute it once per metric and basis. */
const comparisonReply = memoByMetric((rivalry, metric, basis) => {
  const comparison = compareLatest(rivalry, metric, basis);
  return comparison === undefined ? undefined : renderComparison(comparison);
});

function headlineOf(c: Comparison): string {
  const { leader, runnerUp, metric, basis } = c;
  const what = `${basisAdjective(basis)} ${metric.name.toLowerCase()}`;
  const figures = c.standings.map((s) => `${formatFigure(metric, s.point)} in ${pointPeriod(s.point)}`).join(' vs ');
  if (c.gap === 0) return `${leader.company.name} and ${runnerUp.company.name} are tied on ${what} at ${formatFigure(metric, leader.point)}.`;
  // A ratio's gap is in percentage points ("6.9 pp above"), never a percent of a percent.
  if (isPercent(metric)) return `${leader.company.name}'s ${what} is ${formatGap(metric, c.gap)} above ${runnerUp.company.name}'s: ${figures}.`;
  const relative = c.gapRatio === undefined ? '' : ` (${formatPercent(c.gapRatio)})`;
  return `${leader.company.name} leads on ${what} by ${formatGap(metric, c.gap)}${relative}: ${figures}.`;
}

function leadSinceText(c: Comparison): string {
  const span = c.leadSpan;
  const word = c.basis === 'annual' ? 'period' : c.basis === 'ttm' ? 'window' : 'quarter';
  if (span.always) return `${c.leader.company.name} has led in every ${word} on record (${span.rows}, since ${rowLabel(span.dataStart)}).`;
  const first = span.firstEver ? ` First lead on record (data since ${rowLabel(span.dataStart)}).` : '';
  if (span.rows === 1) return `This ${word} only.${first}`;
  return `Since ${rowLabel(span.since)} (${span.rows} ${word}s in a row).${first}`;
}

function gapMoveText(c: Comparison): string | undefined {
  if (c.previous === undefined) return undefined;
  const change = c.gap - c.previous.gap;
  const prevGap = c.previous.gap;
  const before = prevGap >= 0 ? `${c.leader.company.name} ahead by ${formatGap(c.metric, prevGap)}` : `${c.runnerUp.company.name} ahead by ${formatGap(c.metric, prevGap)}`;
  const direction = change >= 0 ? `toward ${c.leader.company.name}` : `toward ${c.runnerUp.company.name}`;
  return `Moved ${formatGap(c.metric, change)} ${direction} since ${rowLabel(c.previous.row)} (then: ${before}).`;
}

function growthText(metric: Metric, s: Standing): string {
  const cagr = s.cagrs.map((g) => `${g.years}y ${formatGrowth(metric, g)}${g.base.verified ? '' : '†'}`);
  return [s.yoy === undefined ? 'YoY n/a' : `YoY ${formatGrowth(metric, s.yoy)}`, ...(cagr.length > 0 ? [`CAGR ${cagr.join(' · ')}`] : [])].join(' · ');
}

function outlookText(c: Comparison): string | undefined {
  const o = c.outlook;
  if (o === undefined) return undefined;
  const lead = o.leaderNext - o.runnerUpNext;
  const next = lead >= 0 ? `${c.leader.company.name} ahead by ~${formatGap(c.metric, lead)}` : `${c.runnerUp.company.name} ahead by ~${formatGap(c.metric, lead)}`;
  const catchUp =
    o.periodsToOvertake === undefined
      ? `${c.runnerUp.company.name} would not catch up at these rates.`
      : `${c.runnerUp.company.name} would overtake in about ${o.periodsToOvertake} year${o.periodsToOvertake === 1 ? '' : 's'}.`;
  return `Not a forecast: if each keeps its latest year-over-year growth, next year ends with ${next}. ${catchUp}`;
}

export function renderComparison(c: Comparison): Message {
  const { rivalry, metric, row } = c;
  const summary = headlineOf(c);
  const fields: MessageField[] = c.standings.map((s) => ({ label: `${s.company.name} ${s.point.fiscalLabel}`, value: `${formatFigure(metric, s.point)} · ${growthText(metric, s)}`, inline: true }));
  const relative = c.gapRatio === undefined ? '' : ` (${formatPercent(c.gapRatio)} of ${c.runnerUp.company.name}'s)`;
  fields.push({ label: 'Gap', value: c.gap === 0 ? 'none (tied)' : `${formatGap(metric, c.gap)}${relative}`, inline: true });
  fields.push({ label: 'Leader since', value: leadSinceText(c), inline: true });
  const moved = gapMoveText(c);
  if (moved !== undefined) fields.push({ label: 'Gap vs prior period', value: moved });
  const outlook = outlookText(c);
  if (outlook !== undefined) fields.push({ label: 'Outlook at current growth rates', value: outlook });

  const context = contextLines(rivalry, metric, c);
  return createMessage({
    title: `${rivalry.title}: ${basisAdjective(c.basis)} ${metric.name.toLowerCase()}`,
    summary,
    fields,
    table: {
      columns: [
        { header: 'Company', align: 'left' },
        { header: 'Period', align: 'left' },
        { header: `${metric.name} (${unitLabel(metric)})`, align: 'right' },
        { header: 'YoY', align: 'right' },
      ],
      rows: c.standings.map((s) => [s.company.name, pointPeriod(s.point), `${formatExact(metric, s.point.value)}${s.point.verified ? '' : '†'}`, s.yoy === undefined ? 'n/a' : formatGrowth(metric, s.yoy)]),
    },
    context,
    accentColour: c.leader.company.colour,
    fallbackText: `${summary} Periods: ${rowPeriods(row)}. Sources: ${row.entries.map((e) => describePointSource(e.company, e.point)).join('; ')}.`,
  });
}

function contextLines(rivalry: Rivalry, metric: Metric, c: Comparison): string[] {
  const lines = [`Periods: ${rowPeriods(c.row)}.${alignmentNote(c.row) === undefined ? '' : ` ${alignmentNote(c.row)}`}`];
  lines.push(`${metric.name}: ${definitionOf(metric).definition}. Definitions: ${describeDefinitions(metric, rivalry.companies)}.`);
  lines.push(`Sources: ${c.row.entries.map((e) => describePointSource(e.company, e.point)).join('; ')}.`);
  if (c.newer.length > 0) {
    lines.push(`Newer figures without a counterpart yet: ${c.newer.map((e) => `${e.company.name} ${e.point.fiscalLabel} ${formatFigure(metric, e.point)}`).join(', ')}.`);
  }
  const involved = [...c.row.entries.map((e) => e.point), ...c.standings.flatMap((s) => [...(s.yoy ? [s.yoy.base] : []), ...s.cagrs.map((g) => g.base)])];
  if (involved.some((p) => !p.verified)) lines.push(UNVERIFIED_NOTE);
  return lines;
}
