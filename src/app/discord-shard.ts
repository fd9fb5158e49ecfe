import type { Logger } from 'pino';
import { createDiscordAdapter } from '../adapters/discord/create-discord-adapter.js';
import { COMMANDS } from '../core/commands/index.js';
import { openStore } from '../store/open-store.js';
import { CatalogHolder } from './catalog/catalog-holder.js';
import { trackingFromConfig } from './catalog/tracking-from-config.js';
import { renderChart } from './chart-renderer.js';
import { createHandlers } from './command-handler.js';
import { commandAudit } from './audit-trail.js';
import { storeOptions, type Config } from './config.js';

/**
 * One Discord gateway shard, as a child process of `serve` with DISCORD_SHARDS (discord.js's
 * ShardingManager runs `rivalry-bot discord shard` and passes the shard ids in the environment).
 * It answers interactions only: the parent imports the rivalry files, serves HTTP and delivers
 * digests and alerts; the shard reads the catalog from the same store and follows its changes.
 */
export async function runDiscordShard(config: Config, logger: Logger): Promise<() => Promise<void>> {
  const token = config.DISCORD_TOKEN;
  if (token === undefined) throw new Error('DISCORD_TOKEN is not set (the ShardingManager passes it to every shard)');
  const store = await openStore(storeOptions(config));
  const holder = await CatalogHolder.open({ store, logger, pollMs: 2000 });
  holder.watch(() => undefined);
  const tracking = trackingFromConfig(config, store, holder, logger);
  const audit = commandAudit(store.ops, logger);
  const handlers = createHandlers(() => ({ catalog: holder.current, commands: COMMANDS, subscriptions: store, tracking, audit }), logger, { tokens: store.tokens });
  // Gateway mode in this process, without DISCORD_SHARDS (that would spawn shards of its own).
  const adapter = await createDiscordAdapter({ ...handlers, logger, renderChart, token, ...(config.DISCORD_API_URL === undefined ? {} : { apiUrl: config.DISCORD_API_URL }) });
  await adapter.start();
  return async () => {
    await holder.close();
    await adapter.stop();
    await store.close();
  };
}
