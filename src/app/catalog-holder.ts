import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from 'pino';
import type { RivalryCatalog } from '../core/data/catalog.js';
import { DataError, loadCatalog } from './load-data.js';

/**
 * The rivalries currently served. A reload that finds a broken file keeps serving the last good data
 * (and says so in the log): a half-edited file must never turn into wrong figures in chat.
 */
export class CatalogHolder {
  private watcher: FSWatcher | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private onSighup: (() => void) | undefined;

  constructor(
    private catalog: RivalryCatalog,
    private readonly dir: string | undefined,
    private readonly logger: Logger,
  ) {}

  get current(): RivalryCatalog {
    return this.catalog;
  }

  /** Reads the directory again; true when the new data is in service. */
  reload(): boolean {
    try {
      this.catalog = loadCatalog(this.dir);
      this.logger.info({ rivalries: this.catalog.slugs }, 'rivalry data reloaded');
      return true;
    } catch (error) {
      const problems = error instanceof DataError ? error.problems.map((p) => `${p.file} ${p.path}: ${p.message}`) : [String(error)];
      this.logger.error({ problems }, 'rivalry data has problems: still serving the previous data');
      return false;
    }
  }

  /** Reloads after files in the directory change (debounced), and on SIGHUP; calls back when new data is in service. */
  watch(dir: string, onReload: () => void): void {
    const trigger = () => {
      clearTimeout(this.debounce);
      this.debounce = setTimeout(() => {
        if (this.reload()) onReload();
      }, 500);
    };
    this.watcher = watch(dir, trigger);
    this.onSighup = trigger;
    process.on('SIGHUP', trigger);
  }

  close(): void {
    clearTimeout(this.debounce);
    this.watcher?.close();
    if (this.onSighup !== undefined) process.off('SIGHUP', this.onSighup);
  }
}
