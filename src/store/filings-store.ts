/** A filing in a company's SEC filing index, as the earnings watcher keeps track of it. */
export interface Filing {
  cik: string;
  accession: string;
  form: string;
  /** 8-K items, e.g. "2.02,9.01"; empty for other forms. */
  items: string;
  /** YYYY-MM-DD. */
  filed: string;
  /** Period of report (10-Q, 10-K), YYYY-MM-DD, when given. */
  reportDate?: string;
}

/**
 * baseline: already in the index when the company was first watched (never news); new: seen, not yet
 * handled; waiting: a 10-Q/10-K whose figures SEC's company facts do not carry yet; done: announced or
 * posted; gave-up: its figures never arrived.
 */
export type FilingState = 'baseline' | 'new' | 'waiting' | 'done' | 'gave-up';

export interface TrackedFiling extends Filing {
  state: FilingState;
  attempts: number;
  /** Epoch ms the watcher first saw it in the index. */
  seenAt: number;
}

/** The earnings watcher's memory, shared by every replica (one polls at a time, under a lease). */
export interface FilingsStore {
  /** CIKs whose filing index has been read at least once (their existing filings are the baseline). */
  watchedCiks(): Promise<Set<string>>;
  /** Stores filings not seen before, in `state`; returns the ones that were new. */
  recordFilings(filings: readonly Filing[], state: 'baseline' | 'new', now: number): Promise<TrackedFiling[]>;
  /** Filings still to handle (new, or waiting for their figures), oldest first. */
  pendingFilings(): Promise<TrackedFiling[]>;
  setFilingState(accession: string, state: FilingState, attempts: number): Promise<void>;
  /**
   * Accessions of 10-Q/10-K filings the watcher announces itself (pending or done): their figures'
   * milestones go out in its "new period" posts, not as separate alerts.
   */
  watcherAccessions(): Promise<Set<string>>;
  /** A named lease: true when `owner` holds it until `until` (it was free, lapsed, or already ours). */
  takeLease(name: string, owner: string, now: number, until: number): Promise<boolean>;
}

/** A sec_filings row as both databases return it (PostgreSQL gives BIGINT as a string). */
export interface FilingRow {
  accession: string;
  cik: string;
  form: string;
  items: string;
  filed: string;
  report_date: string | null;
  state: FilingState;
  attempts: number;
  seen_at: number | string;
}

export const toTrackedFiling = (r: FilingRow): TrackedFiling => ({
  accession: r.accession,
  cik: r.cik,
  form: r.form,
  items: r.items,
  filed: r.filed,
  ...(r.report_date === null ? {} : { reportDate: r.report_date }),
  state: r.state,
  attempts: r.attempts,
  seenAt: Number(r.seen_at),
});

