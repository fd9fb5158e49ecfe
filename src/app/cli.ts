import { Command, Option } from 'commander';
import type { Logger } from 'pino';
import { describeProblem, loadRivalryDir } from '../core/data/load-rivalries.js';
import { COMMANDS } from '../core/commands/index.js';
import { createConsoleAdapter } from '../adapters/console/create-console-adapter.js';
import { renderText } from '../core/message/render-text.js';
import { consoleOrigin } from '../adapters/console/console-origin.js';
import type { CommandHandler } from '../core/inbound.js';
import { lazySubscriptions } from '../store/lazy-subscriptions.js';
import { createCommandHandler } from './command-handler.js';
import { ConfigError, loadConfig, storeOptions, type Config } from './config.js';
import { commandContext } from './context.js';
import { BUNDLED_RIVALRY_DIR, DataError, loadCatalog } from './load-data.js';
import { createLogger } from './logger.js';
import { OUTPUT_FORMATS } from './output-formats.js';
import { platformsConfigured, StartupError } from './serve.js';

/** Exit codes: 0 fine, 1 the bot answered with an error or the data is broken, 2 bad usage or config. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

interface Io {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

const rivalryDirOption = () => new Option('--rivalry-dir <dir>', 'directory of rivalry JSON files (default: $RIVALRY_DIR or the bundled data)');


/** Runs until SIGINT or SIGTERM (or another process event), then stops once. */
function untilShutdown(stop: () => Promise<void>, logger: Logger, events: readonly string[] = []): Promise<void> {
  return new Promise<void>((resolve) => {
    let stopping = false;
    const shutdown = (signal: string) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'shutting down');
      void stop().then(resolve);
    };
    for (const event of ['SIGINT', 'SIGTERM', ...events]) process.once(event, () => shutdown(event));
  });
}

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('rivalry-bot')
    .description('Tracks business rivalries and answers /rivalry commands in Slack, Discord and this console.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)');

  const config = (): Config => loadConfig(io.env);
  const dir = (flag: string | undefined) => flag ?? config().RIVALRY_DIR;

  /** `ask` and `console`: the core on this machine, with subscriptions stored but no delivery. */
  const localHandler = (rivalryDir: string | undefined) => {
    const cfg = config();
    const subscriptions = lazySubscriptions(storeOptions(cfg));
    const handle = createCommandHandler({ ...commandContext(loadCatalog(dir(rivalryDir))), subscriptions }, createLogger(cfg.LOG_LEVEL, 'warn'));
    return { handle, close: () => subscriptions.close() };
  };

  program
    .command('ask')
    .description('run one bot command and print the reply; exits 1 when the reply is an error')
    .argument('<text...>', 'command text, e.g. "compare amazon-vs-walmart revenue"')
    .addOption(new Option('--format <format>', 'output format').choices(Object.keys(OUTPUT_FORMATS)).default('text'))
    .addOption(rivalryDirOption())
    .action(async (words: string[], opts: { format: string; rivalryDir?: string }) => {
      const { handle, close } = localHandler(opts.rivalryDir);
      const reply = await handle({ kind: 'text', text: words.join(' '), origin: consoleOrigin() });
      await close();
      const render = await (OUTPUT_FORMATS[opts.format] ?? OUTPUT_FORMATS['text'])?.();
      io.stdout.write(`${render?.(reply) ?? ''}\n`);
      setExit(reply.severity === 'error' ? EXIT.failed : EXIT.ok);
    });

  /** The terminal chat; `handle` decides which store and delivery stand behind it. Resolves when input ends. */
  const chat = async (handle: CommandHandler) => {
    const terminal = createConsoleAdapter({ input: io.stdin, output: io.stdout, handle });
    await terminal.start();
    await terminal.finished;
  };

  program
    .command('console')
    .description('chat with the bot in this terminal (piped input: one reply per line); digests are delivered by `serve`')
    .addOption(rivalryDirOption())
    .action(async (opts: { rivalryDir?: string }) => {
      const { handle, close } = localHandler(opts.rivalryDir);
      await chat(handle);
      await close();
    });

  program
    .command('serve')
    .description('start the chat platforms configured by the environment, digests and alerts; with no platform, the console')
    .addOption(rivalryDirOption())
    .action(async (opts: { rivalryDir?: string }) => {
      const cfg = config();
      const consoleMode = !platformsConfigured(cfg);
      const logger = createLogger(cfg.LOG_LEVEL, consoleMode ? 'warn' : 'info');
      const { runBot } = await import('./run-bot.js');
      const bot = await runBot(cfg, logger, { ...(opts.rivalryDir === undefined ? {} : { rivalryDir: opts.rivalryDir }), ...(consoleMode ? { consoleOutput: io.stdout } : {}) });
      if (consoleMode) {
        await chat(bot.handlers.handle);
        await bot.stop();
        return;
      }
      const { running } = bot;
      logger.info({ platforms: running.started, port: running.port, rivalries: bot.holder.current.slugs }, 'rivalry-bot serving');
      io.stdout.write(`rivalry-bot serving ${running.started.join(', ')}${running.port === undefined ? '' : ` on port ${running.port}`}\n`);
      await untilShutdown(() => bot.stop(), logger);
    });

  const discord = program.command('discord').description('Discord set-up');
  discord
    .command('shard', { hidden: true })
    .description('one gateway shard process (started by serve with DISCORD_SHARDS)')
    .action(async () => {
      const cfg = config();
      const logger = createLogger(cfg.LOG_LEVEL, 'info');
      const { runDiscordShard } = await import('./discord-shard.js');
      // The IPC channel closes when the parent dies: a shard must not outlive its manager.
      await untilShutdown(await runDiscordShard(cfg, logger), logger, ['disconnect']);
    });
  discord
    .command('register')
    .description('register /rivalry and its subcommands with Discord (bulk overwrite; a no-op when nothing changed)')
    .option('--guild <id>', 'register in one server only (instant; global registration can take a while to show)')
    .action(async (opts: { guild?: string }) => {
      const cfg = config();
      if (cfg.DISCORD_TOKEN === undefined || cfg.DISCORD_APPLICATION_ID === undefined) {
        throw new ConfigError([`${cfg.DISCORD_TOKEN === undefined ? 'DISCORD_TOKEN' : 'DISCORD_APPLICATION_ID'}: is required to register commands (Developer Portal → your application)`]);
      }
      if (opts.guild !== undefined && !/^\d{17,20}$/.test(opts.guild)) throw new ConfigError(['--guild: must be a numeric server id (enable Developer Mode, right-click the server → Copy Server ID)']);
      const { registerCommands } = await import('../adapters/discord/register-commands.js');
      const { commandDefinitions } = await import('../adapters/discord/command-definitions.js');
      const result = await registerCommands({
        token: cfg.DISCORD_TOKEN,
        applicationId: cfg.DISCORD_APPLICATION_ID,
        definitions: commandDefinitions(COMMANDS),
        ...(opts.guild === undefined ? {} : { guildId: opts.guild }),
        ...(cfg.DISCORD_API_URL === undefined ? {} : { apiUrl: cfg.DISCORD_API_URL }),
      });
      const where = opts.guild === undefined ? 'globally' : `in server ${opts.guild}`;
      io.stdout.write(result.changed ? `Registered /rivalry with ${COMMANDS.length} subcommands ${where}.\n` : `Already up to date ${where}: nothing changed.\n`);
    });

  program
    .command('chart')
    .description('draw a rivalry chart as PNG and print the file path')
    .argument('[words...]', 'as the chat command: [rivalry] [metric] [annual|quarterly|ttm] [since YEAR]')
    .requiredOption('--out <file>', 'where to write the PNG')
    .addOption(rivalryDirOption())
    .action(async (words: string[], opts: { out: string; rivalryDir?: string }) => {
      const { handle, close } = localHandler(opts.rivalryDir);
      const reply = await handle({ kind: 'text', text: ['chart', ...words].join(' '), origin: consoleOrigin() });
      await close();
      if (reply.chart === undefined) {
        io.stderr.write(`${renderText(reply)}\n`);
        setExit(EXIT.failed);
        return;
      }
      const { renderChart } = await import('./chart-renderer.js');
      const { writeFileSync } = await import('node:fs');
      const { resolve } = await import('node:path');
      writeFileSync(opts.out, await renderChart(reply.chart));
      io.stdout.write(`${resolve(opts.out)}\n${reply.chart.altText}\n`);
    });

  program
    .command('outbox')
    .description('show the delivery outbox: counts, and the posts that were dead-lettered or refused (with why)')
    .addOption(new Option('--status <status>', 'list items in this state').choices(['pending', 'sending', 'sent', 'dead', 'rejected']))
    .action(async (opts: { status?: 'pending' | 'sending' | 'sent' | 'dead' | 'rejected' }) => {
      const { openStore } = await import('../store/open-store.js');
      const store = await openStore(storeOptions(config()));
      const counts = await store.outboxCounts();
      io.stdout.write(`${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(' · ')}\n`);
      const statuses = opts.status === undefined ? (['dead', 'rejected'] as const) : [opts.status];
      for (const status of statuses) {
        for (const item of await store.outboxItems(status)) {
          io.stdout.write(`${status}  ${item.channel.platform}:${item.channel.workspaceId}/${item.channel.channelId}  ${item.key}  attempts ${item.attempts}${item.lastError === undefined ? '' : `  ${item.lastError}`}\n`);
        }
      }
      await store.close();
    });

  const data = program.command('data').description('work with the rivalry data files');
  data
    .command('sync')
    .description('update rivalry figures from SEC EDGAR company facts (all rivalries, or those named); needs SEC_USER_AGENT')
    .argument('[rivalry...]', 'rivalry slugs')
    .addOption(rivalryDirOption())
    .action(async (slugs: string[], opts: { rivalryDir?: string }) => {
      const cfg = config();
      const logger = createLogger(cfg.LOG_LEVEL, 'warn');
      const { secClientFromConfig } = await import('./sec/sec-from-config.js');
      const { syncRivalries } = await import('./sec/sync-rivalries.js');
      const { syncReport } = await import('./sec/sync-report.js');
      const result = await syncRivalries(dir(opts.rivalryDir) ?? BUNDLED_RIVALRY_DIR, slugs, secClientFromConfig(cfg, logger));
      io.stdout.write(`${renderText(syncReport(result))}\n`);
      setExit(result.failures.length > 0 ? EXIT.failed : EXIT.ok);
    });
  data
    .command('add')
    .description('create a rivalry from SEC EDGAR data for two or more companies; needs SEC_USER_AGENT')
    .argument('<slug>', 'name for the new rivalry, e.g. costco-vs-target')
    .option('--company <ticker>', 'a company by ticker (repeat for each)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--cik <cik>', 'a company by SEC CIK (repeat for each)', (v: string, all: string[]) => [...all, v], [] as string[])
    .addOption(new Option('--metric <metric>', 'metric to fetch').choices(['revenue']).default('revenue'))
    .addOption(rivalryDirOption())
    .action(async (slug: string, opts: { company: string[]; cik: string[]; rivalryDir?: string }) => {
      const cfg = config();
      const logger = createLogger(cfg.LOG_LEVEL, 'warn');
      const { secClientFromConfig } = await import('./sec/sec-from-config.js');
      const { addRivalry } = await import('./sec/add-rivalry.js');
      const result = await addRivalry(dir(opts.rivalryDir) ?? BUNDLED_RIVALRY_DIR, slug, opts.company, opts.cik, secClientFromConfig(cfg, logger));
      if (!result.ok) {
        io.stderr.write(`Nothing was written:\n${result.failures.map((f) => `  - ${f}`).join('\n')}\n`);
        setExit(EXIT.failed);
        return;
      }
      const points = result.rivalry.metrics[0]?.series.map((s) => `${s.company}: ${s.points.length} figures`).join(', ');
      io.stdout.write(
        [
          `Created ${result.path}: ${result.rivalry.title} (${points}).`,
          ...result.warnings.map((w) => `warning: ${w}`),
          `Try it: rivalry-bot ask "compare ${slug}". A running serve picks the file up by itself; Slack and Discord suggest it at once`,
          '(Discord autocomplete reads the loaded data, so no re-registration is needed). Add its dated facts by hand if you have them.',
        ].join('\n') + '\n',
      );
    });
  data
    .command('validate')
    .description('check every rivalry file and report every problem; exits 1 when there is any')
    .addOption(rivalryDirOption())
    .action((opts: { rivalryDir?: string }) => {
      const target = dir(opts.rivalryDir) ?? BUNDLED_RIVALRY_DIR;
      const { rivalries, problems } = loadRivalryDir(target);
      for (const p of problems) io.stderr.write(`${describeProblem(p)}\n`);
      io.stdout.write(`${rivalries.length} rivalr${rivalries.length === 1 ? 'y' : 'ies'} valid in ${target}${problems.length > 0 ? `; ${problems.length} problem${problems.length === 1 ? '' : 's'}` : ''}\n`);
      setExit(problems.length > 0 ? EXIT.failed : EXIT.ok);
    });
  return program;
}

/** Runs the CLI; resolves to the exit code. Expected failures print a message, never a stack trace. */
export async function main(argv: string[], io: Io): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv);
    return code;
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return EXIT.usage;
    }
    if (error instanceof DataError) {
      io.stderr.write(`${error.message}\nFix the file(s), or check them with: rivalry-bot data validate\n`);
      return EXIT.failed;
    }
    if (error instanceof StartupError) {
      io.stderr.write(`${error.message}\n`);
      return EXIT.failed;
    }
    if (isCommanderExit(error)) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    throw error;
  }
}

function isCommanderExit(error: unknown): error is { exitCode: number; code: string } {
  return typeof error === 'object' && error !== null && 'code' in error && String((error as { code: unknown }).code).startsWith('commander.');
}
