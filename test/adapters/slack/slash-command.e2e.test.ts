import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/app/command-handler.js';
import { loadConfig } from '../../../src/app/config.js';
import { startPlatforms, type Running } from '../../../src/app/serve.js';
import { bundledContext } from '../../helpers/bundled.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { BOT_TOKEN, FakeSlack, SIGNING_SECRET, signedHeaders, slashCommandBody } from '../../fakes/fake-slack.js';

/** The real Bolt app behind our HTTP server, talking to a fake Slack on loopback. */
describe('Slack /rivalry over HTTP', () => {
  const slack = new FakeSlack();
  const log = memoryLogger();
  let running: Running;
  let base: string;
  let events: string;

  beforeAll(async () => {
    base = await slack.start();
    const config = loadConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${base}/api/`, PORT: '0', HOST: '127.0.0.1' });
    // One extra command that always fails, to see the apology path through the real adapter.
    const context = bundledContext();
    const boom = { ...context.commands[0], name: 'boom', run: () => { throw new Error('database on fire'); } } as (typeof context.commands)[number];
    running = await startPlatforms(config, createHandlers({ ...context, commands: [...context.commands, boom] }, log.logger), log.logger);
    events = `http://127.0.0.1:${running.port}/slack/events`;
  });
  afterAll(async () => {
    await running.stop();
    await slack.stop();
  });

  const post = (body: string, headers: Record<string, string>) => fetch(events, { method: 'POST', body, headers });
  let replyId = 0;
  const responseUrl = () => `${base}/response/${++replyId}`;

  it('checked the bot token with auth.test at start-up', () => {
    expect(slack.to('/api/auth.test').length).toBeGreaterThanOrEqual(1);
    expect(slack.to('/api/auth.test')[0]?.headers['authorization']).toBe(`Bearer ${BOT_TOKEN}`);
  });

  it('acks compare at once with an empty 200, then posts Block Kit in channel to response_url', async () => {
    const url = responseUrl();
    const body = slashCommandBody('compare amazon-vs-walmart', url);
    const reply = slack.next(new URL(url).pathname);
    const started = performance.now();
    const ack = await post(body, signedHeaders(body));
    const ackMs = performance.now() - started;
    expect(ack.status).toBe(200);
    expect(await ack.text()).toBe('');
    expect(ackMs).toBeLessThan(3000);

    const delivered = await reply;
    expect(delivered.body['response_type']).toBe('in_channel');
    expect(delivered.body['text']).toContain('Amazon leads on annual revenue by $3.76B');
    const blocks = delivered.body['blocks'] as Array<{ type: string; text?: { text: string }; elements?: Array<{ text: string }> }>;
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Amazon vs Walmart: annual revenue', emoji: true } });
    const all = JSON.stringify(blocks);
    for (const figure of ['$716.9B', '$713.2B', 'FY2025 (Jan–Dec 2025)', 'FY2026 (Feb 2025–Jan 2026)', '0000104169-26-000055']) expect(all).toContain(figure);
    expect(blocks.at(-1)?.type).toBe('context');
  });

  it('posts a chart into the channel with the files upload v2 flow, alt text and the message as comment', async () => {
    const url = responseUrl();
    const body = slashCommandBody('chart', url);
    const reply = slack.next(new URL(url).pathname);
    const complete = slack.next('/api/files.completeUploadExternal');
    expect((await post(body, signedHeaders(body))).status).toBe(200);
    expect((await reply).body['response_type']).toBe('in_channel');
    const done = await complete;
    const getUrl = slack.to('/api/files.getUploadURLExternal').at(-1);
    expect(getUrl?.body).toMatchObject({ filename: 'chart.png', alt_text: 'Amazon leads Walmart on annual revenue by $3.76B in Amazon FY2025 vs Walmart FY2026, its first lead on record.' });
    expect(Number(getUrl?.body['length'])).toBeGreaterThan(10_000);
    const uploaded = slack.to('/upload/').at(-1);
    expect(uploaded?.raw).toContain('PNG');
    expect(done.body['channel_id']).toBe('C0001');
    expect(String(done.body['initial_comment'])).toContain('Amazon leads Walmart on annual revenue');
  });

  it('keeps help and errors ephemeral, with a did-you-mean', async () => {
    for (const [text, expected] of [['help', 'Commands:'], ['comapre', 'Did you mean \\"compare\\"?']] as const) {
      const url = responseUrl();
      const body = slashCommandBody(text, url);
      const reply = slack.next(new URL(url).pathname);
      expect((await post(body, signedHeaders(body))).status).toBe(200);
      const delivered = await reply;
      expect(delivered.body['response_type']).toBe('ephemeral');
      expect(delivered.raw).toContain(expected);
    }
  });

  it('escapes what users type so it cannot mention the channel', async () => {
    const url = responseUrl();
    const body = slashCommandBody('compare &lt;!channel&gt;', url);
    const reply = slack.next(new URL(url).pathname);
    await post(body, signedHeaders(body));
    const delivered = await reply;
    expect(delivered.raw).not.toContain('<!channel>');
    expect(delivered.raw).toContain('&lt;!channel&gt;');
  });

  it('turns a failure inside a command into an apology with a reference id, and keeps serving', async () => {
    const url = responseUrl();
    const body = slashCommandBody('boom', url);
    const reply = slack.next(new URL(url).pathname);
    expect((await post(body, signedHeaders(body))).status).toBe(200);
    const delivered = await reply;
    expect(delivered.body['response_type']).toBe('ephemeral');
    const ref = /Reference: ([0-9a-f]{8})/.exec(delivered.raw)?.[1];
    expect(ref).toBeDefined();
    expect(delivered.raw).not.toContain('database on fire');
    expect(log.lines().some((l) => l['ref'] === ref && JSON.stringify(l['err']).includes('database on fire'))).toBe(true);

    const next = responseUrl();
    const again = slashCommandBody('compare', next);
    const second = slack.next(new URL(next).pathname);
    await post(again, signedHeaders(again));
    expect((await second).body['response_type']).toBe('in_channel');
  });

  it('answers a payload it cannot read with an ephemeral message in the ack', async () => {
    const body = slashCommandBody('compare', 'not a url');
    const ack = await post(body, signedHeaders(body));
    expect(ack.status).toBe(200);
    expect(await ack.json()).toEqual({ response_type: 'ephemeral', text: 'Sorry, Slack sent this command in a form I could not read. Please try again.' });
  });

  describe('rejects unsigned, forged and stale requests with 401 and runs nothing', () => {
    const cases: Array<[string, (body: string) => Record<string, string>]> = [
      ['a forged signature', (b) => signedHeaders(b, 'not-the-secret-0123456789')],
      ['a timestamp 6 minutes old', (b) => signedHeaders(b, SIGNING_SECRET, Math.floor(Date.now() / 1000) - 360)],
      ['a replay of a once-valid request outside the window', (b) => signedHeaders(b, SIGNING_SECRET, Math.floor(Date.now() / 1000) - 3600)],
      ['missing signature headers', () => ({ 'content-type': 'application/x-www-form-urlencoded' })],
      ['a body altered after signing', (b) => signedHeaders(`${b}x`)],
    ];
    it.each(cases)('%s', async (_name, headersFor) => {
      const url = responseUrl();
      const body = slashCommandBody('compare', url);
      const before = slack.requests.length;
      const res = await post(body, headersFor(body));
      expect(res.status).toBe(401);
      await new Promise((r) => setTimeout(r, 100));
      expect(slack.requests.length).toBe(before);
    });
  });

  it('never logs the token or the signing secret', () => {
    expect(log.text()).not.toContain(BOT_TOKEN);
    expect(log.text()).not.toContain(SIGNING_SECRET);
    expect(log.lines().some((l) => l['msg'] === 'slash command' && typeof l['requestId'] === 'string')).toBe(true);
  });
});
