import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describeProblem, loadRivalryDir } from '../core/data/load-rivalries.js';
import { renderText } from '../core/message/render-text.js';
import type { Store } from '../store/store.js';
import { importShippedFiles } from './catalog/import-files.js';
import { StoredCatalogReader } from './catalog/stored-catalog.js';
import { EXIT, rivalryDirOption, type Io } from './cli-shared.js';
import { storeOptions, type Config } from './config.js';
import { BUNDLED_RIVALRY_DIR } from './load-data.js';
import { createLogger } from './logger.js';

interface DataDeps {
  io: Io;
  config: () => Config;
  setExit: (code: number) => void;
}

/** Opens the store for a command that changes or reads the catalog, and always closes it. */
async function withStore<T>(config: Config, work: (store: Store) => Promise<T>): Promise<T> {
  const { openStore } = await import('../store/open-store.js');
  const store = await openStore(storeOptions(config));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** `rivalry-bot data …`: the catalog in the store (sync, export) and the shipped files (add, validate). */
export function registerDataCommands(program: Command, { io, config, setExit }: DataDeps): void {
  const dirOf = (flag: string | undefined) => flag ?? config().RIVALRY_DIR ?? BUNDLED_RIVALRY_DIR;
  const data = program.command('data').description('work with the rivalry catalog (in the database) and the rivalry files shipped with the bot');
  data
    .command('sync')
    .description('update the figures of every rivalry in the catalog (shipped and tracked), or those named, from SEC EDGAR company facts; needs SEC_USER_AGENT')
    .argument('[rivalry...]', 'rivalry slugs (a slug names it in every workspace; "slack:T123/slug" one of them)')
    .addOption(rivalryDirOption())
    .action(async (names: string[], opts: { rivalryDir?: string }) => {
      const cfg = config();
      const logger = createLogger(cfg.LOG_LEVEL, 'warn');
      const { requireSecUserAgent, secClientFromConfig } = await import('./sec/sec-from-config.js');
      const { syncCatalog } = await import('./sec/sync-rivalries.js');
      const { syncReport } = await import('./sec/sync-report.js');
      requireSecUserAgent(cfg); // before the database is opened
      const result = await withStore(cfg, async (store) => {
        await importShippedFiles(store, dirOf(opts.rivalryDir));
        return syncCatalog(store, names, secClientFromConfig(cfg, logger, store));
      });
      io.stdout.write(`${renderText(syncReport(result))}\n`);
      setExit(result.failures.length > 0 ? EXIT.failed : EXIT.ok);
    });
  data
    .command('export')
    .description('write the catalog stored in the database out as rivalry files: shipped ones into <dir>, tracked ones into <dir>/tracked/<workspace>/')
    .argument('<dir>', 'where to write the files (created if needed)')
    .addOption(rivalryDirOption())
    .action(async (target: string, opts: { rivalryDir?: string }) => {
      const written = await withStore(config(), async (store) => {
        // As serve would: the shipped files first (a changed one replaces its stored version), then what the database holds.
        await importShippedFiles(store, dirOf(opts.rivalryDir));
        const { catalog } = await new StoredCatalogReader(store).read();
        const { writeAtomically } = await import('./sec/write-atomically.js');
        return catalog.entries().map(({ workspace, rivalry }) => {
          const folder = workspace === undefined ? target : join(target, 'tracked', workspace.replace(/[^A-Za-z0-9_-]+/g, '-'));
          mkdirSync(folder, { recursive: true });
          const path = join(folder, `${rivalry.slug}.json`);
          writeAtomically(path, `${JSON.stringify(rivalry, null, 2)}\n`);
          return { path, tracked: workspace !== undefined };
        });
      });
      const tracked = written.filter((w) => w.tracked).length;
      io.stdout.write(
        written.length === 0
          ? 'The catalog is empty: nothing written.\n'
          : `Wrote ${written.length - tracked} shipped and ${tracked} tracked rivalr${written.length === 1 ? 'y' : 'ies'}:\n${written.map((w) => `  ${w.path}`).join('\n')}\n`,
      );
    });
  data
    .command('add')
    .description('create a rivalry file (shipped to every workspace) from SEC EDGAR data for two or more companies; needs SEC_USER_AGENT')
    .argument('<slug>', 'name for the new rivalry, e.g. costco-vs-target')
    .option('--company <ticker>', 'a company by ticker (repeat for each)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--cik <cik>', 'a company by SEC CIK (repeat for each)', (v: string, all: string[]) => [...all, v], [] as string[])
    .addOption(rivalryDirOption())
    .action(async (slug: string, opts: { company: string[]; cik: string[]; rivalryDir?: string }) => {
      const cfg = config();
      const logger = createLogger(cfg.LOG_LEVEL, 'warn');
      const { secClientFromConfig } = await import('./sec/sec-from-config.js');
      const { addRivalry } = await import('./sec/add-rivalry.js');
      const result = await addRivalry(dirOf(opts.rivalryDir), slug, opts.company, opts.cik, secClientFromConfig(cfg, logger));
      if (!result.ok) {
        io.stderr.write(`Nothing was written:\n${result.failures.map((f) => `  - ${f}`).join('\n')}\n`);
        setExit(EXIT.failed);
        return;
      }
      const points = result.rivalry.metrics.map((m) => `${m.id} ${m.series.map((s) => s.points.length).join('/')}`).join(', ');
      io.stdout.write(
        [
          `Created ${result.path}: ${result.rivalry.title} (figures per company: ${points}).`,
          ...result.warnings.map((w) => `warning: ${w}`),
          `Try it: rivalry-bot ask --rivalry-dir ${dirOf(opts.rivalryDir)} "compare ${slug}". A running serve imports the file by itself and every workspace sees it;`,
          'Discord autocomplete reads the loaded data, so no re-registration is needed. Add its dated facts by hand if you have them.',
        ].join('\n') + '\n',
      );
    });
  data
    .command('validate')
    .description('check every rivalry file and report every problem; exits 1 when there is any')
    .addOption(rivalryDirOption())
    .action((opts: { rivalryDir?: string }) => {
      const target = dirOf(opts.rivalryDir);
      const { rivalries, problems } = loadRivalryDir(target);
      for (const p of problems) io.stderr.write(`${describeProblem(p)}\n`);
      io.stdout.write(`${rivalries.length} rivalr${rivalries.length === 1 ? 'y' : 'ies'} valid in ${target}${problems.length > 0 ? `; ${problems.length} problem${problems.length === 1 ? '' : 's'}` : ''}\n`);
      setExit(problems.length > 0 ? EXIT.failed : EXIT.ok);
    });
}
