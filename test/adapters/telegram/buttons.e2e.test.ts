import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/app/command-handler.js';
import { loadConfig } from '../../../src/app/config.js';
import { startPlatforms, type Running } from '../../../src/app/serve.js';
import type { CommandContext } from '../../../src/core/commands/command.js';
import { encodeCommand } from '../../../src/core/message/action-payload.js';
import { button } from '../../../src/core/message/actions.js';
import { createMessage } from '../../../src/core/message/message.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { buttonsOf, callbackUpdate, commandUpdate, FakeTelegram, keyboardOf, queryIdOf, TELEGRAM_CHAT, TELEGRAM_TOKEN, type SentMessage } from '../../fakes/fake-telegram.js';
import { bundledContext, contextFor } from '../../helpers/bundled.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { slowTracking } from '../../helpers/slow-tracking.js';
import { until } from '../../helpers/until.js';

const SECRET = 'webhook-secret_123';
const ADMIN = 7;
const MEMBER = 8;
const utf8 = new TextEncoder();

/** Sends a command and resolves to the reply's message that carries the keyboard (else its last). */
async function ask(telegram: FakeTelegram, deliver: (update: unknown) => Promise<unknown>, text: string, options: { userId?: number; chatId?: number; chatType?: string } = {}): Promise<SentMessage> {
  const before = telegram.sent.length;
  await deliver(commandUpdate(text, options));
  await until(() => telegram.sent.length > before);
  await new Promise((r) => setTimeout(r, 100));
  const reply = telegram.sent.slice(before);
  const withKeyboard = reply.find((s) => buttonsOf(s).length > 0) ?? reply.at(-1);
  if (withKeyboard === undefined) throw new Error(`no reply to ${text}`);
  return withKeyboard;
}

function buttonLabelled(message: SentMessage, label: string): string {
  const found = buttonsOf(message).find((b) => b.text === label);
  if (found === undefined) throw new Error(`no "${label}" button on ${message.text ?? message.method}`);
  return found.callback_data;
}

