import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../../src/adapters/slack/create-slack-adapter.js';
import { postMessage } from '../../../src/adapters/slack/post-message.js';
import { createMessage } from '../../../src/core/message/message.js';
import { json } from '../../fakes/http-recorder.js';
import { BOT_TOKEN, FakeSlack, SIGNING_SECRET } from '../../fakes/fake-slack.js';
import { memoryLogger } from '../../helpers/silent-logger.js';

describe('posting to a channel through the Web API', () => {
  const slack = new FakeSlack();
  let adapter: SlackAdapter;
  const message = createMessage({ title: 'Digest', summary: 'Amazon leads', fallbackText: 'Amazon leads' });

  beforeAll(async () => {
    const base = await slack.start();
    adapter = await createSlackAdapter({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: `${base}/api/`, handle: async () => message, logger: memoryLogger().logger });
  });
  afterAll(() => slack.stop());

  it('posts text and blocks', async () => {
    const result = await postMessage(adapter.app, 'C0001', message);
    expect(result.ok).toBe(true);
    const sent = slack.to('/api/chat.postMessage').at(-1);
    expect(sent?.body['channel']).toBe('C0001');
    expect(sent?.body['text']).toBe('Amazon leads');
    expect(String(sent?.body['blocks'])).toContain('"type":"header"');
  });

  it('waits for Retry-After on 429 and then succeeds', async () => {
    let limited = 1;
    slack.overrides = [(req, res) => (req.path === '/api/chat.postMessage' && limited-- > 0 ? (json(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' }), true) : false)];
    const before = slack.to('/api/chat.postMessage').length;
    const started = Date.now();
    const result = await postMessage(adapter.app, 'C0001', message);
    expect(result.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(slack.to('/api/chat.postMessage').length - before).toBe(2);
    slack.overrides = [];
  });

  it.each([
    ['channel_not_found', 'the channel does not exist'],
    ['not_in_channel', 'invite it with /invite'],
    ['invalid_auth', 'the bot token is invalid'],
  ])('maps %s to a permanent failure an admin can act on', async (error, words) => {
    slack.overrides = [(req, res) => (req.path === '/api/chat.postMessage' ? (json(res, 200, { ok: false, error }), true) : false)];
    const result = await postMessage(adapter.app, 'C0001', message);
    expect(result).toEqual({ ok: false, retryable: false, reason: expect.stringContaining(words) });
    slack.overrides = [];
  });
});
