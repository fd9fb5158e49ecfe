import { watch, type FSWatcher } from 'node:fs';
import type { Logger } from 'pino';
import type { RivalryCatalog } from '../../core/data/catalog.js';
import type { Store } from '../../store/store.js';
import { DataError } from '../load-data.js';
import { importShippedFiles } from './import-files.js';
import { StoredCatalogReader } from './stored-catalog.js';

export interface CatalogHolderOptions {
  store: Store;
  logger: Logger;
  /** Shipped rivalry files to import at start-up and whenever they change; absent in processes that only read (Discord shards). */
  dir?: string;
  /** How often the store's revision is checked, for changes made by other processes (PostgreSQL also notifies at once). */
  pollMs?: number;
}

/**
 * The rivalries in service, read from the store: every process and replica serves the same catalog.
 * Changes from anywhere (a `track`, a sync on another replica, an edited file) reach it within a poll;
 * a change that fails the checks is left out and the last good data keeps serving.
 */
export class CatalogHolder {
  private catalog: RivalryCatalog;
  private revision: number;
  private readonly reader: StoredCatalogReader;
  private refreshing: Promise<boolean> = Promise.resolve(false);
  private onReload: () => void = () => undefined;
  private timer: NodeJS.Timeout | undefined;
  private watcher: FSWatcher | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private stopNotices: () => void = () => undefined;
  private readonly onSighup = () => this.fileChanged();

  private constructor(private readonly options: CatalogHolderOptions, reader: StoredCatalogReader, first: { catalog: RivalryCatalog; revision: number }) {
    this.reader = reader;
    this.catalog = first.catalog;
    this.revision = first.revision;
  }

  /** Imports the shipped files (when a directory is given), then reads the catalog. Throws DataError for a broken file with nothing to fall back on. */
  static async open(options: CatalogHolderOptions): Promise<CatalogHolder> {
    if (options.dir !== undefined) CatalogHolder.report(await importShippedFiles(options.store, options.dir), options.logger);
    const reader = new StoredCatalogReader(options.store);
    const first = await reader.read();
    if (first.problems.length > 0) options.logger.error({ problems: first.problems }, 'stored rivalries with problems are not served');
    return new CatalogHolder(options, reader, first);
  }

  private static report(report: Awaited<ReturnType<typeof importShippedFiles>>, logger: Logger): void {
    if (report.added.length + report.replaced.length > 0) logger.info({ added: report.added, replaced: report.replaced }, 'rivalry files imported');
    if (report.kept.length > 0) logger.error({ problems: report.kept.map((p) => `${p.file} ${p.path}: ${p.message}`) }, 'rivalry data has problems: still serving the previous data');
  }

  /** The catalog revision in service (for /metrics: replicas should agree). */
  get servedRevision(): number {
    return this.revision;
  }

  get current(): RivalryCatalog {
    return this.catalog;
  }

  /**
   * Reads the store again when its revision moved; true when new data went into service (and the
   * reload callback ran). One refresh at a time: callers that overlap share the next one.
   */
  refresh(): Promise<boolean> {
    this.refreshing = this.refreshing.then(async () => {
      try {
        if ((await this.options.store.catalog.catalogRevision()) === this.revision) return false;
        const next = await this.reader.read();
        if (next.problems.length > 0) this.options.logger.error({ problems: next.problems }, 'stored rivalries with problems are not served');
        this.catalog = next.catalog;
        this.revision = next.revision;
        this.options.logger.info({ revision: next.revision, rivalries: next.catalog.entries().length }, 'rivalry data reloaded');
        this.onReload();
        return true;
      } catch (err) {
        this.options.logger.error({ err }, 'could not read the rivalry catalog: still serving the previous data');
        return false;
      }
    });
    return this.refreshing;
  }

  /** The shipped files changed (watcher, SIGHUP): import them, then serve what the store holds. */
  async importFiles(): Promise<void> {
    const { dir, store, logger } = this.options;
    if (dir === undefined) return;
    try {
      CatalogHolder.report(await importShippedFiles(store, dir), logger);
    } catch (error) {
      const problems = error instanceof DataError ? error.problems.map((p) => `${p.file} ${p.path}: ${p.message}`) : [String(error)];
      logger.error({ problems }, 'rivalry data has problems: still serving the previous data');
    }
    await this.refresh();
  }

  private fileChanged(): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.importFiles(), 500);
  }

  /** Starts following changes: store notices and polls, the shipped directory and SIGHUP; `onReload` runs whenever new data is in service. */
  watch(onReload: () => void): void {
    this.onReload = onReload;
    this.stopNotices = this.options.store.catalog.onCatalogNotice(() => void this.refresh());
    this.timer = setInterval(() => void this.refresh(), this.options.pollMs ?? 2000);
    this.timer.unref();
    if (this.options.dir !== undefined) {
      this.watcher = watch(this.options.dir, () => this.fileChanged());
      process.on('SIGHUP', this.onSighup);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    clearTimeout(this.debounce);
    this.stopNotices();
    this.watcher?.close();
    process.off('SIGHUP', this.onSighup);
    await this.refreshing;
  }
}
