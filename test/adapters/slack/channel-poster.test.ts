import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackPoster } from '../../../src/adapters/slack/channel-poster.js';
import type { ChannelPoster } from '../../../src/core/delivery/channel-poster.js';
import { button } from '../../../src/core/message/actions.js';
import { createMessage } from '../../../src/core/message/message.js';
import { json } from '../../fakes/http-recorder.js';
import { BOT_TOKEN, FakeSlack } from '../../fakes/fake-slack.js';

const options = (key: string, uncertain = false) => ({ idempotencyKey: key, uncertain, queuedAt: Date.now() - 1000 });

describe('Slack channel poster', () => {
  const slack = new FakeSlack();
  let poster: ChannelPoster;
  const message = createMessage({ title: 'Digest', summary: 'Amazon leads', fallbackText: 'Amazon leads' });

  beforeAll(async () => {
    poster = createSlackPoster({ token: BOT_TOKEN, apiUrl: `${await slack.start()}/api/` });
  });
  afterAll(() => slack.stop());

  it('posts text and blocks, carrying the idempotency key in message metadata', async () => {
    expect(await poster.post('C0001', message, options('digest:1:slot'))).toEqual({ kind: 'ok' });
    expect(slack.posted.at(-1)).toMatchObject({ channel: 'C0001', text: 'Amazon leads', key: 'digest:1:slot' });
  });

  it('posts a digest\'s buttons with it, so clicks on channel posts come back like clicks on replies', async () => {
    const digest = createMessage({ title: 'Digest', fallbackText: 'Digest', actions: [{ ...button('compare', 'Compare now', { command: 'compare', options: {} }, 'new', 'primary'), payload: 'nc|compare|r=amazon-vs-walmart' }] });
    expect(await poster.post('C0001', digest, options('digest:buttons'))).toEqual({ kind: 'ok' });
    const blocks = JSON.parse(String(slack.to('/api/chat.postMessage').at(-1)?.body['blocks'])) as Array<{ type: string; elements?: unknown[] }>;
    expect(blocks.find((b) => b.type === 'actions')?.elements).toEqual([{ type: 'button', action_id: 'rivalry:compare', text: { type: 'plain_text', text: 'Compare now', emoji: true }, value: 'nc|compare|r=amazon-vs-walmart', style: 'primary' }]);
  });

  it('after a crash mid-send, finds the post in the channel history instead of posting twice', async () => {
    const before = slack.posted.length;
    expect(await poster.post('C0001', message, options('digest:1:slot', true))).toEqual({ kind: 'ok' });
    expect(slack.posted.length).toBe(before);
    expect(slack.to('/api/conversations.history').at(-1)?.body['include_all_metadata']).toBe('true');
    // Not in the history: it never got through, so it is posted now.
    expect(await poster.post('C0001', message, options('digest:2:slot', true))).toEqual({ kind: 'ok' });
    expect(slack.posted.length).toBe(before + 1);
  });

  it('hands a 429 back with its Retry-After', async () => {
    slack.overrides = [(req, res) => (req.path === '/api/chat.postMessage' ? (json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '3' }), true) : false)];
    expect(await poster.post('C0001', message, options('k'))).toEqual({ kind: 'retry-after', ms: 3000, scope: 'channel', reason: 'ratelimited' });
    slack.overrides = [];
  });

  it.each([
    ['channel_not_found', 'rejected'],
    ['not_in_channel', 'rejected'],
    ['is_archived', 'rejected'],
    ['restricted_action', 'rejected'],
    // The token, not the channel: retried (then dead-lettered for outbox retry), never stopping the subscription.
    ['account_inactive', 'transient'],
    ['invalid_auth', 'transient'],
    ['token_revoked', 'transient'],
    ['internal_error', 'transient'],
  ])('maps %s to %s', async (error, kind) => {
    slack.overrides = [(req, res) => (req.path === '/api/chat.postMessage' ? (json(res, 200, { ok: false, error }), true) : false)];
    expect((await poster.post('C0001', message, options(`k-${error}`))).kind).toBe(kind);
    slack.overrides = [];
  });

  it('treats a 500 as transient', async () => {
    slack.overrides = [(req, res) => (req.path === '/api/chat.postMessage' ? (json(res, 500, { ok: false }), true) : false)];
    expect((await poster.post('C0001', message, options('k-500'))).kind).toBe('transient');
    slack.overrides = [];
  });
});
