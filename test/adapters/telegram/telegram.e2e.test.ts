import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../src/app/command-handler.js';
import { loadConfig } from '../../../src/app/config.js';
import { startPlatforms, type Running } from '../../../src/app/serve.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { bundledContext } from '../../helpers/bundled.js';
import { memoryLogger } from '../../helpers/silent-logger.js';
import { slowTracking } from '../../helpers/slow-tracking.js';
import { until } from '../../helpers/until.js';
import { registry } from '../../../src/app/metrics/metrics.js';
import { commandUpdate, FakeTelegram, TELEGRAM_TOKEN } from '../../fakes/fake-telegram.js';

const SECRET = 'webhook-secret_123';

/** rivalry_replies_deferred_total{platform="telegram"} as /metrics reports it. */
async function deferred(): Promise<number> {
  const metric = await registry.getSingleMetric('rivalry_replies_deferred_total')?.get();
  return metric?.values.find((v) => v.labels['platform'] === 'telegram')?.value ?? 0;
}

describe('Telegram, long polling', () => {
  const telegram = new FakeTelegram();
  const store = new SqliteStore(':memory:');
  let running: Running;
  beforeAll(async () => {
    const base = await telegram.start();
    const log = memoryLogger().logger;
    running = await startPlatforms(loadConfig({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_API_URL: base, PORT: '0', HOST: '127.0.0.1' }), createHandlers({ ...bundledContext(), subscriptions: store }, log), log);
  });
  afterAll(async () => {
    await running.stop();
    await telegram.stop();
  });

  it('registers /rivalry and one command per core command', () => {
    const commands = telegram.to(`/bot${TELEGRAM_TOKEN}/setMyCommands`)[0]?.body['commands'] as Array<{ command: string }>;
    expect(commands.map((c) => c.command)).toEqual(expect.arrayContaining(['rivalry', 'compare', 'history', 'chart', 'subscribe', 'help']));
  });

  it('answers /compare and /rivalry compare with escaped HTML carrying the figures', async () => {
    telegram.updates.push(commandUpdate('/compare amazon-vs-walmart'), commandUpdate('/rivalry compare <b>x'));
    await until(() => telegram.sent.filter((s) => s.method === 'sendMessage').length >= 2);
    const [first, second] = telegram.sent;
    expect(first?.body['parse_mode']).toBe('HTML');
    expect(first?.text).toContain('<b>Amazon vs Walmart: annual revenue</b>');
    expect(first?.text).toContain('$716.9B in FY2025 (Jan–Dec 2025) vs $713.2B in FY2026 (Feb 2025–Jan 2026)');
    expect(first?.text).toContain('<pre>');
    expect(second?.text).toContain('&lt;b&gt;x');
    expect(second?.text).not.toContain('<b>x');
  });

  it('sends the chart as a photo with its description as caption', async () => {
    telegram.updates.push(commandUpdate('/chart'));
    await until(() => telegram.sent.some((s) => s.method === 'sendPhoto'));
    const photo = telegram.to(`/bot${TELEGRAM_TOKEN}/sendPhoto`)[0];
    expect(photo?.headers['content-type']).toMatch(/^multipart\/form-data/);
    expect(photo?.raw).toContain('Amazon leads Walmart on annual revenue by $3.76B');
    expect(photo?.raw).toContain('PNG');
  });

  it('lets only chat administrators subscribe a group', async () => {
    telegram.admins.add(7);
    telegram.updates.push(commandUpdate('/subscribe daily', { userId: 8 }), commandUpdate('/subscribe daily', { userId: 7 }));
    await until(() => telegram.sent.filter((s) => /Not allowed|Subscribed/.test(s.text ?? '')).length >= 2);
    const texts = telegram.sent.map((s) => s.text ?? '');
    expect(texts.some((t) => t.includes('Not allowed'))).toBe(true);
    expect(texts.some((t) => t.includes('Subscribed: Amazon vs Walmart'))).toBe(true);
    expect(await store.listForWorkspace('telegram', '-1001234567890')).toHaveLength(1);
  });
});

describe('Telegram, webhook', () => {
  const telegram = new FakeTelegram();
  let running: Running;
  let url: string;
  beforeAll(async () => {
    const base = await telegram.start();
    const log = memoryLogger().logger;
    // Tracking that takes 2.5 s: longer than the adapter waits before acknowledging.
    running = await startPlatforms(
      loadConfig({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_API_URL: base, TELEGRAM_WEBHOOK_SECRET: SECRET, PORT: '0', HOST: '127.0.0.1' }),
      createHandlers({ ...bundledContext(), tracking: slowTracking(2500) }, log),
      log,
    );
    url = `http://127.0.0.1:${running.port}/telegram/webhook`;
  });
  afterAll(async () => {
    await running.stop();
    await telegram.stop();
  });

  const deliver = (update: unknown, secret?: string) =>
    fetch(url, { method: 'POST', body: JSON.stringify(update), headers: { 'content-type': 'application/json', ...(secret === undefined ? {} : { 'x-telegram-bot-api-secret-token': secret }) } });

  it('answers /compare delivered by webhook with the right secret', async () => {
    const res = await deliver(commandUpdate('/compare'), SECRET);
    expect(res.status).toBe(200);
    await until(() => telegram.sent.length >= 1);
    expect(telegram.sent[0]?.text).toContain('$716.9B');
    expect(telegram.to(`/bot${TELEGRAM_TOKEN}/getUpdates`)).toEqual([]);
  });

  it('acknowledges a slow command at once, answers the webhook, and follows up with the result', async () => {
    telegram.admins.add(7);
    const before = telegram.sent.length;
    const deferredBefore = await deferred();
    const started = Date.now();
    const res = await deliver(commandUpdate('/track AMZN vs WMT', { userId: 7 }), SECRET);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2500); // the webhook is answered before the work is done
    expect(telegram.sent.slice(before).map((s) => s.text)).toEqual(['⏳ Working on it…']);
    await until(() => telegram.sent.length >= before + 2);
    expect(telegram.sent.at(-1)?.text).toContain('AMZN vs WMT ships with the bot as "amazon-vs-walmart"');
    expect(telegram.sent.at(-1)?.text).toContain('$716.9B');
    // Counted for the operator's /metrics.
    expect(await deferred()).toBe(deferredBefore + 1);
  });

  it.each([['a wrong secret', 'nope'], ['no secret', undefined]])('refuses %s with 401 and runs nothing', async (_name, secret) => {
    const before = telegram.sent.length;
    const res = await deliver(commandUpdate('/compare'), secret);
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(telegram.sent.length).toBe(before);
  });
});
