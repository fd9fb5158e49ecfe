import type { DataPoint, Metric } from '../data/schema.js';
import { UNVERIFIED_MARK } from '../format/describe-figures.js';
import { formatExactMillions, formatPercentChange, formatUsdMillions } from '../format/numbers.js';
import type { Growth } from '../compare/growth.js';

/**
 * Figures of any metric as words: money as "$716.9B", ratios as "6.9%", their gaps and changes in
 * percentage points ("6.9 pp"), never as a percent of a percent.
 */

const onePlace = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoPlaces = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const isPercent = (metric: Pick<Metric, 'unit'>) => metric.unit === 'percent';

/** "$716.9B", "-$2.72B", "6.9%". */
export function formatValue(metric: Pick<Metric, 'unit'>, value: number): string {
  return isPercent(metric) ? `${onePlace.format(value)}%` : formatUsdMillions(value);
}

/** A point's value with † when unverified. */
export function formatFigure(metric: Pick<Metric, 'unit'>, point: DataPoint): string {
  return `${formatValue(metric, point.value)}${point.verified ? '' : UNVERIFIED_MARK}`;
}

/** The figure as the source gives it, for tables: "716,924" (USD millions) or "6.93" (%). */
export function formatExact(metric: Pick<Metric, 'unit'>, value: number): string {
  return isPercent(metric) ? twoPlaces.format(value) : formatExactMillions(value);
}

/** A gap between two figures, always positive: "$3.76B" or "6.9 pp". */
export function formatGap(metric: Pick<Metric, 'unit'>, gap: number): string {
  return isPercent(metric) ? `${onePlace.format(Math.abs(gap))} pp` : formatUsdMillions(Math.abs(gap));
}

/** A signed change: "+10.9%" for money (or "n/m" from a negative or near-zero base), "+0.8 pp" for ratios. */
export function formatGrowth(metric: Pick<Metric, 'unit'>, growth: Growth): string {
  if (isPercent(metric)) {
    const rounded = Number(growth.change.toFixed(1));
    return `${rounded > 0 ? '+' : rounded < 0 ? '-' : '±'}${onePlace.format(Math.abs(rounded))} pp`;
  }
  return growth.ratio === undefined ? 'n/m' : formatPercentChange(growth.ratio);
}

/** The table header's unit: "USD M" or "%". */
export const unitLabel = (metric: Pick<Metric, 'unit'>) => (isPercent(metric) ? '%' : 'USD M');

/**
 * The step of round-number milestones: the file's, else scaled to the figures (a $20B profit gets
 * $10B steps, not revenue's $100B), and 5 points for ratios.
 */
export function thresholdStep(metric: Metric): number {
  if (metric.thresholdStep !== undefined) return metric.thresholdStep;
  if (isPercent(metric)) return 5;
  const largest = Math.max(1, ...metric.series.flatMap((s) => s.points.map((p) => Math.abs(p.value))));
  return 10 ** Math.floor(Math.log10(largest));
}
