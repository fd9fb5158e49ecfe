import { buildScoreboard, type Scoreboard } from '../compare/scoreboard.js';
import { entryFor } from '../compare/align-periods.js';
import { basisAdjective } from '../format/basis-words.js';
import type { DataPoint } from '../data/schema.js';
import { isDerivedFigure, UNVERIFIED_NOTE } from '../format/describe-figures.js';
import { createMessage, errorMessage, type Message } from '../message/message.js';
import { formatFigure, formatGap } from '../metrics/format-metric.js';
import { definitionOf } from '../metrics/served-metrics.js';
import type { CommandSpec } from './command.js';
import { basisOption, rivalryOption } from './options.js';
import { scoreboardActions } from './next-steps.js';

/** A figure's source in a few words: "10-K 0000104169-26-000055", "Form 10-K", "derived", "web source". */
function shortSource(point: DataPoint): string {
  if (isDerivedFigure(point)) return 'derived from the two';
  if (point.source.accession !== undefined) return `${point.source.form ?? 'filing'} ${point.source.accession}`;
  if (point.source.form !== undefined && point.source.form !== 'secondary') return `Form ${point.source.form}`;
  return point.source.url === undefined ? 'secondary source' : new URL(point.source.url).hostname;
}

/** "Amazon leads on 6 of 8 metrics, Walmart on 2." */
function tallyText(board: Scoreboard): string {
  const compared = board.lines.filter((l) => l.comparison !== undefined).length;
  const leaders = board.tally.filter((t) => t.leads > 0);
  if (leaders.length === 0) return `No metric has a ${basisAdjective(board.basis)} period in which every company reported.`;
  const [first, ...rest] = leaders;
  return `${first?.company.name} leads on ${first?.leads} of ${compared} metric${compared === 1 ? '' : 's'}${rest.map((t) => `, ${t.company.name} on ${t.leads}`).join('')}.`;
}

/** The scoreboard as a message: one table row per metric, who leads how many, definitions and sources underneath. */
export function scoreboardMessage(board: Scoreboard, heading = 'Scoreboard'): Message {
  const { rivalry, basis } = board;
  const summary = tallyText(board);
  const rows = board.lines.flatMap(({ metric, comparison }) => {
    if (comparison === undefined) return [];
    const periods = comparison.row.entries.map((e) => e.point.fiscalLabel).join(' / ');
    const figures = rivalry.companies.map((c) => {
      const entry = entryFor(comparison.row, c.id);
      return entry === undefined ? '—' : formatFigure(metric, entry.point);
    });
    return [[metric.name, periods, ...figures, comparison.gap === 0 ? 'tie' : comparison.leader.company.name, comparison.gap === 0 ? '' : formatGap(metric, comparison.gap)]];
  });
  const compared = board.lines.flatMap((l) => (l.comparison === undefined ? [] : [l.comparison]));
  const points = compared.flatMap((c) => c.row.entries);
  const missing = board.lines.filter((l) => l.comparison === undefined).map((l) => l.metric.name.toLowerCase());
  const context = [
    `Definitions: ${board.lines.map((l) => `${l.metric.name}: ${definitionOf(l.metric).definition}`).join('; ')}.`,
    `Sources: ${compared.map((c) => `${c.metric.name}: ${[...new Set(c.row.entries.map((e) => shortSource(e.point)))].join(', ')}`).join(' · ')}. Each figure's source: /rivalry compare ${rivalry.slug} <metric>.`,
    ...(missing.length === 0 ? [] : [`No ${basisAdjective(basis)} period with figures from every company for ${missing.join(', ')}.`]),
    ...(points.some((e) => !e.point.verified) ? [UNVERIFIED_NOTE] : []),
  ];
  return createMessage({
    title: `${heading}: ${rivalry.title} (${basisAdjective(basis)})`,
    summary,
    table: {
      columns: [
        { header: 'Metric', align: 'left' },
        { header: 'Period', align: 'left' },
        ...rivalry.companies.map((c) => ({ header: c.name, align: 'right' as const })),
        { header: 'Leader', align: 'left' },
        { header: 'Gap', align: 'right' },
      ],
      rows,
    },
    context,
    fallbackText: `${rivalry.title} ${basisAdjective(basis)} scoreboard: ${summary}`,
  });
}

export const scoreboardCommand: CommandSpec = {
  name: 'scoreboard',
  description: "Every metric's latest comparable period at a glance, and who leads how many",
  usage: 'scoreboard [rivalry] [annual|quarterly|ttm]',
  examples: ['scoreboard amazon-vs-walmart', 'scoreboard quarterly'],
  options: [rivalryOption, basisOption],
  run({ rivalry, basis }) {
    if (rivalry === undefined) return errorMessage('Which rivalry?', 'Name a rivalry.');
    return { ...scoreboardMessage(buildScoreboard(rivalry, basis)), actions: scoreboardActions(rivalry, basis) };
  },
};
