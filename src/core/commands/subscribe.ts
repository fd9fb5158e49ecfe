import { errorMessage, createMessage } from '../message/message.js';
import { allMilestones } from '../milestones/all-milestones.js';
import { canonicalZone, DEFAULT_SCHEDULE, describeSchedule, formatRunTime, nextRuns, type Schedule } from '../subscriptions/schedule.js';
import type { Origin } from '../inbound.js';
import type { CommandArgs, CommandSpec } from './command.js';
import { alertsOnlyOption, dayOption, frequencyOption, metricsOption, rivalryOption, timeOption, weekdayOption, withChartOption, zoneOption } from './options.js';
import { channelContext } from './subscription-helpers.js';
import { metricsOf } from '../metrics/served-metrics.js';
import { recordChange } from '../audit/record-change.js';

const FORMS = 'Accepted: subscribe <rivalry> [daily | weekly <weekday> | monthly <1–28|last>] [at HH:MM] [tz <IANA zone>] [metric <id,id…>] [alerts-only] [with-chart]';

/** Builds the schedule from what was given, or says what does not fit together. */
function scheduleFrom(args: CommandArgs, defaultZone: string): Schedule | string {
  const frequency = args.frequency ?? (args.day !== undefined ? 'monthly' : args.weekday !== undefined ? 'weekly' : DEFAULT_SCHEDULE.frequency);
  if (args.weekday !== undefined && frequency !== 'weekly') return `A weekday goes with weekly digests, not ${frequency} ones.`;
  if (args.day !== undefined && frequency !== 'monthly') return `A day of the month goes with monthly digests, not ${frequency} ones.`;
  return {
    frequency,
    ...(frequency === 'weekly' ? { weekday: args.weekday ?? 'monday' } : {}),
    ...(frequency === 'monthly' ? { monthDay: args.day ?? 1 } : {}),
    time: args.time ?? DEFAULT_SCHEDULE.time,
    zone: args.zone ?? defaultZone,
  };
}

/** The zone a schedule gets when none was given: the workspace's, else the asker's, else UTC; and where it came from. */
async function defaultZone(origin: Origin): Promise<{ zone: string; from: string }> {
  if (origin.timeZone !== undefined) return { zone: origin.timeZone, from: 'this chat\'s time zone' };
  const asker = await origin.askerTimeZone?.().catch(() => undefined);
  const known = asker === undefined ? undefined : canonicalZone(asker);
  return known === undefined ? { zone: 'UTC', from: 'the default' } : { zone: known, from: 'your time zone' };
}

export const subscribeCommand: CommandSpec = {
  name: 'subscribe',
  description: 'Post this rivalry to this channel on a schedule, with milestone alerts',
  usage: 'subscribe [rivalry] [daily|weekly <weekday>|monthly <day>] [at HH:MM] [tz ZONE] [metric <ids>] [alerts-only] [with-chart]',
  examples: ['subscribe amazon-vs-walmart weekly monday at 09:00 tz Europe/Berlin', 'subscribe daily at 08:30', 'subscribe alerts-only metric capex,operating-margin'],
  options: [rivalryOption, frequencyOption, weekdayOption, dayOption, timeOption, zoneOption, metricsOption, alertsOnlyOption, withChartOption],
  permission: 'manage-channel',
  async run(args, context) {
    const where = channelContext(context);
    if (!where.ok) return where.message;
    const { rivalry } = args;
    if (rivalry === undefined) return errorMessage('Which rivalry?', 'Name the rivalry to subscribe to.', [FORMS]);
    const zone = args.zone !== undefined || args.alertsOnly === true ? undefined : await defaultZone(where.origin);
    const schedule = scheduleFrom(args, zone?.zone ?? 'UTC');
    if (typeof schedule === 'string') return errorMessage('That schedule does not fit together', schedule, [FORMS]);
    const now = (context.now ?? (() => new Date()))();
    const { created } = await where.service.subscribe(
      {
        ...where.channel,
        rivalry: rivalry.slug,
        schedule,
        alertsOnly: args.alertsOnly ?? false,
        withChart: args.withChart ?? false,
        ...(args.metrics === undefined ? {} : { metrics: args.metrics.map((m) => m.id) }),
        createdBy: where.origin.userId ?? 'unknown',
        createdAt: now.toISOString(),
      },
      allMilestones(rivalry).map((m) => m.id),
    );
    await recordChange(context, { action: 'subscribe', target: rivalry.slug, detail: args.alertsOnly === true ? 'alerts only' : `${describeSchedule(schedule)}${args.withChart === true ? ', with chart' : ''}${args.metrics === undefined ? '' : `, metrics ${args.metrics.map((m) => m.id).join(', ')}`}` });
    const runs = nextRuns(schedule, now, 3).map((d) => formatRunTime(d, schedule.zone));
    const what = args.alertsOnly === true ? 'milestone alerts only (no digests)' : `a digest${args.withChart === true ? ' with its chart' : ''} ${describeSchedule(schedule)}, plus milestone alerts`;
    const summary = `${created ? 'Subscribed' : 'Updated'}: this channel gets ${rivalry.title}: ${what}.`;
    return createMessage({
      title: `${created ? 'Subscribed' : 'Subscription updated'}: ${rivalry.title}`,
      summary,
      fields: [
        { label: 'Schedule', value: args.alertsOnly === true ? 'none (alerts only)' : describeSchedule(schedule), inline: true },
        ...(args.alertsOnly === true ? [] : [{ label: 'Next digests', value: runs.join('\n'), inline: true }]),
        { label: 'Metrics', value: args.metrics === undefined ? `all (${metricsOf(rivalry).map((m) => m.id).join(', ')})` : args.metrics.map((m) => m.name).join(', '), inline: false },
        { label: 'Alerts', value: 'each new milestone (lead change, first loss or return to profit, record, threshold, streak), once; past milestones are not replayed', inline: false },
      ],
      context: [
        ...(zone === undefined ? [] : [`Times are in ${zone.zone} (${zone.from}); add "tz <zone>" to choose another.`]),
        'Change it by subscribing again; stop with /rivalry unsubscribe.',
      ],
      fallbackText: summary,
    });
  },
};
