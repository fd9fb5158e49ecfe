import { REST } from '@discordjs/rest';
import { Routes, type RESTGetAPIGatewayBotResult } from 'discord-api-types/v10';
import { ShardingManager, type Shard } from 'discord.js';
import type { Logger } from 'pino';

export interface ShardProcessesOptions {
  /** The script each shard process runs, and its arguments: it must log in a discord.js Client (which reads its shard ids from the manager's environment). */
  script: string;
  args: readonly string[];
  token: string;
  /** "auto": as many shards as Discord recommends for the bot's guild count. */
  total: 'auto' | number;
  /** REST base URL; also where "auto" asks Discord (discord.js's own lookup always calls discord.com). */
  apiUrl?: string;
  logger: Logger;
}

export interface ShardProcesses {
  total: number;
  stop(): Promise<void>;
}

/** Discord's recommended shard count for this bot (GET /gateway/bot). */
async function recommendedShards(token: string, apiUrl: string | undefined): Promise<number> {
  const rest = new REST(apiUrl === undefined ? {} : { api: apiUrl }).setToken(token);
  const answer = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return Math.max(1, answer.shards);
}

/**
 * Gateway sharding across processes with discord.js's ShardingManager: one child process per
 * shard, respawned if it dies. Resolves once every shard is ready (discord.js spaces their logins
 * to respect Discord's identify limit).
 */
export async function startShardProcesses(options: ShardProcessesOptions): Promise<ShardProcesses> {
  const total = options.total === 'auto' ? await recommendedShards(options.token, options.apiUrl) : options.total;
  const manager = new ShardingManager(options.script, { token: options.token, totalShards: total, mode: 'process', respawn: true, shardArgs: options.args });
  const log = options.logger.child({ platform: 'discord', component: 'shards' });
  manager.on('shardCreate', (shard: Shard) => {
    shard.on('ready', () => log.info({ shard: shard.id, total }, 'shard ready'));
    shard.on('death', () => log.warn({ shard: shard.id }, 'shard process exited; respawning'));
  });
  await manager.spawn({ amount: total, timeout: 60_000 });
  return {
    total,
    stop: async () => {
      manager.respawn = false;
      for (const shard of manager.shards.values()) shard.kill();
    },
  };
}
