import { buildChartData } from '../charts/chart-data.js';
import { buildScoreboard } from '../compare/scoreboard.js';
import { scoreboardMessage } from '../commands/scoreboard.js';
import { defaultMetric, findMetric } from '../data/catalog.js';
import type { Rivalry } from '../data/schema.js';
import { createMessage, type Message } from '../message/message.js';
import { allMilestones } from '../milestones/all-milestones.js';
import type { Milestone } from '../milestones/milestone.js';
import { UNVERIFIED_MARK } from '../format/describe-figures.js';
import { compareNowActions } from '../commands/next-steps.js';

const RECENT_MILESTONES = 3;

function milestoneLine(m: Milestone): string {
  return `${m.periodLabel}: ${m.headline}${m.verified ? '' : ` ${UNVERIFIED_MARK}`}`;
}

export interface DigestOptions {
  withChart?: boolean;
  /** The metrics a subscription follows; all when absent. */
  metrics?: readonly string[];
}

/**
 * The scheduled digest: the annual scoreboard (every metric the subscription follows) plus the most
 * recent notable annual milestones, and optionally the chart of the first metric.
 */
export function digestMessage(rivalry: Rivalry, heading: string, options: DigestOptions = {}): Message {
  const { metrics } = options;
  const board = buildScoreboard(rivalry, 'annual', metrics);
  const recent = allMilestones(rivalry)
    .filter((m) => m.basis === 'annual' && !m.routine && (metrics === undefined || metrics.includes(m.metric)))
    .sort((a, b) => b.periodEnd.localeCompare(a.periodEnd))
    .slice(0, RECENT_MILESTONES);
  const milestonesField = { label: 'Latest milestones', value: recent.length === 0 ? 'none yet' : recent.map(milestoneLine).join('\n') };
  const base = scoreboardMessage(board, heading);
  const chartMetric = (metrics?.[0] === undefined ? undefined : findMetric(rivalry, metrics[0])) ?? defaultMetric(rivalry);
  const chart = options.withChart === true ? buildChartData(rivalry, chartMetric, 'annual') : undefined;
  if (board.lines.every((l) => l.comparison === undefined)) {
    return createMessage({ title: `${heading}: ${rivalry.title}`, summary: 'No period yet in which every company reported.', fields: [milestonesField], fallbackText: `${heading}: ${rivalry.title}` });
  }
  return { ...base, fields: [...base.fields, milestonesField], visibility: 'public', actions: compareNowActions(rivalry), ...(chart === undefined || 'error' in chart ? {} : { chart }) };
}

/** One alert for the new milestones of one data change. */
export function alertMessage(rivalry: Rivalry, milestones: readonly Milestone[]): Message {
  const title = milestones.length === 1 ? `New milestone: ${rivalry.title}` : `${milestones.length} new milestones: ${rivalry.title}`;
  const [first] = milestones;
  return createMessage({
    title,
    summary: first?.headline ?? '',
    fields: milestones.map((m) => ({ label: m.periodLabel, value: `${m.headline}${m.verified ? '' : ` ${UNVERIFIED_MARK}`}\n${m.details.join('\n')}` })),
    context: [...new Set(milestones.flatMap((m) => m.figures.map((f) => `${f.company.name} ${f.point.fiscalLabel}: ${f.point.source.document}${f.point.source.accession ? `, accession ${f.point.source.accession}` : ''}`)))].slice(0, 8).map((s) => `Source: ${s}`),
    fallbackText: `${title}. ${first?.headline ?? ''}`,
    actions: compareNowActions(rivalry, first === undefined ? undefined : findMetric(rivalry, first.metric), first?.basis),
  });
}
