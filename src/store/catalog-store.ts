import type { WorkspaceKey } from '../core/data/catalog.js';
import type { Rivalry } from '../core/data/schema.js';

/** Where a stored rivalry came from: a file the operator ships (visible everywhere), or `track` in one workspace. */
export type RivalryOrigin = 'file' | 'tracked';

/** A stored rivalry's identity and version, without its document: cheap to list for change detection. */
export interface CatalogKey {
  /** Undefined for shipped rivalries; the workspace for tracked ones. */
  workspace?: WorkspaceKey;
  slug: string;
  /** The catalog revision at which this version was written. */
  version: number;
}

export interface StoredRivalry extends CatalogKey {
  origin: RivalryOrigin;
  /** As stored: the reader validates it with the rivalry schema before serving it. */
  document: unknown;
  createdBy?: string;
  updatedAt: string;
}

/** A shipped file, to be imported: its document and the hash of its text. */
export interface RivalryFileImport {
  slug: string;
  document: Rivalry;
  fileHash: string;
}

export type FileImportResult = 'added' | 'replaced' | 'unchanged';

export interface NewTrackedRivalry {
  workspace: WorkspaceKey;
  slug: string;
  /** The companies' identity (sorted CIKs): one tracked rivalry per set of companies per workspace. */
  pairKey: string;
  document: Rivalry;
  createdBy: string;
}

export type TrackInsertResult =
  | { kind: 'created'; version: number }
  /** This workspace tracks the same companies already, under `slug`. */
  | { kind: 'exists'; slug: string }
  | { kind: 'slug-taken' }
  | { kind: 'limit'; count: number };

/** A new version of a stored rivalry, written only if the stored one is still `expectedVersion`. */
export interface RivalryUpdate {
  workspace?: WorkspaceKey;
  slug: string;
  document: Rivalry;
  expectedVersion: number;
}

export type UpdateResult = { ok: true; revision: number } | { ok: false; conflict: string };

/**
 * The rivalry catalog in the database: one copy for every process and replica. Each change is one
 * transaction that bumps the catalog revision (readers compare it to know when to reload) and keeps
 * the version it replaced in the history.
 */
export interface CatalogStore {
  /** Grows with every change; 0 for an empty catalog. */
  catalogRevision(): Promise<number>;
  catalogKeys(): Promise<CatalogKey[]>;
  /** The documents of the given rivalries (all when none are given). */
  catalogDocuments(keys?: ReadonlyArray<Pick<CatalogKey, 'workspace' | 'slug'>>): Promise<StoredRivalry[]>;
  /**
   * Shipped files, in one transaction: a file is stored when new, or when its text changed since it
   * was last imported. A stored version that a sync has updated since is kept while its file is unchanged.
   */
  importRivalryFiles(files: readonly RivalryFileImport[], now: number): Promise<FileImportResult[]>;
  /** New versions of existing rivalries (a sync, a rename), all or none. */
  updateRivalries(updates: readonly RivalryUpdate[], change: string, now: number): Promise<UpdateResult>;
  /** Stores a rivalry tracked from chat, unless the workspace has it, the slug is taken, or the limit is reached. */
  trackRivalry(entry: NewTrackedRivalry, limit: number, now: number): Promise<TrackInsertResult>;
  /** Removes a tracked rivalry and stops the workspace's subscriptions to it (their queued posts are refused), atomically. */
  untrackRivalry(workspace: WorkspaceKey, slug: string, now: number): Promise<{ removed: boolean; subscriptionsStopped: number }>;
  /**
   * Takes the next turn of a rate shared by every process using this database (SEC's fair-access
   * rule): returns the epoch ms at which the caller may go, at least `gapMs` after the previous turn.
   */
  reserveRateSlot(name: string, now: number, gapMs: number): Promise<number>;
  /** Calls back soon after any process changes the catalog (PostgreSQL: LISTEN/NOTIFY); the caller also polls `catalogRevision`. */
  onCatalogNotice(listener: () => void): () => void;
}

/** How many replaced versions of each rivalry the history keeps. */
export const CATALOG_HISTORY_KEPT = 20;

/** Shipped rivalries are stored under the empty workspace. */
export const SHIPPED = '';
export const workspaceColumn = (workspace: WorkspaceKey | undefined) => workspace ?? SHIPPED;
export const workspaceFromColumn = (column: string) => (column === SHIPPED ? {} : { workspace: column });

/** "slack:T123" → the platform and workspace id subscriptions are keyed by. */
export function splitWorkspace(workspace: WorkspaceKey): { platform: string; workspaceId: string } {
  const at = workspace.indexOf(':');
  return { platform: workspace.slice(0, at), workspaceId: workspace.slice(at + 1) };
}
