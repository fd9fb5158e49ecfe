import { userInfo } from 'node:os';
import { type Command, Option } from 'commander';
import { z } from 'zod';
import type { OutboxEvent } from '../store/ops-store.js';
import type { OutboxItem, OutboxStatus, Store } from '../store/store.js';
import { EXIT, type Io } from './cli-shared.js';
import { ConfigError, storeOptions, type Config } from './config.js';

interface OpsDeps {
  io: Io;
  config: () => Config;
  setExit: (code: number) => void;
}

const STATUSES = ['pending', 'sending', 'sent', 'dead', 'rejected'] as const;

/** "2026-12-03 14:05:09Z": seconds matter when reading a retry history. */
const when = (at: number): string => `${new Date(at).toISOString().slice(0, 19).replace('T', ' ')}Z`;

/** A date or an ISO time with its zone: "2026-12-01" (midnight UTC) or "2026-12-01T09:00Z". */
const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/, 'must be a date like 2026-12-01 (midnight UTC) or a time with its zone like 2026-12-01T09:00Z')
  .transform((s, ctx) => {
    const ms = Date.parse(s);
    if (Number.isNaN(ms)) ctx.addIssue({ code: 'custom', message: 'is not a real date' });
    return ms;
  });

const idsSchema = z.array(z.string().regex(/^[1-9]\d{0,15}$/, 'must be an outbox item id (a positive whole number, as `rivalry-bot outbox` lists them)').transform(Number));

function parse<T>(schema: z.ZodType<T>, value: unknown, name: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new ConfigError(result.error.issues.map((i) => `${name}${i.path.length === 0 ? '' : ` ${String(i.path.join('.'))}`}: ${i.message}`));
  return result.data;
}

/** Who did it, for the audit trail: the operator's login on this machine. */
function operator(): string {
  try {
    return `operator:${userInfo().username}`;
  } catch {
    return 'operator';
  }
}

const line = (item: OutboxItem): string =>
  `#${item.id}  ${item.status}  ${item.channel.platform}:${item.channel.workspaceId}/${item.channel.channelId}  ${item.key}  attempts ${item.attempts}${item.lastError === undefined ? '' : `  ${item.lastError}`}`;

const eventLine = (e: OutboxEvent): string => `  ${when(e.at)}  ${e.kind.padEnd(12)}  attempt ${e.attempt}${e.detail === undefined ? '' : `  ${e.detail}`}`;

