import type { WorkspaceKey } from '../data/catalog.js';
import type { Rivalry } from '../data/schema.js';

/** What `track` asks for: two or more tickers, tracked in one workspace, under a slug. */
export interface TrackRequest {
  workspace: WorkspaceKey;
  tickers: readonly string[];
  slug: string;
  /** The user id, kept with the rivalry. */
  by: string;
}

export type TrackOutcome =
  | { kind: 'created'; rivalry: Rivalry }
  /** The same companies are tracked already: in this workspace, or shipped with the bot (everywhere). */
  | { kind: 'exists'; rivalry: Rivalry; scope: 'workspace' | 'everywhere' }
  | { kind: 'unknown-tickers'; unknown: Array<{ ticker: string; suggestions: string[] }> }
  /** SEC has no usable revenue figures for a company: nothing was created. */
  | { kind: 'no-figures'; company: string; detail: string }
  | { kind: 'slug-taken'; slug: string }
  | { kind: 'limit'; limit: number }
  /** SEC unreachable, slow, refusing: nothing was written. */
  | { kind: 'sec-unavailable'; detail: string }
  /** The operator turned tracking off, or SEC access is not configured. */
  | { kind: 'disabled'; reason: string };

export type UntrackOutcome =
  | { kind: 'removed'; rivalry: Rivalry; subscriptionsStopped: number }
  | { kind: 'not-tracked-here' };

export type RenameOutcome = { kind: 'renamed'; rivalry: Rivalry; from: string } | { kind: 'not-tracked-here' } | { kind: 'invalid'; detail: string };

/**
 * Tracking rivalries from chat (the app implements it over SEC EDGAR and the store). Every call is
 * scoped to one workspace; a workspace only ever changes its own rivalries.
 */
export interface TrackingService {
  track(request: TrackRequest): Promise<TrackOutcome>;
  untrack(workspace: WorkspaceKey, rivalry: Rivalry): Promise<UntrackOutcome>;
  rename(workspace: WorkspaceKey, rivalry: Rivalry, companyId: string, name: string): Promise<RenameOutcome>;
}

/** `track NVDA vs AMD` → "nvda-vs-amd". */
export const defaultTrackSlug = (tickers: readonly string[]) => tickers.map((t) => t.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')).join('-vs-');

/** The companies' identity, order-free: two requests for the same companies are the same rivalry. */
export const pairKey = (ciks: readonly string[]) => [...ciks].sort().join('+');