describe('Telegram buttons, long polling', () => {
  const telegram = new FakeTelegram();
  const store = new SqliteStore(':memory:');
  const shipped: CommandContext = { ...bundledContext(), subscriptions: store };
  let context = shipped;
  let running: Running;
  const clicks: string[] = [];
  const deliver = async (update: unknown) => void telegram.updates.push(update);

  /** Clicks `data` on `on` and waits for the answer to the callback (which comes once the result is in place). */
  async function click(on: SentMessage, data: string, options: { userId?: number } = {}): Promise<string> {
    const update = callbackUpdate(on, data, options);
    clicks.push(queryIdOf(update));
    telegram.updates.push(update);
    await until(() => telegram.answersTo(queryIdOf(update)).length > 0);
    await new Promise((r) => setTimeout(r, 100));
    return queryIdOf(update);
  }

  beforeAll(async () => {
    const base = await telegram.start();
    const log = memoryLogger().logger;
    running = await startPlatforms(loadConfig({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_API_URL: base, PORT: '0', HOST: '127.0.0.1' }), createHandlers(() => context, log, { tokens: store.tokens }), log);
    telegram.admins.add(ADMIN);
  });
  afterAll(async () => {
    await running.stop();
    await telegram.stop();
  });

  it('puts the next steps of a comparison on an inline keyboard, within Telegram\'s limits', async () => {
    const reply = await ask(telegram, deliver, '/compare amazon-vs-walmart');
    const rows = keyboardOf(reply);
    expect(buttonsOf(reply).map((b) => b.text)).toEqual(['Chart', 'History', 'Milestones', 'Quarterly', 'TTM', 'Scoreboard', 'Subscribe this channel']);
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(8);
    for (const b of buttonsOf(reply)) expect(utf8.encode(b.callback_data).length).toBeLessThanOrEqual(64);
    expect(reply.text).toContain('<b>Amazon vs Walmart: annual revenue</b>');
  });

  it('switches to quarterly in place: the click edits the original message, with the new keyboard', async () => {
    const reply = await ask(telegram, deliver, '/compare amazon-vs-walmart');
    const [sent, edits] = [telegram.sent.length, telegram.edits.length];
    const id = await click(reply, buttonLabelled(reply, 'Quarterly'));
    const edit = telegram.edits.slice(edits);
    expect(edit).toHaveLength(1);
    expect(edit[0]?.messageId).toBe(reply.messageId);
    expect(edit[0]?.body['parse_mode']).toBe('HTML');
    expect(edit[0]?.text).toContain('quarterly revenue');
    expect(buttonsOf(edit[0]).map((b) => b.text)).toEqual(expect.arrayContaining(['Annual', 'TTM']));
    expect(buttonsOf(edit[0]).map((b) => b.text)).not.toContain('Quarterly');
    expect(telegram.sent.length).toBe(sent);
    expect(telegram.answersTo(id)).toEqual([{ queryId: id, showAlert: false }]);
  });

  it('the same switch clicked twice leaves the message as it is and still answers', async () => {
    const reply = await ask(telegram, deliver, '/compare amazon-vs-walmart');
    const quarterly = buttonLabelled(reply, 'Quarterly');
    await click(reply, quarterly);
    const [sent, edits] = [telegram.sent.length, telegram.edits.length];
    // The message now shows the quarterly comparison: Telegram refuses an edit that changes nothing.
    const id = await click(reply, quarterly);
    expect(telegram.edits.length).toBe(edits);
    expect(telegram.sent.length).toBe(sent);
    expect(telegram.answersTo(id)).toHaveLength(1);
  });

  it('opens the scoreboard as a new message replying to the original', async () => {
    const reply = await ask(telegram, deliver, '/compare amazon-vs-walmart');
    const [sent, edits] = [telegram.sent.length, telegram.edits.length];
    const id = await click(reply, buttonLabelled(reply, 'Scoreboard'));
    const added = telegram.sent.slice(sent);
    expect(added).toHaveLength(1);
    expect(added[0]?.text).toContain('Scoreboard');
    expect(added[0]?.text).toContain('Operating margin');
    expect(added[0]?.body['reply_parameters']).toMatchObject({ message_id: reply.messageId });
    expect(telegram.edits.length).toBe(edits);
    expect(telegram.answersTo(id)).toHaveLength(1);
  });

  it.each([
    ['garbage', 'hello there'],
    ['an unknown token', 'nt|AAAAAAAAAAAAAAAA'],
    ['an unknown command', 'nc|launch-missiles'],
  ])('answers a click with %s data by an alert and runs nothing', async (_name, data) => {
    const reply = await ask(telegram, deliver, '/compare amazon-vs-walmart');
    const [sent, edits] = [telegram.sent.length, telegram.edits.length];
    const id = await click(reply, data);
    expect(telegram.answersTo(id)).toEqual([{ queryId: id, text: expect.stringMatching(/no longer works|Unknown command/i), showAlert: true }]);
    expect(telegram.sent.length).toBe(sent);
    expect(telegram.edits.length).toBe(edits);
  });

  it('answers a click on a rivalry that no longer exists by an alert, leaving the message as it was', async () => {
    const reply = await ask(telegram, deliver, '/compare amazon-vs-walmart');
    const quarterly = buttonLabelled(reply, 'Quarterly');
    context = { ...contextFor([]), subscriptions: store }; // the rivalry was removed since the reply
    try {
      const [sent, edits] = [telegram.sent.length, telegram.edits.length];
      const id = await click(reply, quarterly);
      const answers = telegram.answersTo(id);
      expect(answers).toHaveLength(1);
      expect(answers[0]?.showAlert).toBe(true);
      expect(answers[0]?.text?.length).toBeLessThanOrEqual(200);
      expect(answers[0]?.text).toMatch(/amazon-vs-walmart|rivalr/i);
      expect(telegram.sent.length).toBe(sent);
      expect(telegram.edits.length).toBe(edits);
    } finally {
      context = shipped;
    }
  });

  it('refuses an Unsubscribe click by a member who is not an admin, privately, and changes nothing; an admin\'s click works', async () => {
    await ask(telegram, deliver, '/subscribe amazon-vs-walmart daily', { userId: ADMIN });
    expect(await store.listForWorkspace('telegram', String(TELEGRAM_CHAT))).toHaveLength(1);
    const list = await ask(telegram, deliver, '/subscriptions', { userId: MEMBER });
    const unsubscribe = buttonsOf(list).find((b) => b.text.startsWith('Unsubscribe'));
    expect(unsubscribe?.style).toBe('danger');
    const data = unsubscribe?.callback_data ?? '';

    const sent = telegram.sent.length;
    const refused = await click(list, data, { userId: MEMBER });
    expect(telegram.answersTo(refused)).toEqual([{ queryId: refused, text: expect.stringContaining('Not allowed'), showAlert: true }]);
    expect(telegram.answersTo(refused)[0]?.text?.length).toBeLessThanOrEqual(200);
    expect(telegram.sent.length).toBe(sent);
    expect(await store.listForWorkspace('telegram', String(TELEGRAM_CHAT))).toHaveLength(1);

    const done = await click(list, data, { userId: ADMIN });
    expect(telegram.answersTo(done)).toHaveLength(1);
    expect(telegram.sent.at(-1)?.text).toContain('Unsubscribed');
    expect(await store.listForWorkspace('telegram', String(TELEGRAM_CHAT))).toHaveLength(0);
  });

  it('answers the subscribe-form button with the command to type (Telegram has no forms)', async () => {
    const reply = await ask(telegram, deliver, '/compare amazon-vs-walmart');
    const sent = telegram.sent.length;
    const id = await click(reply, buttonLabelled(reply, 'Subscribe this channel'), { userId: ADMIN });
    expect(telegram.answersTo(id)).toEqual([{ queryId: id, text: expect.stringContaining('/rivalry subscribe amazon-vs-walmart weekly'), showAlert: true }]);
    expect(telegram.sent.length).toBe(sent);
  });

  it('in a private chat, says the command to type as a message (only the clicker sees it)', async () => {
    const chat = { chatId: 4242, chatType: 'private' };
    const reply = await ask(telegram, deliver, '/compare amazon-vs-walmart', chat);
    const sent = telegram.sent.length;
    const id = await click(reply, buttonLabelled(reply, 'Subscribe this channel'));
    expect(telegram.answersTo(id)).toEqual([{ queryId: id, showAlert: false }]);
    expect(telegram.sent.slice(sent).map((s) => [s.chatId, s.text])).toEqual([['4242', expect.stringContaining('/rivalry subscribe amazon-vs-walmart')]]);
  });

  it('posts digests and alerts with their buttons', async () => {
    const poster = running.adapters[0]?.poster;
    const digest = createMessage({ title: 'Weekly digest', fallbackText: 'digest', actions: [{ ...button('compare', 'Compare now', { command: 'compare', options: { rivalry: 'amazon-vs-walmart' } }, 'new', 'primary'), payload: 'nc|compare|r=amazon-vs-walmart' }] });
    expect(await poster?.post(String(TELEGRAM_CHAT), digest, { idempotencyKey: 'digest:1', uncertain: false, queuedAt: Date.now() })).toEqual({ kind: 'ok' });
    const posted = telegram.sent.at(-1);
    expect(buttonsOf(posted)).toEqual([{ text: 'Compare now', callback_data: 'nc|compare|r=amazon-vs-walmart', style: 'primary' }]);
    if (posted === undefined) throw new Error('nothing posted');
    const sent = telegram.sent.length;
    const id = await click(posted, 'nc|compare|r=amazon-vs-walmart');
    expect(telegram.answersTo(id)).toHaveLength(1);
    expect(telegram.sent.slice(sent)[0]?.text).toContain('Amazon vs Walmart: annual revenue');
  });

  it('answered every callback exactly once', () => {
    expect(clicks.length).toBeGreaterThanOrEqual(10);
    for (const id of clicks) expect(telegram.answersTo(id)).toHaveLength(1);
  });
});

