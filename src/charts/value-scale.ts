/** Ticks the value axis aims for; the domain is rounded out to a multiple of their step. */
export const VALUE_TICKS = 6;

/** d3's tick step: 1, 2 or 5 times a power of ten, giving about `count` ticks over the span. */
function tickStep(span: number, count: number): number {
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const error = raw / power;
  return power * (error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1);
}

/** Drops binary noise (0.30000000000000004) so the domain prints and compares cleanly. */
const clean = (n: number) => Number(n.toPrecision(12));

/**
 * The value axis's domain, computed here rather than left to Vega-Lite so the layout knows where
 * everything lands. Figures that go negative (losses, cash burnt) always show zero, so the sign
 * reads at a glance; positive runs start at zero when that keeps the gap legible (growth reads
 * true), and zoom in when the figures sit close together.
 */
export function valueDomain(values: readonly number[]): [number, number] {
  const min = Math.min(...values);
  const max = Math.max(...values);
  let lo = min < 0 ? min : min < max * 0.5 ? 0 : min;
  let hi = Math.max(max, 0);
  if (hi === lo) {
    // One flat value: give it room around it rather than a zero-height axis.
    const pad = Math.abs(lo) * 0.1 || 1;
    [lo, hi] = [lo === 0 ? 0 : lo - pad, hi + pad];
  }
  // Rounded out until the step settles (as d3's nice() does), so both ends land on the axis's ticks.
  let step = 0;
  for (let i = 0; i < 10; i += 1) {
    const next = tickStep(hi - lo, VALUE_TICKS);
    if (next === step) break;
    step = next;
    [lo, hi] = [clean(Math.floor(lo / step) * step), clean(Math.ceil(hi / step) * step)];
  }
  return [lo, hi];
}

/** A line across at zero whenever the domain holds negative values: losses sit visibly below it. */
export const needsZeroRule = (domain: readonly [number, number]) => domain[0] < 0;
