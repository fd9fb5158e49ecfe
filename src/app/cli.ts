import { Command, Option } from 'commander';
import type { Logger } from 'pino';
import { COMMANDS } from '../core/commands/index.js';
import { createConsoleAdapter } from '../adapters/console/create-console-adapter.js';
import { renderText } from '../core/message/render-text.js';
import { consoleOrigin } from '../adapters/console/console-origin.js';
import type { CommandHandler } from '../core/inbound.js';
import { lazySubscriptions } from '../store/lazy-subscriptions.js';
import { createCommandHandler } from './command-handler.js';
import { ConfigError, loadConfig, storeOptions, type Config } from './config.js';
import { commandContext } from './context.js';
import { localCatalog } from './catalog/local-catalog.js';
import { registerDataCommands } from './cli-data.js';
import { registerTeamsCommands } from './cli-teams.js';
import { registerOpsCommands } from './cli-ops.js';
import { EXIT, rivalryDirOption, type Io } from './cli-shared.js';
import { DataError } from './load-data.js';
import { createLogger } from './logger.js';
import { limitHeapGrowth } from './heap-growth.js';
import { OUTPUT_FORMATS } from './output-formats.js';
import { platformsConfigured, StartupError } from './serve.js';

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
    .description('Tracks business rivalries and answers /rivalry commands in Slack, Discord, Telegram, Microsoft Teams and this console.')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)');

  const config = (): Config => loadConfig(io.env);

  /** `ask` and `console`: the core on this machine, with subscriptions stored but no delivery. */
  const localHandler = async (rivalryDir: string | undefined) => {
    const cfg = config();
    const { catalog, store } = await localCatalog(cfg, rivalryDir);
    const subscriptions = store ?? lazySubscriptions(storeOptions(cfg));
    const handle = createCommandHandler({ ...commandContext(catalog), subscriptions }, createLogger(cfg.LOG_LEVEL, 'warn'));
    return { handle, close: () => subscriptions.close() };
  };

  program
    .command('ask')
    .description('run one bot command and print the reply; exits 1 when the reply is an error')
    .argument('<text...>', 'command text, e.g. "compare amazon-vs-walmart revenue"')
    .addOption(new Option('--format <format>', 'output format').choices(Object.keys(OUTPUT_FORMATS)).default('text'))
    .addOption(rivalryDirOption())
    .action(async (words: string[], opts: { format: string; rivalryDir?: string }) => {
      const { handle, close } = await localHandler(opts.rivalryDir);
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
      const { handle, close } = await localHandler(opts.rivalryDir);
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
      limitHeapGrowth(cfg.HEAP_GROWTH_PERCENT);
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
      const { handle, close } = await localHandler(opts.rivalryDir);
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

  registerDataCommands(program, { io, config, setExit });
  registerTeamsCommands(program, { io });
  registerOpsCommands(program, { io, config, setExit });
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
    // Anything else (SEC unreachable, the database away…): one line, no stack trace.
    io.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.failed;
  }
}

function isCommanderExit(error: unknown): error is { exitCode: number; code: string } {
  return typeof error === 'object' && error !== null && 'code' in error && String((error as { code: unknown }).code).startsWith('commander.');
}
