import { buildChartData } from '../charts/chart-data.js';
import { compareLatest } from '../compare/compare-latest.js';
import { renderComparison } from '../commands/compare.js';
import { defaultMetric } from '../data/catalog.js';
import type { Rivalry } from '../data/schema.js';
import { createMessage, type Message } from '../message/message.js';
import { detectMilestones } from '../milestones/detect-milestones.js';
import type { Milestone } from '../milestones/milestone.js';
import { UNVERIFIED_MARK } from '../format/describe-figures.js';

const RECENT_MILESTONES = 3;

function milestoneLine(m: Milestone): string {
  return `${m.periodLabel}: ${m.headline}${m.verified ? '' : ` ${UNVERIFIED_MARK}`}`;
}

/** The scheduled digest: the latest comparison plus the most recent notable milestones. */
export function digestMessage(rivalry: Rivalry, heading: string, withChart = false): Message {
  const metric = defaultMetric(rivalry);
  const comparison = compareLatest(rivalry, metric, 'annual');
  const recent = detectMilestones(rivalry, metric, 'annual').filter((m) => !m.routine).slice(0, RECENT_MILESTONES);
  const milestonesField = { label: 'Latest milestones', value: recent.length === 0 ? 'none yet' : recent.map(milestoneLine).join('\n') };
  if (comparison === undefined) {
    return createMessage({ title: `${heading}: ${rivalry.title}`, summary: 'No period yet in which every company reported.', fields: [milestonesField], fallbackText: `${heading}: ${rivalry.title}` });
  }
  const base = renderComparison(comparison);
  const chart = withChart ? buildChartData(rivalry, metric, 'annual') : undefined;
  return { ...base, title: `${heading}: ${base.title}`, fields: [...base.fields, milestonesField], visibility: 'public', ...(chart === undefined || 'error' in chart ? {} : { chart }) };
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
  });
}
