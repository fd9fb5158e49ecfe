import type { DataPoint, Metric, Rivalry, Series } from '../data/schema.js';
import { formatExactMillions } from '../format/numbers.js';
import { METRIC_DEFINITIONS, metricDefinition, type MetricDefinition } from './metric-definitions.js';

const served = new WeakMap<Rivalry, readonly Metric[]>();

const samePeriod = (a: DataPoint, b: DataPoint) => a.basis === b.basis && a.start === b.start && a.end === b.end;

function describeInput(name: string, p: DataPoint): string {
  return `${name} ${formatExactMillions(p.value)} (${p.source.document}${p.source.accession === undefined ? '' : `, accession ${p.source.accession}`})`;
}

/** One company's derived series: a point for every period in which it reported both inputs. */
function derivePoints(definition: MetricDefinition, left: Metric, right: Metric, company: string): DataPoint[] {
  const rights = right.series.find((s) => s.company === company)?.points ?? [];
  const points: DataPoint[] = [];
  for (const l of left.series.find((s) => s.company === company)?.points ?? []) {
    const r = rights.find((p) => samePeriod(p, l));
    if (r === undefined) continue;
    // A ratio over no revenue means nothing: left out rather than shown as infinite.
    if (definition.derived?.op === 'ratio' && r.value <= 0) continue;
    const value = definition.derived?.op === 'ratio' ? (l.value / r.value) * 100 : l.value - r.value;
    const sign = definition.derived?.op === 'ratio' ? '÷' : '−';
    points.push({
      fiscalLabel: l.fiscalLabel,
      basis: l.basis,
      start: l.start,
      end: l.end,
      value,
      verified: l.verified && r.verified,
      source: { document: `Derived: ${left.name.toLowerCase()} ${sign} ${right.name.toLowerCase()}`, form: 'derived' },
      note: `${describeInput(left.name, l)} ${sign} ${describeInput(right.name, r)}`,
    });
  }
  return points;
}

function deriveMetric(definition: MetricDefinition, rivalry: Rivalry): Metric | undefined {
  const derived = definition.derived;
  const left = rivalry.metrics.find((m) => m.id === derived?.left);
  const right = rivalry.metrics.find((m) => m.id === derived?.right);
  if (derived === undefined || left === undefined || right === undefined) return undefined;
  const series: Series[] = rivalry.companies.map((c) => {
    const l = left.series.find((s) => s.company === c.id);
    const r = right.series.find((s) => s.company === c.id);
    const inputs = `${l?.definition ?? left.name.toLowerCase()} ${derived.op === 'ratio' ? '÷' : '−'} ${r?.definition ?? right.name.toLowerCase()}`;
    return { company: c.id, definition: `${definition.definition} (${inputs})`, points: derivePoints(definition, left, right, c.id) };
  });
  if (series.every((s) => s.points.length === 0)) return undefined;
  const percent = definition.unit === 'percent';
  return { id: definition.id, name: definition.name, unit: percent ? 'percent' : 'USD', scale: percent ? 'percent' : 'millions', kind: 'flow', series };
}

/**
 * The metrics a rivalry is compared on: its stored ones, then each derived one whose inputs it has
 * (operating and net margin, free cash flow), in the order of the definitions. Computed once per rivalry.
 */
export function metricsOf(rivalry: Rivalry): readonly Metric[] {
  let metrics = served.get(rivalry);
  if (metrics === undefined) {
    const order = (m: Metric) => {
      const i = METRIC_DEFINITIONS.findIndex((d) => d.id === m.id);
      return i === -1 ? METRIC_DEFINITIONS.length : i;
    };
    const derived = METRIC_DEFINITIONS.filter((d) => d.derived !== undefined).flatMap((d) => deriveMetric(d, rivalry) ?? []);
    metrics = [...rivalry.metrics, ...derived].sort((a, b) => order(a) - order(b));
    served.set(rivalry, metrics);
  }
  return metrics;
}

/** The definition behind a metric of a rivalry. */
export const definitionOf = (metric: Pick<Metric, 'id' | 'name'>) => metricDefinition(metric.id, metric.name);
