import { REST } from '@discordjs/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postMessage } from '../../../src/adapters/discord/post-message.js';
import { createMessage } from '../../../src/core/message/message.js';
import { json } from '../../fakes/http-recorder.js';
import { BOT_TOKEN, FakeDiscord } from '../../fakes/fake-discord.js';

describe('posting to a Discord channel', () => {
  const discord = new FakeDiscord();
  let rest: REST;
  const message = createMessage({ title: 'Weekly digest', summary: 'Amazon leads', visibility: 'private', fallbackText: 'Amazon leads' });

  beforeAll(async () => {
    rest = new REST({ api: `${await discord.start()}/api`, retries: 2 }).setToken(BOT_TOKEN);
  });
  afterAll(() => discord.stop());

  it('posts the embed with mentions disabled (and no ephemeral flag, which channels do not have)', async () => {
    expect(await postMessage(rest, '333333333333333333', message)).toEqual({ ok: true, id: '3' });
    const sent = discord.requests.at(-1);
    expect(sent?.body['allowed_mentions']).toEqual({ parse: [] });
    expect(sent?.body['flags']).toBeUndefined();
  });

  it('waits out a 429 and then succeeds', async () => {
    let limited = 1;
    discord.overrides = [(req, res) => (req.method === 'POST' && req.path.includes('/channels/') && limited-- > 0 ? (json(res, 429, { message: 'You are being rate limited.', retry_after: 0.3, global: false }, { 'retry-after': '1', 'x-ratelimit-scope': 'user' }), true) : false)];
    const before = discord.to('/api/v10/channels/').length;
    const started = Date.now();
    expect((await postMessage(rest, '333333333333333333', message)).ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(discord.to('/api/v10/channels/').length - before).toBe(2);
    discord.overrides = [];
  });

  it.each([
    [403, 50013, 'give it Send Messages and Embed Links'],
    [404, 10003, 'the channel does not exist'],
  ])('maps %i/%i to a permanent failure with a clear reason', async (status, code, words) => {
    discord.overrides = [(req, res) => (req.path.includes('/channels/') ? (json(res, status, { message: 'Missing Permissions', code }), true) : false)];
    const result = await postMessage(rest, '333333333333333333', message);
    expect(result).toEqual({ ok: false, retryable: false, reason: expect.stringContaining(words) });
    discord.overrides = [];
  });
});
