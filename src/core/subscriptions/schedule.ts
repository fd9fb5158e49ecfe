import { Cron } from 'croner';

export type Frequency = 'daily' | 'weekly' | 'monthly';
export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** When a channel gets its digest, in the channel's own time zone. */
export interface Schedule {
  frequency: Frequency;
  /** Weekly only. */
  weekday?: Weekday;
  /** Monthly only: 1–28, or "last" for the month's last day. */
  monthDay?: number | 'last';
  /** "HH:MM", 24-hour, local to `zone`. */
  time: string;
  /** IANA zone, e.g. "Europe/Berlin". */
  zone: string;
}

export const DEFAULT_SCHEDULE: Omit<Schedule, 'zone'> = { frequency: 'weekly', weekday: 'monday', time: '09:00' };

const ZONES = new Set(Intl.supportedValuesOf('timeZone'));

/** The zone's canonical spelling, or undefined when it is not an IANA zone this runtime knows. */
export function canonicalZone(zone: string): string | undefined {
  if (zone.toUpperCase() === 'UTC' || zone.toUpperCase() === 'GMT') return 'UTC';
  try {
    const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    return ZONES.has(resolved) || resolved === 'UTC' ? resolved : undefined;
  } catch {
    return undefined;
  }
}

export function knownZones(): string[] {
  return [...ZONES];
}

/** croner pattern: minute hour day-of-month month day-of-week. */
export function cronPattern(s: Schedule): string {
  const [hour, minute] = s.time.split(':').map(Number);
  switch (s.frequency) {
    case 'daily':
      return `${minute} ${hour} * * *`;
    case 'weekly':
      return `${minute} ${hour} * * ${WEEKDAYS.indexOf(s.weekday ?? 'monday')}`;
    case 'monthly':
      return `${minute} ${hour} ${s.monthDay === 'last' ? 'L' : (s.monthDay ?? 1)} * *`;
  }
}

/** Parsed schedules, shared: thousands of subscriptions use a handful of patterns and zones, and parsing dominates a tick. */
const crons = new Map<string, Cron>();
const MAX_CRONS = 1000;

function cron(s: Schedule): Cron {
  const key = `${cronPattern(s)}|${s.zone}`;
  let parsed = crons.get(key);
  if (parsed === undefined) {
    if (crons.size >= MAX_CRONS) crons.clear();
    parsed = new Cron(cronPattern(s), { timezone: s.zone, paused: true });
    crons.set(key, parsed);
  }
  return parsed;
}

/** The next `count` run times after `from`. Local times that don't exist (spring forward) run once at the shifted time. */
export function nextRuns(s: Schedule, from: Date, count: number): Date[] {
  return cron(s).nextRuns(count, from);
}

/**
 * The latest run time in (after, now], if any: after downtime, the one slot to catch up on, however
 * many were missed.
 */
export function latestDueSlot(s: Schedule, now: Date, after: Date): Date | undefined {
  const first = cron(s).nextRun(after);
  if (first === null || first > now) return undefined;
  const [latest] = cron(s).previousRuns(1, new Date(now.getTime() + 1));
  return latest !== undefined && latest > after ? latest : first;
}

const capital = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
const ordinalDay = (d: number) => `${d}${d % 10 === 1 && d !== 11 ? 'st' : d % 10 === 2 && d !== 12 ? 'nd' : d % 10 === 3 && d !== 13 ? 'rd' : 'th'}`;

/** "every Monday at 09:00 (Europe/Berlin)" */
export function describeSchedule(s: Schedule): string {
  const when =
    s.frequency === 'daily'
      ? 'every day'
      : s.frequency === 'weekly'
        ? `every ${capital(s.weekday ?? 'monday')}`
        : s.monthDay === 'last'
          ? 'on the last day of every month'
          : `on the ${ordinalDay(s.monthDay ?? 1)} of every month`;
  return `${when} at ${s.time} (${s.zone})`;
}

/** "Mon 30 Nov 2026, 09:00" in the schedule's zone. */
export function formatRunTime(date: Date, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}
