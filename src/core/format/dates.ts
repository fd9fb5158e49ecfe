import { format } from 'date-fns/format';
import { parseISO } from 'date-fns/parseISO';

const parsedDays = new Map<string, Date>();

/**
 * Parses a YYYY-MM-DD day as a local calendar date (we only ever compare and print whole days).
 * Data files name a few hundred distinct days, so parses are kept; callers must not mutate the Date.
 */
export function parseDay(day: string): Date {
  let date = parsedDays.get(day);
  if (date === undefined) {
    date = parseISO(day);
    if (parsedDays.size < 100_000) parsedDays.set(day, date);
  }
  return date;
}

/** "Jan 2026" */
export function formatMonth(day: string): string {
  return format(parseDay(day), 'MMM yyyy');
}

/** "27 Nov 2026" */
export function formatDay(day: string): string {
  return format(parseDay(day), 'd MMM yyyy');
}

/** A period in words: "Jan–Dec 2025" within one year, "Feb 2025–Jan 2026" across two. */
export function formatPeriod(start: string, end: string): string {
  const s = parseDay(start);
  const e = parseDay(end);
  if (s.getFullYear() === e.getFullYear()) {
    return s.getMonth() === e.getMonth() ? format(e, 'MMM yyyy') : `${format(s, 'MMM')}–${format(e, 'MMM yyyy')}`;
  }
  return `${format(s, 'MMM yyyy')}–${format(e, 'MMM yyyy')}`;
}
