import { alignPeriods, entryFor, isComplete, rowLabel } from '../compare/align-periods.js';
import { rankRow, rowLeader } from '../compare/compare-latest.js';
import { describeDefinitions, summariseSources, UNVERIFIED_NOTE } from '../format/describe-figures.js';
import { formatFigure, formatGap } from '../metrics/format-metric.js';
import { definitionOf } from '../metrics/served-metrics.js';
import { buildChartData } from '../charts/chart-data.js';
import { basisAdjective, periodsNoun } from '../format/basis-words.js';
import { createMessage, errorMessage } from '../message/message.js';
import type { CommandSpec } from './command.js';
import { basisOption, metricOption, rivalryOption, sinceOption } from './options.js';

export const historyCommand: CommandSpec = {
  name: 'history',
  description: 'Every comparable period side by side, with the leader and the gap',
  usage: 'history [rivalry] [metric] [annual|quarterly|ttm] [since YEAR]',
  examples: ['history amazon-vs-walmart revenue since 2015', 'history quarterly'],
  options: [rivalryOption, metricOption, basisOption, sinceOption],
  run({ rivalry, metric, basis, since }) {
    if (rivalry === undefined || metric === undefined) return errorMessage('No history', 'Name a rivalry.');
    const all = alignPeriods(rivalry, metric, basis);
    const rows = all.filter((r) => since === undefined || Number(r.firstEnd.slice(0, 4)) >= since);
    if (rows.length === 0) {
      const first = all[0]?.firstEnd.slice(0, 4);
      const last = all.at(-1)?.firstEnd.slice(0, 4);
      return errorMessage('No data for that range', `${rivalry.title} has ${basis} ${metric.name.toLowerCase()} ${first === undefined ? 'for no period' : `from ${first} to ${last}`}${since === undefined ? '' : `, nothing since ${since}`}.`);
    }
    const complete = rows.filter((r) => isComplete(r, rivalry));
    const ledCounts = rivalry.companies
      .map((c) => ({ c, n: complete.filter((r) => rowLeader(r)?.id === c.id).length }))
      .filter((x) => x.n > 0)
      .map((x) => `${x.c.name} led ${x.n}`);
    const firstRow = complete[0];
    const lastRow = complete.at(-1);
    const describeGap = (r: typeof firstRow) => {
      if (r === undefined) return '';
      const [top, second] = rankRow(r);
      return top && second ? `${top.company.name} +${formatGap(metric, top.point.value - second.point.value)}` : '';
    };
    const span = firstRow && lastRow ? `${rowLabel(firstRow)} to ${rowLabel(lastRow)}` : '';
    const summary = `${complete.length} comparable ${periodsNoun(basis)}${span ? `, ${span}` : ''}. ${ledCounts.join(', ')}.${firstRow && lastRow && firstRow !== lastRow ? ` Gap went from ${describeGap(firstRow)} to ${describeGap(lastRow)}.` : ''}`;

    const tableRows = rows.map((r) => {
      const leader = isComplete(r, rivalry) ? rowLeader(r) : undefined;
      return [
        r.entries.map((e) => e.point.fiscalLabel).join(' / '),
        ...rivalry.companies.map((c) => {
          const e = entryFor(r, c.id);
          return e === undefined ? '—' : formatFigure(metric, e.point);
        }),
        leader?.name ?? (isComplete(r, rivalry) ? 'tie' : '—'),
        isComplete(r, rivalry) ? describeGap(r).replace(/^.*\+/, '') : '',
      ];
    });
    const points = rows.flatMap((r) => r.entries.map((e) => e.point));
    const companyOf = new Map(rows.flatMap((r) => r.entries.map((e) => [e.point, e.company.id] as const)));
    const context = [
      `Period column: each company's fiscal label (${rivalry.companies.map((c) => c.name).join(' / ')}); fiscal periods ending within ~2 months are compared.`,
      `${metric.name}: ${definitionOf(metric).definition}. Definitions: ${describeDefinitions(metric, rivalry.companies)}.`,
      `Sources: ${summariseSources(rivalry.companies.map((c) => ({ company: c, points: points.filter((p) => companyOf.get(p) === c.id) })))}. Per-figure sources: /rivalry compare, or the rivalry's data file.`,
    ];
    if (points.some((p) => !p.verified)) context.push(UNVERIFIED_NOTE);
    const chart = buildChartData(rivalry, metric, basis, since);
    return createMessage({
      ...('error' in chart ? {} : { chart }),
      title: `${rivalry.title}: ${basisAdjective(basis)} ${metric.name.toLowerCase()} history`,
      summary,
      table: {
        columns: [{ header: 'Period', align: 'left' }, ...rivalry.companies.map((c) => ({ header: c.name, align: 'right' as const })), { header: 'Leader', align: 'left' }, { header: 'Gap', align: 'right' }],
        rows: tableRows,
      },
      context,
      fallbackText: summary,
    });
  },
};
