/** The marker a renderer appends when it had to shorten text to fit a platform limit. */
export const ELLIPSIS = '…';

/** Shortens text to at most `max` characters (code points), ending with "…" when cut. */
export function truncate(text: string, max: number): string {
  // A string has at most as many code points as UTF-16 units: short ones need no counting (nearly all of them).
  if (text.length <= max) return text;
  const chars = [...text];
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join('').trimEnd()}${ELLIPSIS}`;
}

/** "…and 3 more rows" */
export function andMore(count: number, noun: string): string {
  return `${ELLIPSIS}and ${count} more ${noun}${count === 1 ? '' : 's'}`;
}
