import { describe, expect, it } from 'vitest';
import { createGatewayClient } from '../../../src/adapters/discord/gateway.js';
import { loadConfig } from '../../../src/app/config.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { BOT_TOKEN } from '../../fakes/fake-discord.js';

const deps = { handle: async () => { throw new Error('unused'); }, complete: async () => [], commands: [], logger: memoryLogger().logger };

describe('Discord gateway sharding', () => {
  it('gives discord.js the shard list and count from DISCORD_SHARDS', async () => {
    const four = createGatewayClient({ token: BOT_TOKEN, deps, deferAfterMs: 2000, shards: 4 });
    expect(four.options.shards).toEqual([0, 1, 2, 3]);
    expect(four.options.shardCount).toBe(4);
    const auto = createGatewayClient({ token: BOT_TOKEN, deps, deferAfterMs: 2000, shards: 'auto' });
    expect(auto.options.shards).toBe('auto');
    await Promise.all([four.destroy(), auto.destroy()]);
  });

  it('validates DISCORD_SHARDS', () => {
    expect(loadConfig({ DISCORD_SHARDS: 'auto' }).DISCORD_SHARDS).toBe('auto');
    expect(loadConfig({ DISCORD_SHARDS: '3' }).DISCORD_SHARDS).toBe(3);
    expect(() => loadConfig({ DISCORD_SHARDS: 'many' })).toThrow(/DISCORD_SHARDS/);
  });
});
