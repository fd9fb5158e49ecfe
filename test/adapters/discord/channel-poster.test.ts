import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordPoster, nonceFor } from '../../../src/adapters/discord/channel-poster.js';
import type { ChannelPoster } from '../../../src/core/delivery/channel-poster.js';
import { createMessage } from '../../../src/core/message/message.js';
import { renderChart } from '../../../src/app/chart-renderer.js';
import { digestMessage } from '../../../src/core/subscriptions/digest-message.js';
import { bundledRivalry } from '../../helpers/bundled.js';
import { json } from '../../fakes/http-recorder.js';
import { prepareActions } from '../../../src/app/actions/action-payloads.js';
import { BOT_TOKEN, FakeDiscord, componentsOf } from '../../fakes/fake-discord.js';

const CHANNEL = '333333333333333333';
const options = (key: string) => ({ idempotencyKey: key, uncertain: false, queuedAt: Date.now() });

describe('Discord channel poster', () => {
  const discord = new FakeDiscord();
  let poster: ChannelPoster;
  const message = createMessage({ title: 'Weekly digest', summary: 'Amazon leads', visibility: 'private', fallbackText: 'Amazon leads' });

  beforeAll(async () => {
    discord.baseApi = `${await discord.start()}/api`;
    poster = createDiscordPoster({ token: BOT_TOKEN, apiUrl: discord.baseApi });
  });
  afterAll(() => discord.stop());

  it('posts the embed with mentions off, no ephemeral flag, and the key as an enforced nonce', async () => {
    expect(await poster.post(CHANNEL, message, options('digest:1:2026-11-30T08:00:00.000Z'))).toEqual({ kind: 'ok' });
    const sent = discord.requests.at(-1);
    expect(sent?.body['allowed_mentions']).toEqual({ parse: [] });
    expect(sent?.body['flags']).toBeUndefined();
    expect(sent?.body['nonce']).toBe(nonceFor('digest:1:2026-11-30T08:00:00.000Z'));
    expect(String(sent?.body['nonce']).length).toBeLessThanOrEqual(25);
    expect(sent?.body['enforce_nonce']).toBe(true);
  });

  it('a digest with its chart goes as multipart, the PNG attached and shown in the embed', async () => {
    const withChart = createDiscordPoster({ token: BOT_TOKEN, apiUrl: discord.baseApi, renderChart });
    const digest = digestMessage(bundledRivalry(), 'Weekly digest', { withChart: true });
    expect(await withChart.post(CHANNEL, digest, options('digest:chart'))).toEqual({ kind: 'ok' });
    const sent = discord.requests.at(-1);
    expect(sent?.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(sent?.raw).toContain('attachment://chart.png');
    expect(sent?.raw).toContain('filename="chart.png"');
    expect(sent?.raw).toContain(nonceFor('digest:chart'));
  });

  it('a digest carries its buttons as components, in the multipart payload with its chart', async () => {
    const withChart = createDiscordPoster({ token: BOT_TOKEN, apiUrl: discord.baseApi, renderChart });
    const digest = await prepareActions(digestMessage(bundledRivalry(), 'Weekly digest', { withChart: true }), undefined);
    expect(await withChart.post(CHANNEL, digest, options('digest:buttons'))).toEqual({ kind: 'ok' });
    const sent = discord.messages.at(-1);
    expect(componentsOf(sent?.body ?? {}).map((c) => [c.label, c.custom_id])).toEqual([
      ['Compare now', 'nc|compare|r=amazon-vs-walmart'],
      ['Scoreboard', 'nc|scoreboard|r=amazon-vs-walmart'],
    ]);
  });

  it('a re-send with the same key does not create a second message', async () => {
    const before = discord.messages.length;
    await poster.post(CHANNEL, message, options('alert:7:abc'));
    await poster.post(CHANNEL, message, { ...options('alert:7:abc'), uncertain: true });
    expect(discord.messages.length - before).toBe(1);
  });

  it('hands a 429 back as retry-after instead of sleeping on it', async () => {
    discord.overrides = [(req, res) => (req.path.includes('/channels/') ? (json(res, 429, { message: 'You are being rate limited.', retry_after: 1.5, global: false }, { 'retry-after': '2', 'x-ratelimit-scope': 'user' }), true) : false)];
    const outcome = await poster.post(CHANNEL, message, options('k-429'));
    expect(outcome).toMatchObject({ kind: 'retry-after', scope: 'channel' });
    expect(outcome.kind === 'retry-after' && outcome.ms).toBeGreaterThanOrEqual(1000);
    discord.overrides = [];
  });

  it.each([
    [403, 50013, 'rejected', 'give it Send Messages and Embed Links'],
    [404, 10003, 'rejected', 'the channel does not exist'],
    [500, 0, 'transient', '500'],
  ])('maps %i/%i to %s', async (status, code, kind, words) => {
    discord.overrides = [(req, res) => (req.path.includes('/channels/') ? (json(res, status, { message: 'nope', code }), true) : false)];
    expect(await poster.post(CHANNEL, message, options(`k-${status}`))).toEqual({ kind, reason: expect.stringContaining(words) });
    discord.overrides = [];
  });
});
