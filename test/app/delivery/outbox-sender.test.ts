import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordPoster } from '../../../src/adapters/discord/channel-poster.js';
import { createSlackPoster } from '../../../src/adapters/slack/channel-poster.js';
import { OutboxSender } from '../../../src/app/delivery/outbox-sender.js';
import { createMessage } from '../../../src/core/message/message.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { BOT_TOKEN as DISCORD_TOKEN, FakeDiscord } from '../../fakes/fake-discord.js';
import { json, type RecordedRequest } from '../../fakes/http-recorder.js';
import { BOT_TOKEN as SLACK_TOKEN, FakeSlack } from '../../fakes/fake-slack.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { newSubscription } from '../../helpers/subscriptions.js';
import { until } from '../../helpers/until.js';

const message = createMessage({ title: 'Weekly digest', summary: 'Amazon leads', fallbackText: 'Amazon leads' });

/** Lets the fake answer the first `times` matching requests with `fault`, then behave normally. */
function faultyFor(times: number, match: (r: RecordedRequest) => boolean, fault: (r: RecordedRequest, res: ServerResponse, pass: () => void) => void) {
  let left = times;
  return (req: RecordedRequest, res: ServerResponse) => {
    if (!match(req) || left <= 0) return false;
    left -= 1;
    fault(req, res, () => undefined);
    return true;
  };
}


