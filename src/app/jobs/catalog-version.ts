import { createHash } from 'node:crypto';
import type { RivalryCatalog } from '../../core/data/catalog.js';

const versions = new WeakMap<RivalryCatalog, string>();

/** A fingerprint of the data in service: replicas serving the same files agree on it. */
export function catalogVersion(catalog: RivalryCatalog): string {
  let version = versions.get(catalog);
  if (version === undefined) {
    version = createHash('sha256').update(JSON.stringify(catalog.rivalries)).digest('hex').slice(0, 32);
    versions.set(catalog, version);
  }
  return version;
}
