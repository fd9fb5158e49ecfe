import type { Basis, Metric, Rivalry } from './schema.js';

type Compute<T> = (rivalry: Rivalry, metric: Metric, basis: Basis) => T;

/**
 * Caches a pure computation over one metric of one rivalry, per basis. Loaded data is never mutated
 * (a sync or reload builds new objects), and a metric object belongs to exactly one rivalry, so a
 * result stays right for as long as its metric object lives.
 */
export function memoByMetric<T>(compute: Compute<T>): Compute<T> {
  const cache = new WeakMap<Metric, Map<Basis, T>>();
  return (rivalry, metric, basis) => {
    let byBasis = cache.get(metric);
    if (byBasis === undefined) {
      byBasis = new Map();
      cache.set(metric, byBasis);
    }
    if (!byBasis.has(basis)) byBasis.set(basis, compute(rivalry, metric, basis));
    return byBasis.get(basis) as T;
  };
}
