import { metricsOf } from '../metrics/served-metrics.js';
import type { Company, Metric, Rivalry } from './schema.js';

/** The workspace a tracked rivalry belongs to: "slack:T123", "discord:456", "telegram:-100…". */
export type WorkspaceKey = string;

export const workspaceKey = (platform: string, workspaceId: string): WorkspaceKey => `${platform}:${workspaceId}`;

/** A rivalry tracked from chat: visible and subscribable only in its workspace. */
export interface TrackedRivalry {
  workspace: WorkspaceKey;
  rivalry: Rivalry;
}

/**
 * The rivalries in service, with lookups by the names people type. The root catalog holds the
 * rivalries shipped as files (visible everywhere) and knows every workspace's tracked ones; a
 * workspace's view (`forWorkspace`) adds that workspace's own, and only those.
 */
export class RivalryCatalog {
  /** What this view shows: shipped rivalries, plus the workspace's tracked ones in a workspace view. */
  readonly rivalries: readonly Rivalry[];
  private readonly byAlias = new Map<string, Rivalry>();
  private readonly trackedByWorkspace: ReadonlyMap<WorkspaceKey, readonly Rivalry[]>;
  private readonly trackedHere: ReadonlySet<Rivalry>;
  private readonly views = new Map<WorkspaceKey, RivalryCatalog>();

  constructor(
    private readonly shipped: readonly Rivalry[],
    tracked: readonly TrackedRivalry[] | ReadonlyMap<WorkspaceKey, readonly Rivalry[]> = [],
    /** Set in a workspace view. */
    readonly workspace?: WorkspaceKey,
  ) {
    this.trackedByWorkspace = tracked instanceof Map ? tracked : groupByWorkspace(tracked as readonly TrackedRivalry[]);
    const own = workspace === undefined ? [] : (this.trackedByWorkspace.get(workspace) ?? []);
    this.trackedHere = new Set(own);
    this.rivalries = [...own, ...shipped].sort((a, b) => a.slug.localeCompare(b.slug));
    // The workspace's own rivalries win an alias over shipped ones (its subscriptions name them).
    for (const r of [...own, ...shipped]) {
      for (const alias of rivalryAliases(r)) if (!this.byAlias.has(alias)) this.byAlias.set(alias, r);
    }
  }

  get slugs(): string[] {
    return this.rivalries.map((r) => r.slug);
  }

  /** Exact slug, or the same companies in another order / joined differently ("walmart-vs-amazon", "amazon-walmart"). */
  findRivalry(name: string): Rivalry | undefined {
    return this.byAlias.get(name.toLowerCase());
  }

  /** The only rivalry, when there is exactly one (so commands may omit it). */
  get onlyRivalry(): Rivalry | undefined {
    return this.rivalries.length === 1 ? this.rivalries[0] : undefined;
  }

  /** True for a rivalry this view's workspace tracked itself (false for shipped ones). */
  isTracked(rivalry: Rivalry): boolean {
    return this.trackedHere.has(rivalry);
  }

  /** What one workspace sees: the shipped rivalries and its own tracked ones. Views are cached. */
  forWorkspace(workspace: WorkspaceKey | undefined): RivalryCatalog {
    if (workspace === undefined) return this.workspace === undefined ? this : new RivalryCatalog(this.shipped, this.trackedByWorkspace);
    let view = this.views.get(workspace);
    if (view === undefined) {
      view = new RivalryCatalog(this.shipped, this.trackedByWorkspace, workspace);
      this.views.set(workspace, view);
    }
    return view;
  }

  /** A rivalry as a subscription of that workspace names it. */
  lookup(workspace: WorkspaceKey, slug: string): Rivalry | undefined {
    return this.forWorkspace(workspace).findRivalry(slug);
  }

  /** Every rivalry in service, each with the workspace that tracked it (none for shipped ones). */
  entries(): Array<{ workspace?: WorkspaceKey; rivalry: Rivalry }> {
    return [
      ...this.shipped.map((rivalry) => ({ rivalry })),
      ...[...this.trackedByWorkspace].flatMap(([workspace, list]) => list.map((rivalry) => ({ workspace, rivalry }))),
    ];
  }
}

function groupByWorkspace(tracked: readonly TrackedRivalry[]): Map<WorkspaceKey, Rivalry[]> {
  const map = new Map<WorkspaceKey, Rivalry[]>();
  for (const t of tracked) map.set(t.workspace, [...(map.get(t.workspace) ?? []), t.rivalry]);
  return map;
}

function rivalryAliases(r: Rivalry): string[] {
  const ids = r.companies.map((c) => c.id);
  const aliases = [r.slug, ids.join('-vs-'), ids.join('-'), ids.join('-v-')];
  if (ids.length === 2) {
    const reversed = [...ids].reverse();
    aliases.push(reversed.join('-vs-'), reversed.join('-'), reversed.join('-v-'));
  }
  return aliases;
}

export function findMetric(rivalry: Rivalry, name: string): Metric | undefined {
  const n = name.toLowerCase();
  return metricsOf(rivalry).find((m) => m.id === n || m.name.toLowerCase() === n);
}

export function findCompany(rivalry: Rivalry, name: string): Company | undefined {
  const n = name.toLowerCase();
  return rivalry.companies.find((c) => c.id === n || c.ticker.toLowerCase() === n || c.name.toLowerCase() === n);
}

/** The metric a command uses when none is named: revenue when the rivalry has it, else its first. */
export function defaultMetric(rivalry: Rivalry): Metric {
  return findMetric(rivalry, 'revenue') ?? (metricsOf(rivalry)[0] as Metric);
}