describe('Telegram buttons, webhook', () => {
  const telegram = new FakeTelegram();
  let running: Running;
  let url: string;
  const post = (update: unknown, secret?: string) =>
    fetch(url, { method: 'POST', body: JSON.stringify(update), headers: { 'content-type': 'application/json', ...(secret === undefined ? {} : { 'x-telegram-bot-api-secret-token': secret }) } });
  const deliver = async (update: unknown) => expect((await post(update, SECRET)).status).toBe(200);

  beforeAll(async () => {
    const base = await telegram.start();
    const log = memoryLogger().logger;
    // Tracking that takes 2.5 s: longer than the adapter waits before answering a click.
    running = await startPlatforms(
      loadConfig({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_API_URL: base, TELEGRAM_WEBHOOK_SECRET: SECRET, PORT: '0', HOST: '127.0.0.1' }),
      createHandlers({ ...bundledContext(), tracking: slowTracking(2500) }, log),
      log,
    );
    url = `http://127.0.0.1:${running.port}/telegram/webhook`;
    telegram.admins.add(ADMIN);
  });
  afterAll(async () => {
    await running.stop();
    await telegram.stop();
  });

  it('edits the original message for a click delivered with the right secret, and answers it once', async () => {
    const reply = await ask(telegram, deliver, '/compare amazon-vs-walmart');
    const update = callbackUpdate(reply, buttonLabelled(reply, 'Quarterly'));
    await deliver(update);
    await until(() => telegram.answersTo(queryIdOf(update)).length > 0);
    expect(telegram.edits.at(-1)?.messageId).toBe(reply.messageId);
    expect(telegram.edits.at(-1)?.text).toContain('quarterly revenue');
    expect(telegram.answersTo(queryIdOf(update))).toHaveLength(1);
  });

  it.each([['a wrong secret', 'nope'], ['no secret', undefined]])('refuses a click with %s with 401, before answering or running anything', async (_name, secret) => {
    const reply = await ask(telegram, deliver, '/compare amazon-vs-walmart');
    const [sent, edits, answers] = [telegram.sent.length, telegram.edits.length, telegram.answers.length];
    const res = await post(callbackUpdate(reply, buttonLabelled(reply, 'Quarterly')), secret);
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 150));
    expect([telegram.sent.length, telegram.edits.length, telegram.answers.length]).toEqual([sent, edits, answers]);
  });

  it('answers a slow click at once, answers the webhook, and follows up with the result', async () => {
    const reply = await ask(telegram, deliver, '/compare amazon-vs-walmart');
    const sent = telegram.sent.length;
    const update = callbackUpdate(reply, encodeCommand({ command: 'track', options: { companies: 'AMZN vs WMT' } }, 'new'), { userId: ADMIN });
    const started = Date.now();
    await deliver(update);
    expect(Date.now() - started).toBeLessThan(2500); // the webhook is answered before the work is done
    expect(telegram.answersTo(queryIdOf(update))).toEqual([{ queryId: queryIdOf(update), text: '⏳ Working on it…', showAlert: false }]);
    await until(() => telegram.sent.length > sent);
    expect(telegram.sent.at(-1)?.text).toContain('ships with the bot as "amazon-vs-walmart"');
    expect(telegram.sent.at(-1)?.body['reply_parameters']).toMatchObject({ message_id: reply.messageId });
    expect(telegram.answersTo(queryIdOf(update))).toHaveLength(1);
  });
});
