import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/app/command-handler.js';
import { loadConfig } from '../../../src/app/config.js';
import { startPlatforms, type Running } from '../../../src/app/serve.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { bundledContext } from '../../helpers/bundled.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { APPLICATION_ID, FakeDiscord, interactionPayload, signedInteractionHeaders, testKeyPair } from '../../fakes/fake-discord.js';

const keys = testKeyPair();
const MANAGE_CHANNELS = 1n << 4n;

describe('Discord subscriptions', () => {
  const discord = new FakeDiscord();
  const store = new SqliteStore(':memory:');
  let running: Running;
  let url: string;
  beforeAll(async () => {
    const base = await discord.start();
    const log = memoryLogger().logger;
    const config = loadConfig({ DISCORD_PUBLIC_KEY: keys.publicKeyHex, DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: `${base}/api`, PORT: '0', HOST: '127.0.0.1' });
    running = await startPlatforms(config, createHandlers({ ...bundledContext(), subscriptions: store }, log), log);
    url = `http://127.0.0.1:${running.port}/discord/interactions`;
  });
  afterAll(async () => {
    await running.stop();
    await discord.stop();
  });

  async function subscribe(permissions: bigint, options: Record<string, string> = {}) {
    const payload = interactionPayload('subscribe', { frequency: 'daily', time: '07:45', zone: 'Europe/Berlin', ...options });
    (payload['member'] as { permissions: string }).permissions = permissions.toString();
    const body = JSON.stringify(payload);
    const res = await fetch(url, { method: 'POST', body, headers: signedInteractionHeaders(body, keys.privateKey) });
    return (await res.json()) as { data: { flags?: number; embeds: Array<{ title: string; description?: string }> } };
  }

  it('refuses a member without Manage Channels, ephemerally, and stores nothing', async () => {
    const reply = await subscribe(1n << 11n); // Send Messages only
    expect(reply.data.flags).toBe(64);
    expect(reply.data.embeds[0]?.title).toBe('Not allowed');
    expect(await store.listForWorkspace('discord', '222222222222222222')).toEqual([]);
  });

  it('lets a member with Manage Channels subscribe', async () => {
    const reply = await subscribe(MANAGE_CHANNELS | (1n << 11n));
    expect(reply.data.flags).toBeUndefined();
    expect(reply.data.embeds[0]?.description).toContain('every day at 07:45 (Europe/Berlin)');
    expect(await store.listForWorkspace('discord', '222222222222222222')).toHaveLength(1);
  });

  it('names an unknown zone with a did-you-mean', async () => {
    const reply = await subscribe(MANAGE_CHANNELS, { zone: 'Europe/Berln' });
    expect(reply.data.embeds[0]?.description).toContain('Did you mean "Europe/Berlin"?');
  });
});