describe('outbox delivery through faulty platforms', () => {
  const slack = new FakeSlack();
  const discord = new FakeDiscord();
  let slackApi: string;
  let discordApi: string;
  beforeAll(async () => {
    slackApi = `${await slack.start()}/api/`;
    discordApi = `${await discord.start()}/api`;
  });
  afterAll(async () => {
    await slack.stop();
    await discord.stop();
  });

  it('delivers every post exactly once despite 429s, 500s, hangs and resets, and stops for good on permanent refusals', async () => {
    const store = new SqliteStore(':memory:');
    const slackChannels = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6'];
    const discordChannels = ['901', '902', '903'];
    const subs = new Map<string, number>();
    for (const c of slackChannels) subs.set(c, (await store.subscribe(newSubscription({ channelId: c }), [])).subscription.id);
    for (const c of discordChannels) subs.set(c, (await store.subscribe(newSubscription({ platform: 'discord', workspaceId: 'G1', channelId: c }), [])).subscription.id);
    for (const [channel, id] of subs) {
      for (const slot of ['s1', 's2']) await store.queueDigest(id, slot, `digest:${channel}:${slot}`, message, Date.now());
    }
    const isPost = (channel: string) => (r: RecordedRequest) => r.path === '/api/chat.postMessage' && r.body['channel'] === channel;
    slack.overrides = [
      // C1: rate limited twice.
      faultyFor(2, isPost('C1'), (_r, res) => json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' })),
      // C2: Slack has a bad moment.
      faultyFor(2, isPost('C2'), (_r, res) => json(res, 500, { ok: false, error: 'internal_error' })),
      // C3: the post lands, but the answer never comes back (hang past the client timeout).
      faultyFor(1, isPost('C3'), (req, res) => {
        slack.posted.push({ channel: 'C3', text: 'Amazon leads', ts: `${Date.now() / 1000}`, key: JSON.parse(String(req.body['metadata'])).event_payload.idempotency_key });
        setTimeout(() => json(res, 200, { ok: true }), 2_000);
      }),
      // C4: the post lands, then the connection is reset.
      faultyFor(1, isPost('C4'), (req, res) => {
        slack.posted.push({ channel: 'C4', text: 'Amazon leads', ts: `${Date.now() / 1000}`, key: JSON.parse(String(req.body['metadata'])).event_payload.idempotency_key });
        res.socket?.destroy();
      }),
      // C5: the bot was removed from the channel.
      faultyFor(99, isPost('C5'), (_r, res) => json(res, 200, { ok: false, error: 'not_in_channel' })),
    ];
    discord.overrides = [
      faultyFor(1, (r) => r.path.includes('/channels/901/'), (_r, res) => json(res, 429, { message: 'slow down', retry_after: 0.5, global: false }, { 'retry-after': '1' })),
      faultyFor(1, (r) => r.path.includes('/channels/902/'), (_r, res) => json(res, 502, { message: 'bad gateway', code: 0 })),
      faultyFor(99, (r) => r.path.includes('/channels/903/'), (_r, res) => json(res, 403, { message: 'Missing Access', code: 50001 })),
    ];

    const sender = new OutboxSender({
      store,
      posters: [createSlackPoster({ token: SLACK_TOKEN, apiUrl: slackApi, timeoutMs: 300 }), { ...createDiscordPoster({ token: DISCORD_TOKEN, apiUrl: discordApi, timeoutMs: 300 }), perChannelIntervalMs: 50 }],
      logger: memoryLogger().logger,
      backoffBaseMs: 50,
      pollMs: 50,
    });
    await sender.start();
    await until(async () => {
      const c = await store.outboxCounts();
      return c.pending === 0 && c.sending === 0;
    });
    await sender.stop();

    // Each delivered key reached its channel exactly once.
    const slackKeys = slack.posted.map((p) => p.key);
    for (const c of ['C1', 'C2', 'C3', 'C4', 'C6']) {
      for (const slot of ['s1', 's2']) expect(slackKeys.filter((k) => k === `digest:${c}:${slot}`)).toHaveLength(1);
    }
    expect(discord.messages.filter((m) => m.channelId === '901')).toHaveLength(2);
    expect(discord.messages.filter((m) => m.channelId === '902')).toHaveLength(2);
    // Permanent refusals: nothing posted, nothing retried past the first refusal, subscription stopped with the reason.
    expect(slack.posted.filter((p) => p.channel === 'C5')).toEqual([]);
    expect(slack.requests.filter(isPost('C5'))).toHaveLength(1);
    const stopped = await store.listForWorkspace('slack', 'T0001');
    expect(stopped.find((s) => s.channelId === 'C5')?.disabledReason).toContain('not_in_channel');
    expect((await store.listForWorkspace('discord', 'G1')).find((s) => s.channelId === '903')?.disabledReason).toContain('cannot see the channel');
    // 9 channels × 2 digests: 7 channels delivered, 2 refused for good.
    expect(await store.outboxCounts()).toEqual({ pending: 0, sending: 0, sent: 14, dead: 0, rejected: 4 });
    // Posts to one Slack channel were at least a second apart.
    const c6 = slack.requests.filter(isPost('C6')).map((r) => r.at);
    expect((c6[1] ?? 0) - (c6[0] ?? 0)).toBeGreaterThanOrEqual(900); // 1 s spacing, less timer and socket jitter
    slack.overrides = [];
    discord.overrides = [];
  });

  it('dead-letters a post for a platform with no poster configured, and keeps running', async () => {
    const store = new SqliteStore(':memory:');
    const { subscription } = await store.subscribe(newSubscription({ platform: 'telegram', workspaceId: '-1', channelId: '-1' }), []);
    await store.queueDigest(subscription.id, 's', 'digest:unposted', message, Date.now());
    const sender = new OutboxSender({ store, posters: [], logger: memoryLogger().logger, pollMs: 20 });
    await sender.start();
    await until(async () => (await store.outboxCounts()).dead === 1);
    await sender.stop();
    expect((await store.outboxItems('dead'))[0]?.lastError).toBe('no telegram adapter is configured');
  });

  it('dead-letters a post that keeps failing, after the attempt cap, and leaves it visible', async () => {
    const store = new SqliteStore(':memory:');
    const { subscription } = await store.subscribe(newSubscription({ channelId: 'CDEAD' }), []);
    await store.queueDigest(subscription.id, 's', 'digest:dead', message, Date.now());
    slack.overrides = [(req, res) => (req.path === '/api/chat.postMessage' && req.body['channel'] === 'CDEAD' ? (json(res, 503, { ok: false }), true) : false)];
    const sender = new OutboxSender({ store, posters: [createSlackPoster({ token: SLACK_TOKEN, apiUrl: slackApi })], logger: memoryLogger().logger, maxAttempts: 3, backoffBaseMs: 20, pollMs: 20 });
    await sender.start();
    await until(async () => (await store.outboxCounts()).dead === 1);
    await sender.stop();
    const [dead] = await store.outboxItems('dead');
    expect(dead?.lastError).toMatch(/^gave up after 3 attempts/);
    expect(slack.requests.filter((r) => r.path === '/api/chat.postMessage' && r.body['channel'] === 'CDEAD')).toHaveLength(3);
    slack.overrides = [];
  });
});
