import type { CompanyFacts, SecFact } from './company-facts.js';
import { newerFirst, spanKind, type SpanKind } from './sec-periods.js';

/** One period's figure as filed: the latest filing's fact, and the first one's when that said otherwise. */
export interface Figure {
  kind: SpanKind;
  start: string;
  end: string;
  concept: string;
  fact: SecFact & { start: string };
  /** The earliest filing's fact, when its value differs (a restatement). */
  firstReported?: SecFact;
}

/**
 * Every annual, quarterly and year-to-date period in the company facts for `concepts`. For each
 * period the first concept in the order that has it is used (companies switch concepts over the
 * years, e.g. SalesRevenueNet → ASC 606); among filings reporting the same period the latest wins.
 */
export function collectFigures(facts: CompanyFacts, concepts: readonly string[], who: string): { figures: Figure[]; warnings: string[] } {
  const warnings: string[] = [];
  const gaap = facts.facts['us-gaap'] ?? {};
  const byPeriod = new Map<string, { kind: SpanKind; concept: string; facts: Array<SecFact & { start: string }> }>();
  for (const concept of concepts) {
    const units = gaap[concept]?.units;
    if (units === undefined) continue;
    const usd = units['USD'];
    if (usd === undefined) {
      warnings.push(`${who}: ${concept} is reported in ${Object.keys(units).join(', ')}, not USD; skipped`);
      continue;
    }
    for (const fact of usd) {
      const kind = spanKind(fact);
      if (kind === undefined || fact.start === undefined) continue;
      const key = `${kind}|${fact.start}|${fact.end}`;
      const entry = byPeriod.get(key) ?? { kind, concept, facts: [] };
      // A later concept in the order only fills periods the earlier ones don't have.
      if (entry.concept !== concept) continue;
      entry.facts.push({ ...fact, start: fact.start });
      byPeriod.set(key, entry);
    }
  }
  const figures = [...byPeriod.values()].map(({ kind, concept, facts: reported }): Figure => {
    const sorted = [...reported].sort(newerFirst);
    const latest = sorted[0] as SecFact & { start: string };
    const first = sorted.at(-1) as SecFact;
    return { kind, start: latest.start, end: latest.end, concept, fact: latest, ...(first.val === latest.val ? {} : { firstReported: first }) };
  });
  return { figures, warnings };
}