/** `rivalry-bot outbox …` and `rivalry-bot audit`: what an operator reads and does about delivery. */
export function registerOpsCommands(program: Command, { io, config, setExit }: OpsDeps): void {
  const out = (text: string) => io.stdout.write(`${text}\n`);
  const withStore = async <T>(work: (store: Store) => Promise<T>): Promise<T> => {
    const { openStore } = await import('../store/open-store.js');
    const store = await openStore(storeOptions(config()));
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  };

  const outbox = program
    .command('outbox')
    .description('the delivery outbox: counts and the posts that were dead-lettered or refused (with why); show, retry, purge')
    .addOption(new Option('--status <status>', 'list items in this state').choices(STATUSES))
    .action(async (opts: { status?: OutboxStatus }) =>
      withStore(async (store) => {
        const counts = await store.outboxCounts();
        out(Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(' · '));
        for (const status of opts.status === undefined ? (['dead', 'rejected'] as const) : [opts.status]) {
          for (const item of await store.outboxItems(status)) out(line(item));
        }
      }),
    );

  outbox
    .command('show')
    .description('one post: where it goes, its state, and its history of attempts and errors')
    .argument('<id>', 'outbox item id, as `rivalry-bot outbox` lists them')
    .action(async (id: string) => {
      const [itemId] = parse(idsSchema, [id], 'id');
      await withStore(async (store) => {
        const item = await store.outboxItem(itemId ?? 0);
        if (item === undefined) {
          io.stderr.write(`No outbox item #${id}. List them with: rivalry-bot outbox --status dead\n`);
          setExit(EXIT.failed);
          return;
        }
        out(line(item));
        out(`  what: ${item.payload.title}`);
        out(`  queued ${when(item.createdAt)}${item.status === 'pending' ? `, next attempt ${when(item.nextAttemptAt)}` : ''}${item.uncertain ? ' (checked before re-sending: an earlier attempt may have landed)' : ''}`);
        const events = await store.ops.outboxEvents(item.id);
        out(events.length === 0 ? '  history: no retries, rate limits or errors' : '  history:');
        for (const e of events) out(eventLine(e));
      });
    });

  outbox
    .command('retry')
    .description('re-send dead-lettered posts once, with their original keys (nothing doubles); each re-send is audited')
    .argument('[ids...]', 'outbox item ids')
    .option('--dead', 'every dead post (narrow it with --platform and --since)')
    .option('--platform <platform>', 'with --dead: only this platform\'s posts')
    .option('--since <date>', 'with --dead: only posts that went dead since then (2026-12-01, or 2026-12-01T09:00Z)')
    .action(async (ids: string[], opts: { dead?: boolean; platform?: string; since?: string }) => {
      if ((ids.length > 0) === (opts.dead === true)) throw new ConfigError(['outbox retry: name the items (outbox retry 12 15) or pass --dead, not both and not neither']);
      if (opts.dead !== true && (opts.platform !== undefined || opts.since !== undefined)) throw new ConfigError(['outbox retry: --platform and --since go with --dead']);
      const filter =
        opts.dead === true
          ? { ...(opts.platform === undefined ? {} : { platform: opts.platform }), ...(opts.since === undefined ? {} : { since: parse(dateSchema, opts.since, '--since') }) }
          : { ids: parse(idsSchema, ids, 'id') };
      await withStore(async (store) => {
        const result = await store.ops.retryDead(filter, Date.now(), operator());
        if (result.requeued.length === 0 && result.skipped.length === 0) out('No dead posts match: nothing re-queued.');
        if (result.requeued.length > 0) {
          out(`Re-queued ${result.requeued.length} dead post${result.requeued.length === 1 ? '' : 's'}: ${result.requeued.map((id) => `#${id}`).join(', ')}. A running bot sends ${result.requeued.length === 1 ? 'it' : 'them'} within seconds, checking first where the platform allows whether an earlier attempt landed.`);
        }
        for (const s of result.skipped) out(`Left #${s.id} alone: ${s.reason}.`);
        if (result.requeued.length === 0 && result.skipped.length > 0) setExit(EXIT.failed);
      });
    });

  outbox
    .command('purge')
    .description('delete refused posts (and their history) queued before a date; each purge is audited')
    .option('--rejected', 'refused posts (the only kind purged by hand: sent ones are pruned on their own, dead ones wait for retry)')
    .requiredOption('--before <date>', 'queued before then (2026-12-01, or 2026-12-01T09:00Z)')
    .action(async (opts: { rejected?: boolean; before: string }) => {
      if (opts.rejected !== true) throw new ConfigError(['outbox purge: pass --rejected (refused posts are the only ones purged by hand)']);
      const before = parse(dateSchema, opts.before, '--before');
      await withStore(async (store) => {
        const purged = await store.ops.purgeRejected(before, Date.now(), operator());
        out(`Purged ${purged} refused post${purged === 1 ? '' : 's'} queued before ${when(before)}.`);
      });
    });

  program
    .command('audit')
    .description('who changed what: subscriptions, tracked rivalries, re-sends and purges, newest first')
    .option('--platform <platform>', 'only this platform (cli: operator purges)')
    .option('--workspace <id>', 'only this workspace (team, server, chat or tenant id)')
    .option('--limit <n>', 'how many entries', '50')
    .action(async (opts: { platform?: string; workspace?: string; limit: string }) => {
      const limit = parse(z.coerce.number().int().min(1, 'must be at least 1').max(10_000, 'must be at most 10000'), opts.limit, '--limit');
      await withStore(async (store) => {
        const entries = await store.ops.entries({ ...(opts.platform === undefined ? {} : { platform: opts.platform }), ...(opts.workspace === undefined ? {} : { workspaceId: opts.workspace }), limit });
        if (entries.length === 0) out('No changes recorded.');
        for (const e of entries) {
          const where = `${e.platform}${e.workspaceId === undefined ? '' : `:${e.workspaceId}`}${e.channelId === undefined ? '' : `/${e.channelId}`}`;
          out(`${when(e.at)}  ${where}  ${e.actor}  ${e.action} ${e.target}${e.detail === undefined ? '' : `  (${e.detail})`}`);
        }
      });
    });
}
