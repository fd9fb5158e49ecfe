import type { DataPoint } from '../data/schema.js';
import { formatExactMillions } from '../format/numbers.js';

export interface SeriesChange {
  company: string;
  fiscalLabel: string;
  basis: DataPoint['basis'];
  /** added: a new period; changed: a different value from a later filing; sourced: same value, now with its filing. */
  kind: 'added' | 'changed' | 'sourced';
  from?: number;
  to: number;
  source: string;
}

const key = (p: DataPoint) => `${p.basis}|${p.start}|${p.end}`;

/** A data point's note holds 500 characters (the schema's limit): parts joined, the end cut if need be. */
function joinNotes(...parts: Array<string | undefined>): string | undefined {
  const note = parts.filter((n) => n !== undefined && n !== '').join('; ');
  if (note === '') return undefined;
  return note.length <= 500 ? note : `${note.slice(0, 499)}…`;
}

/**
 * Folds figures from SEC into a series. A period we lack is added; the same value gains its filing
 * (accession, date, concept) and counts as verified; a different value replaces ours only when its
 * filing is newer than our source's (a restatement; a figure without a filing date, such as one
 * from a secondary source, is older than any filing), and the old value is kept in the note.
 * Periods SEC doesn't have (before XBRL) stay as they are. Running it again changes nothing.
 */
export function mergeSeries(existing: readonly DataPoint[], incoming: readonly DataPoint[], company: string): { points: DataPoint[]; changes: SeriesChange[] } {
  const merged = new Map(existing.map((p) => [key(p), p]));
  const changes: SeriesChange[] = [];
  const describe = (p: DataPoint) => `${p.source.form ?? ''} ${p.source.accession ?? ''}`.trim();
  for (const next of incoming) {
    const current = merged.get(key(next));
    const base = { company, fiscalLabel: current?.fiscalLabel ?? next.fiscalLabel, basis: next.basis, to: next.value, source: describe(next) };
    if (current === undefined) {
      merged.set(key(next), next);
      changes.push({ ...base, kind: 'added' });
    } else if (current.value === next.value) {
      // Ours is already a checked filing: nothing to add. An unverified figure (a secondary source) gains the filing.
      if (current.source.accession !== undefined && current.verified) continue;
      // An unverified figure's note is about the source it came from, which the filing now replaces.
      const note = joinNotes(current.verified ? current.note : undefined, next.note);
      merged.set(key(next), { ...next, fiscalLabel: current.fiscalLabel, ...(note === undefined ? {} : { note }) });
      changes.push({ ...base, kind: 'sourced' });
    } else if ((next.source.filed ?? '') > (current.source.filed ?? '')) {
      const was = `was ${formatExactMillions(current.value)} per ${current.source.document}${current.source.accession === undefined ? '' : ` (${current.source.accession})`}`;
      merged.set(key(next), { ...next, fiscalLabel: current.fiscalLabel, note: joinNotes(next.note, was) ?? was });
      changes.push({ ...base, kind: 'changed', from: current.value });
    }
  }
  const points = [...merged.values()].sort((a, b) => a.basis.localeCompare(b.basis) || a.end.localeCompare(b.end));
  return { points, changes };
}
