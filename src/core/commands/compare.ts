import { alignmentNote, pointPeriod, rowLabel, rowPeriods } from '../compare/align-periods.js';
import { compareLatest, type Comparison, type Standing } from '../compare/compare-latest.js';
import { memoByMetric } from '../data/memo.js';
import { basisAdjective } from '../format/basis-words.js';
import type { Metric, Rivalry } from '../data/schema.js';
import { describeDefinitions, describePointSource, formatFigure, UNVERIFIED_NOTE } from '../format/describe-figures.js';
import { formatExactMillions, formatPercent, formatPercentChange, formatUsdMillions } from '../format/numbers.js';
import { createMessage, errorMessage, type Message, type MessageField } from '../message/message.js';
import type { CommandSpec } from './command.js';
import { basisOption, metricOption, rivalryOption } from './options.js';

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
    if (reply === undefined) {
      return errorMessage('No comparable period', `${rivalry.title} has no ${basis} period in which every company reported ${metric.name.toLowerCase()}.`, [
        `Try: /rivalry compare ${rivalry.slug} ${metric.id} ${basis === 'annual' ? 'quarterly' : 'annual'}`,
      ]);
    }
    return reply;
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
  if (c.gap === 0) return `${leader.company.name} and ${runnerUp.company.name} are tied on ${what} at ${formatFigure(leader.point)}.`;
  return (
    `${leader.company.name} leads on ${what} by ${formatUsdMillions(c.gap)} (${formatPercent(c.gapRatio)}): ` +
    c.standings.map((s) => `${formatFigure(s.point)} in ${pointPeriod(s.point)}`).join(' vs ') +
    '.'
  );
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
  const before = prevGap >= 0 ? `${c.leader.company.name} ahead by ${formatUsdMillions(prevGap)}` : `${c.runnerUp.company.name} ahead by ${formatUsdMillions(-prevGap)}`;
  const direction = change >= 0 ? `toward ${c.leader.company.name}` : `toward ${c.runnerUp.company.name}`;
  return `Moved ${formatUsdMillions(Math.abs(change))} ${direction} since ${rowLabel(c.previous.row)} (then: ${before}).`;
}

function growthText(s: Standing): string {
  const cagr = s.cagrs.map((g) => `${g.years}y ${formatPercentChange(g.ratio)}${g.base.verified ? '' : '†'}`);
  return [s.yoy === undefined ? 'YoY n/a' : `YoY ${formatPercentChange(s.yoy.ratio)}`, ...(cagr.length > 0 ? [`CAGR ${cagr.join(' · ')}`] : [])].join(' · ');
}

function outlookText(c: Comparison): string | undefined {
  const o = c.outlook;
  if (o === undefined) return undefined;
  const lead = o.leaderNext - o.runnerUpNext;
  const next = lead >= 0 ? `${c.leader.company.name} ahead by ~${formatUsdMillions(lead)}` : `${c.runnerUp.company.name} ahead by ~${formatUsdMillions(-lead)}`;
  const catchUp =
    o.periodsToOvertake === undefined
      ? `${c.runnerUp.company.name} would not catch up at these rates.`
      : `${c.runnerUp.company.name} would overtake in about ${o.periodsToOvertake} year${o.periodsToOvertake === 1 ? '' : 's'}.`;
  return `Not a forecast: if each keeps its latest year-over-year growth, next year ends with ${next}. ${catchUp}`;
}

export function renderComparison(c: Comparison): Message {
  const { rivalry, metric, row } = c;
  const summary = headlineOf(c);
  const fields: MessageField[] = c.standings.map((s) => ({ label: `${s.company.name} ${s.point.fiscalLabel}`, value: `${formatFigure(s.point)} · ${growthText(s)}`, inline: true }));
  fields.push({ label: 'Gap', value: c.gap === 0 ? 'none (tied)' : `${formatUsdMillions(c.gap)} (${formatPercent(c.gapRatio)} of ${c.runnerUp.company.name}'s)`, inline: true });
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
        { header: `${metric.name} (USD M)`, align: 'right' },
        { header: 'YoY', align: 'right' },
      ],
      rows: c.standings.map((s) => [s.company.name, pointPeriod(s.point), `${formatExactMillions(s.point.value)}${s.point.verified ? '' : '†'}`, s.yoy === undefined ? 'n/a' : formatPercentChange(s.yoy.ratio)]),
    },
    context,
    accentColour: c.leader.company.colour,
    fallbackText: `${summary} Periods: ${rowPeriods(row)}. Sources: ${row.entries.map((e) => describePointSource(e.company, e.point)).join('; ')}.`,
  });
}

function contextLines(rivalry: Rivalry, metric: Metric, c: Comparison): string[] {
  const lines = [`Periods: ${rowPeriods(c.row)}.${alignmentNote(c.row) === undefined ? '' : ` ${alignmentNote(c.row)}`}`];
  lines.push(`Definitions: ${describeDefinitions(metric, rivalry.companies)}.`);
  lines.push(`Sources: ${c.row.entries.map((e) => describePointSource(e.company, e.point)).join('; ')}.`);
  if (c.newer.length > 0) {
    lines.push(`Newer figures without a counterpart yet: ${c.newer.map((e) => `${e.company.name} ${e.point.fiscalLabel} ${formatFigure(e.point)}`).join(', ')}.`);
  }
  const involved = [...c.row.entries.map((e) => e.point), ...c.standings.flatMap((s) => [...(s.yoy ? [s.yoy.base] : []), ...s.cagrs.map((g) => g.base)])];
  if (involved.some((p) => !p.verified)) lines.push(UNVERIFIED_NOTE);
  return lines;
}
