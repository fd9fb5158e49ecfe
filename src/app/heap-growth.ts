import { setFlagsFromString } from 'node:v8';

/**
 * How far past the data that survived its last full collection V8 lets the heap grow before the
 * next one, in percent. Left to itself, on a machine with memory to spare V8 grows it up to 4×: a
 * bot posting a 100,000-channel fan-out holds ~50 MB of live data and reached ~270 MB of heap (385 MiB
 * RSS). At 50% it peaked at 118 MB (217 MiB RSS) with the same delivery time (bench:scale); the extra
 * collections are incremental and short.
 */
export const DEFAULT_HEAP_GROWTH_PERCENT = 50;

/** A node flag given on the command line wins over the configured value (node does not take this one from NODE_OPTIONS). */
const onCommandLine = (execArgv: readonly string[]) => execArgv.some((arg) => arg.startsWith('--heap-growing-percent') || arg.startsWith('--heap_growing_percent'));

/**
 * Applies the heap growth for this process (0: V8's own choice). V8 reads the value at every full
 * collection, so setting it once at start-up is enough. Returns the percent in force, if ours.
 */
export function limitHeapGrowth(percent: number, execArgv: readonly string[] = process.execArgv): number | undefined {
  if (percent <= 0 || onCommandLine(execArgv)) return undefined;
  setFlagsFromString(`--heap-growing-percent=${Math.round(percent)}`);
  return Math.round(percent);
}
