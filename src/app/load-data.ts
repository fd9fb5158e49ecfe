import { fileURLToPath } from 'node:url';
import { RivalryCatalog } from '../core/data/catalog.js';
import { describeProblem, loadRivalryDir, type DataProblem } from '../core/data/load-rivalries.js';

/** The bundled rivalries, relative to this file in both src/app and dist/app. */
export const BUNDLED_RIVALRY_DIR = fileURLToPath(new URL('../../data/rivalries', import.meta.url));

export class DataError extends Error {
  constructor(readonly dir: string, readonly problems: DataProblem[]) {
    super(`Rivalry data in ${dir} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${describeProblem(p)}`).join('\n')}`);
    this.name = 'DataError';
  }
}

/** Loads the catalog, refusing to continue when any file has a problem (a wrong figure is the worst bug). */
export function loadCatalog(dir: string | undefined): RivalryCatalog {
  const resolved = dir ?? BUNDLED_RIVALRY_DIR;
  const { rivalries, problems } = loadRivalryDir(resolved);
  if (problems.length > 0) throw new DataError(resolved, problems);
  return new RivalryCatalog(rivalries);
}
