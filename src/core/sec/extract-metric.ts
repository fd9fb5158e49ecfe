import type { Company, DataPoint, Series } from '../data/schema.js';
import { formatExactMillions } from '../format/numbers.js';
import type { MetricDefinition } from '../metrics/metric-definitions.js';
import { absurdJumps, negativeDerived } from './check-figures.js';
import { collectFigures, type Figure } from './collect-figures.js';
import type { CompanyFacts } from './company-facts.js';
import { deriveFourthQuarters } from './derive-fourth-quarters.js';
import { deriveYearToDateQuarters, type ValuedFigure } from './derive-year-to-date-quarters.js';
import { annualLabel, quarterLabel } from './fiscal-labels.js';
import { isRequiredMetric, listedConcepts, secSeriesDefinition } from './metric-concepts.js';
import { toMillions } from './sec-periods.js';

export interface Extracted {
  points: DataPoint[];
  /** Worth telling the user; nothing is wrong with what was extracted. */
  warnings: string[];
  /** The company's figures cannot be trusted as extracted: nothing of it may be written. */
  errors: string[];
}

function labelOf(figure: Figure, company: Company): string {
  if (figure.kind === 'annual') return annualLabel(figure.end, company.fiscalYearEnd);
  const quarter = quarterLabel(figure.end, company.fiscalYearEnd);
  return figure.kind === 'quarter' ? quarter : `${quarter} year to date`;
}

/** A reported annual or quarterly figure as a data point. */
function reportedPoint(figure: ValuedFigure & { notes: string[] }, company: Company): DataPoint {
  const { fact, concept } = figure;
  const notes = [...figure.notes];
  const first = figure.firstReported;
  if (first !== undefined) notes.push(`restated: first reported ${formatExactMillions(Math.round(first.val / 1_000_000))} in ${first.accn} (filed ${first.filed})`);
  return {
    fiscalLabel: labelOf(figure, company),
    basis: figure.kind === 'annual' ? 'annual' : 'quarter',
    start: fact.start,
    end: fact.end,
    value: figure.value,
    verified: true,
    source: { document: `Form ${fact.form} (SEC XBRL us-gaap:${concept})`, form: fact.form, accession: fact.accn, filed: fact.filed, concept: `us-gaap:${concept}` },
    ...(notes.length === 0 ? {} : { note: notes.join('; ') }),
  };
}

/** Nothing usable for the metric: an error for revenue (a rivalry needs it), otherwise said and left out. */
function nothingFound(facts: CompanyFacts, company: Company, definition: MetricDefinition, concepts: readonly string[], out: Extracted): Extracted {
  if (isRequiredMetric(definition)) {
    out.errors.push(`${company.name} (CIK ${company.cik}): none of the ${definition.name.toLowerCase()} concepts ${concepts.join(', ')} has annual or quarterly USD facts`);
    return out;
  }
  const excluded = (definition.sec?.excluded ?? []).filter((c) => facts.facts['us-gaap']?.[c] !== undefined);
  const why = excluded.length === 0 ? '' : `; ${excluded.join(', ')} is there but not used: it includes noncontrolling interests`;
  out.warnings.push(`${company.name}: no ${definition.name.toLowerCase()} (${concepts.join(', ')}) in its company facts${why}`);
  return out;
}

/**
 * One stored metric of one company from its SEC company facts. Annual figures come from 10-K facts
 * of about a year, quarters from about three months; the latest filing wins for a period (an earlier
 * different value is noted as restated). Income statements: a Q4 only inside the 10-K is the year
 * minus Q1–Q3, and the 10-Qs' six- and nine-month figures are ignored. Cash-flow statements: 10-Qs
 * are year-to-date only, so Q2–Q4 are differences of back-to-back year-to-date spans.
 */
export function extractMetric(facts: CompanyFacts, company: Company, definition: MetricDefinition, concepts: readonly string[] = listedConcepts(company, definition)): Extracted {
  const out: Extracted = { points: [], warnings: [], errors: [] };
  if (definition.sec === undefined) {
    out.errors.push(`${definition.name} is not filed with SEC as such; it cannot be extracted`);
    return out;
  }
  const excluded = definition.sec?.excluded ?? [];
  const refused = concepts.filter((c) => excluded.includes(c));
  if (refused.length > 0) out.warnings.push(`${company.name}: ${refused.join(', ')} is not used for ${definition.name.toLowerCase()}: it includes noncontrolling interests`);
  const usable = concepts.filter((c) => !excluded.includes(c));

  const collected = collectFigures(facts, usable, company.name);
  out.warnings.push(...collected.warnings);
  const statement = definition.sec.statement;
  // Income statements report each quarter: their year-to-date figures are never needed.
  const figures = collected.figures.filter((f) => statement === 'cash-flow' || f.kind !== 'year-to-date');
  if (!figures.some((f) => f.kind !== 'year-to-date')) return nothingFound(facts, company, definition, usable, out);

  const valued = figures.map((f) => {
    const notes: string[] = [];
    const value = toMillions(f.fact.val, `${company.name} ${f.fact.end} (${f.concept})`, notes);
    out.warnings.push(...notes);
    return { ...f, value, notes };
  });
  // A figure below zero where none can be (revenue, capex) is an error, and is neither kept nor differenced.
  const trusted = valued.filter((f) => {
    if (definition.sign !== 'nonnegative' || f.fact.val >= 0) return true;
    out.errors.push(`${company.name} ${labelOf(f, company)} (${f.concept}): negative ${definition.name.toLowerCase()} ${f.fact.val} in ${f.fact.accn}`);
    return false;
  });
  out.points.push(...trusted.filter((f) => f.kind !== 'year-to-date').map((f) => reportedPoint(f, company)));
  const derived = statement === 'cash-flow' ? deriveYearToDateQuarters(trusted, company) : deriveFourthQuarters(out.points, company);
  out.points.push(...derived.points);
  out.warnings.push(...derived.warnings);
  out.points.sort((a, b) => a.basis.localeCompare(b.basis) || a.end.localeCompare(b.end));
  out.errors.push(...negativeDerived(derived.points, definition, company), ...absurdJumps(out.points, definition, company));
  return out;
}

/** The concept of the latest annual figure (else of the latest figure): the one a series from SEC is named by. */
export function latestConcept(points: readonly DataPoint[]): string | undefined {
  return (points.filter((p) => p.basis === 'annual').at(-1) ?? points.at(-1))?.source.concept;
}

/** A company's series of a metric from SEC, named by the concept its latest figures use; undefined when there are none. */
export function seriesFromSec(company: Company, definition: MetricDefinition, points: DataPoint[]): Series | undefined {
  if (points.length === 0) return undefined;
  return { company: company.id, definition: secSeriesDefinition(definition, latestConcept(points)), points };
}
