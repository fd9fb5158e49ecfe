import type { Logger } from 'pino';
import { createDiscordAdapter } from '../adapters/discord/create-discord-adapter.js';
import { COMMANDS } from '../core/commands/index.js';
import { lazySubscriptions } from '../store/lazy-subscriptions.js';
import { CatalogHolder } from './catalog-holder.js';
import { renderChart } from './chart-renderer.js';
import { createHandlers } from './command-handler.js';
import { storeOptions, type Config } from './config.js';
import { BUNDLED_RIVALRY_DIR, loadCatalog } from './load-data.js';

/**
 * One Discord gateway shard, as a child process of `serve` with DISCORD_SHARDS (discord.js's
 * ShardingManager runs `rivalry-bot discord shard` and passes the shard ids in the environment).
 * It answers interactions only: the parent serves HTTP and delivers digests and alerts.
 */
export async function runDiscordShard(config: Config, logger: Logger): Promise<() => Promise<void>> {
  const token = config.DISCORD_TOKEN;
  if (token === undefined) throw new Error('DISCORD_TOKEN is not set (the ShardingManager passes it to every shard)');
  const dir = config.RIVALRY_DIR;
  const holder = new CatalogHolder(loadCatalog(dir), dir, logger);
  holder.watch(dir ?? BUNDLED_RIVALRY_DIR, () => undefined);
  const subscriptions = lazySubscriptions(storeOptions(config));
  const handlers = createHandlers(() => ({ catalog: holder.current, commands: COMMANDS, subscriptions }), logger);
  // Gateway mode in this process, without DISCORD_SHARDS (that would spawn shards of its own).
  const adapter = await createDiscordAdapter({ ...handlers, logger, renderChart, token, ...(config.DISCORD_API_URL === undefined ? {} : { apiUrl: config.DISCORD_API_URL }) });
  await adapter.start();
  return async () => {
    holder.close();
    await adapter.stop();
    await subscriptions.close();
  };
}
