import { RivalryCatalog, type TrackedRivalry } from '../../core/data/catalog.js';
import { describeProblem, parseRivalryDocument } from '../../core/data/load-rivalries.js';
import type { Rivalry } from '../../core/data/schema.js';
import type { CatalogKey } from '../../store/catalog-store.js';
import type { Store } from '../../store/store.js';
import { stampCatalogVersion } from './catalog-version.js';

const keyOf = (k: Pick<CatalogKey, 'workspace' | 'slug'>) => `${k.workspace ?? ''}/${k.slug}`;

/** Where a stored document came from, for messages: "amazon-vs-walmart" or "slack:T1/nvda-vs-amd". */
export const describeKey = (k: Pick<CatalogKey, 'workspace' | 'slug'>) => (k.workspace === undefined ? k.slug : `${k.workspace}/${k.slug}`);

/**
 * Reads the catalog from the store, validating every document with the same schema and checks as a
 * file. Incremental: only documents whose version changed since the last read are fetched and
 * checked again, so a reload after one `track` costs one document, not the whole catalog.
 */
export class StoredCatalogReader {
  private readonly held = new Map<string, { version: number; workspace?: string; rivalry: Rivalry }>();

  constructor(private readonly store: Store) {}

  /** The catalog at the store's current revision, and any stored documents that failed the checks (left out). */
  async read(): Promise<{ catalog: RivalryCatalog; revision: number; problems: string[] }> {
    const revision = await this.store.catalog.catalogRevision();
    const keys = await this.store.catalog.catalogKeys();
    const present = new Set(keys.map(keyOf));
    for (const k of [...this.held.keys()]) if (!present.has(k)) this.held.delete(k);
    const stale = keys.filter((k) => this.held.get(keyOf(k))?.version !== k.version);
    const problems: string[] = [];
    for (const doc of await this.store.catalog.catalogDocuments(stale)) {
      const { rivalry, problems: found } = parseRivalryDocument(doc.document, describeKey(doc));
      if (rivalry === undefined) {
        problems.push(...found.map(describeProblem));
        this.held.delete(keyOf(doc));
        continue;
      }
      this.held.set(keyOf(doc), { version: doc.version, ...(doc.workspace === undefined ? {} : { workspace: doc.workspace }), rivalry });
    }
    const shipped: Rivalry[] = [];
    const tracked: TrackedRivalry[] = [];
    for (const h of this.held.values()) {
      if (h.workspace === undefined) shipped.push(h.rivalry);
      else tracked.push({ workspace: h.workspace, rivalry: h.rivalry });
    }
    const catalog = new RivalryCatalog(shipped, tracked);
    stampCatalogVersion(catalog, revision);
    return { catalog, revision, problems };
  }
}
