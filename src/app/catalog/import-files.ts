import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { readRivalryFiles, type DataProblem } from '../../core/data/load-rivalries.js';
import type { RivalryFileImport } from '../../store/catalog-store.js';
import type { Store } from '../../store/store.js';
import { DataError } from '../load-data.js';

export interface ImportReport {
  added: string[];
  replaced: string[];
  /** Broken files whose rivalry keeps its last good stored version. */
  kept: DataProblem[];
}

/** The slug a broken file most likely holds: its own "slug" field when readable, else its name. */
function likelySlug(text: string, file: string): string {
  try {
    const slug = (JSON.parse(text) as { slug?: unknown }).slug;
    if (typeof slug === 'string') return slug;
  } catch {
    // unreadable JSON: fall back to the file name
  }
  return basename(file, '.json');
}

/**
 * Imports the shipped rivalry files into the store: a new or changed file (by the hash of its text)
 * replaces the stored version; an unchanged one leaves it (and any figures a sync added since) alone.
 * A broken file is reported and its last good stored version keeps serving; a broken file with no
 * stored version to fall back on stops the import (DataError), as a wrong or missing rivalry would.
 */
export async function importShippedFiles(store: Store, dir: string, now = Date.now()): Promise<ImportReport> {
  const { files, problems } = readRivalryFiles(dir);
  if (problems.length > 0) throw new DataError(dir, problems); // a missing directory: a configuration error
  const stored = new Set((await store.catalog.catalogKeys()).filter((k) => k.workspace === undefined).map((k) => k.slug));
  const imports: RivalryFileImport[] = [];
  const kept: DataProblem[] = [];
  const refused: DataProblem[] = [];
  for (const { file, text, rivalry, problems: found } of files) {
    if (rivalry === undefined) {
      (stored.has(likelySlug(text, file)) ? kept : refused).push(...found);
      continue;
    }
    if (imports.some((i) => i.slug === rivalry.slug)) {
      refused.push({ file, path: 'slug', message: `duplicate slug "${rivalry.slug}", already used by another file` });
      continue;
    }
    imports.push({ slug: rivalry.slug, document: rivalry, fileHash: createHash('sha256').update(text).digest('hex') });
  }
  if (refused.length > 0) throw new DataError(dir, refused);
  const results = await store.catalog.importRivalryFiles(imports, now);
  return {
    added: imports.filter((_, i) => results[i] === 'added').map((i) => i.slug),
    replaced: imports.filter((_, i) => results[i] === 'replaced').map((i) => i.slug),
    kept,
  };
}
