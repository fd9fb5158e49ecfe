import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { ALIGN_TOLERANCE_DAYS } from '../compare/align-periods.js';
import { pointsFor } from '../compare/basis-points.js';
import { basisAdjective } from '../format/basis-words.js';
import { parseDay } from '../format/dates.js';
import { createMessage, errorMessage } from '../message/message.js';
import { detectMilestones } from '../milestones/detect-milestones.js';
import type { Milestone } from '../milestones/milestone.js';
import { describePointSource, summariseSources, UNVERIFIED_MARK, UNVERIFIED_NOTE } from '../format/describe-figures.js';
import type { CommandSpec } from './command.js';
import { basisOption, kindOption, metricOption, rivalryOption, sinceOption } from './options.js';

/** Newest milestones shown in one reply; older ones are reached with "since". */
export const MILESTONES_SHOWN = 10;

const KIND_LABEL: Record<Milestone['kind'], string> = {
  'lead-change': 'Lead change',
  'sign-change': 'Profit or loss',
  record: 'Record',
  threshold: 'Threshold',
  'growth-streak': 'Growth streak',
  'streak-ended': 'Streak ended',
  'gap-streak': 'Gap streak',
};

export const milestonesCommand: CommandSpec = {
  name: 'milestones',
  description: 'Lead changes, first losses and returns to profit, records, thresholds and streaks, newest first',
  usage: 'milestones [rivalry] [metric] [annual|quarterly|ttm] [kind|all] [since YEAR]',
  examples: ['milestones amazon-vs-walmart', 'milestones lead-change', 'milestones all since 2020'],
  options: [rivalryOption, metricOption, basisOption, kindOption, sinceOption],
  run({ rivalry, metric, basis, kind, since }) {
    if (rivalry === undefined || metric === undefined) return errorMessage('No milestones', 'Name a rivalry.');
    const found = detectMilestones(rivalry, metric, basis)
      .filter((m) => (kind === undefined ? !m.routine : kind === 'all' || m.kind === kind))
      .filter((m) => since === undefined || Number(m.periodEnd.slice(0, 4)) >= since);
    const what = `${basisAdjective(basis)} ${metric.name.toLowerCase()}`;
    if (found.length === 0) {
      return createMessage({
        title: `${rivalry.title}: no milestones`,
        summary: `No ${kind !== undefined && kind !== 'all' ? `${kind} ` : ''}milestones in ${what}${since === undefined ? '' : ` since ${since}`}.`,
        visibility: 'private',
        fallbackText: `No milestones in ${what} for ${rivalry.title}.`,
      });
    }
    const shown = found.slice(0, MILESTONES_SHOWN);
    const hidden = found.length - shown.length;
    const oldestShown = shown.at(-1);
    const summary = `${found.length} milestone${found.length === 1 ? '' : 's'} in ${what}${kind === undefined ? ' (routine records hidden: add "all")' : ''}, newest first.`;
    const context: string[] = [];
    if (hidden > 0 && oldestShown !== undefined) context.push(`…and ${hidden} more, earlier. Narrow with: /rivalry milestones since ${oldestShown.periodEnd.slice(0, 4)}, or a kind (${Object.keys(KIND_LABEL).join(', ')}).`);
    const latest = shown[0];
    if (latest !== undefined) {
      const newest = latest.figures.filter((f) => Math.abs(differenceInCalendarDays(parseDay(f.point.end), parseDay(latest.periodEnd))) <= ALIGN_TOLERANCE_DAYS[basis]);
      context.push(`Sources for the newest: ${newest.map((f) => describePointSource(f.company, f.point)).join('; ')}.`);
      context.push(`All figures: ${summariseSources(rivalry.companies.map((c) => ({ company: c, points: pointsFor(rivalry, metric, basis, c.id) })))}.`);
    }
    if (shown.some((m) => !m.verified)) context.push(`${UNVERIFIED_NOTE} A milestone marked ${UNVERIFIED_MARK} rests on such a figure.`);
    return createMessage({
      title: `${rivalry.title}: ${what} milestones`,
      summary,
      fields: shown.map((m) => ({
        label: `${m.periodLabel} · ${KIND_LABEL[m.kind]}`,
        value: `${m.headline}${m.verified ? '' : ` ${UNVERIFIED_MARK}`}\n${m.details.join('\n')}`,
      })),
      context,
      fallbackText: `${summary} Latest: ${latest?.headline ?? ''} (${latest?.periodLabel ?? ''}).`,
    });
  },
};
