import { createHash } from 'node:crypto';
import type { RivalryCatalog } from '../../core/data/catalog.js';

const versions = new WeakMap<RivalryCatalog, string>();

/** Marks a catalog read from the database with its revision: every replica serving that revision agrees on it. */
export function stampCatalogVersion(catalog: RivalryCatalog, revision: number): void {
  versions.set(catalog, `r${revision}`);
}

/** The version of the data in service: the database revision it was read at, else a fingerprint of its rivalries. */
export function catalogVersion(catalog: RivalryCatalog): string {
  let version = versions.get(catalog);
  if (version === undefined) {
    version = createHash('sha256').update(JSON.stringify(catalog.entries())).digest('hex').slice(0, 32);
    versions.set(catalog, version);
  }
  return version;
}
