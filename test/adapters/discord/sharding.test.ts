import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/app/config.js';
import { BOT_TOKEN, FakeDiscord, interactionPayload } from '../../fakes/fake-discord.js';
import { json } from '../../fakes/http-recorder.js';
import { FakeDiscordGateway } from '../../fakes/fake-discord-gateway.js';
import { spawnServe } from '../../helpers/spawn-serve.js';
import { until } from '../../helpers/until.js';

/** `serve` with DISCORD_SHARDS: discord.js's ShardingManager runs each shard in its own process, logged in to a fake gateway. */
describe('Discord gateway sharding across processes', () => {
  const discord = new FakeDiscord();
  const gateway = new FakeDiscordGateway();
  let serve: ChildProcess | undefined;
  afterAll(async () => {
    serve?.kill('SIGKILL');
    await gateway.stop();
    await discord.stop();
  });

  it('spawns one process per shard ("auto" asks Discord how many) and answers interactions on every shard', async () => {
    const wsUrl = await gateway.start();
    const base = await discord.start();
    let gatewayBotCalls = 0;
    discord.overrides.push((req, res) => {
      if (req.method !== 'GET' || !req.path.endsWith('/gateway/bot')) return false;
      gatewayBotCalls += 1;
      json(res, 200, { url: wsUrl, shards: 2, session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 } });
      return true;
    });
    const started = await spawnServe({ DISCORD_TOKEN: BOT_TOKEN, DISCORD_API_URL: `${base}/api`, DISCORD_SHARDS: 'auto' });
    serve = started.child;
    // Gateway mode has no webhook, but the orchestrator's probes are served all the same, ready once every shard is.
    const ready = await fetch(`http://127.0.0.1:${started.port}/readyz`);
    expect(ready.status).toBe(200);

    expect(gatewayBotCalls).toBeGreaterThanOrEqual(1);
    expect(gateway.identified.map(([id, count]) => `${id}/${count}`).sort()).toEqual(['0/2', '1/2']);

    for (const shard of [0, 1]) {
      const payload = interactionPayload('compare', { rivalry: 'amazon-vs-walmart', metric: 'revenue' });
      const callback = discord.next(`/api/v10/interactions/${String(payload['id'])}/${String(payload['token'])}/callback`);
      gateway.dispatch(shard, 'INTERACTION_CREATE', payload);
      const body = (await callback).body as { type: number; data: { embeds: Array<{ description: string }> } };
      expect(body.type).toBe(4);
      expect(body.data.embeds[0]?.description).toContain('$716.9B');
    }

    // SIGTERM on serve: the shard processes go with it and their gateway connections close.
    serve.kill('SIGTERM');
    await until(() => [...gateway.sessions.values()].every((s) => s.socket.readyState === s.socket.CLOSED), 20_000);
  }, 90_000);

  it('validates DISCORD_SHARDS', () => {
    expect(loadConfig({ DISCORD_TOKEN: BOT_TOKEN, DISCORD_SHARDS: 'auto' }).DISCORD_SHARDS).toBe('auto');
    expect(loadConfig({ DISCORD_TOKEN: BOT_TOKEN, DISCORD_SHARDS: '3' }).DISCORD_SHARDS).toBe(3);
    expect(() => loadConfig({ DISCORD_TOKEN: BOT_TOKEN, DISCORD_SHARDS: 'many' })).toThrow(/DISCORD_SHARDS/);
    // Shards only exist in gateway mode: say so rather than ignore the setting.
    expect(() => loadConfig({ DISCORD_SHARDS: '2' })).toThrow(/DISCORD_SHARDS: only applies to gateway mode: it needs DISCORD_TOKEN/);
    expect(() => loadConfig({ DISCORD_TOKEN: BOT_TOKEN, DISCORD_PUBLIC_KEY: 'a'.repeat(64), DISCORD_APPLICATION_ID: '123456789012345678', DISCORD_SHARDS: '2' })).toThrow(/no gateway runs/);
  });
});
