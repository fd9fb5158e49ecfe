import type { Running } from '../../src/app/serve.js';
import { TELEGRAM_MAX_CHARS } from '../../src/adapters/telegram/render-html.js';
import { json } from '../fakes/http-recorder.js';
import { commandUpdate, FakeTelegram, TELEGRAM_TOKEN } from '../fakes/fake-telegram.js';
import { until } from '../helpers/until.js';
import { runAdapterContract } from './adapter-contract.js';
import { startAdapter } from './start-adapter.js';

const telegram = new FakeTelegram();
let running: Running;

runAdapterContract('telegram', {
  async start() {
    const started = await startAdapter({ TELEGRAM_BOT_TOKEN: TELEGRAM_TOKEN, TELEGRAM_API_URL: await telegram.start() });
    running = started.running;
    return started.adapter;
  },
  async stop() {
    await running.stop();
    await telegram.stop();
  },
  async ask(text) {
    const before = telegram.sent.length;
    const update = commandUpdate(`/rivalry ${text}`);
    telegram.updates.push(update);
    await until(() => telegram.sent.length > before);
    // Long replies come as several messages: give the rest a moment to arrive.
    await new Promise((r) => setTimeout(r, 150));
    return { text: telegram.sent.slice(before).map((s) => s.text ?? s.method).join('\n'), private: false };
  },
  limitViolations(payload) {
    const chunks = payload as string[];
    return chunks.flatMap((c, i) => [
      ...(c.length > TELEGRAM_MAX_CHARS ? [`message ${i} has ${c.length} characters`] : []),
      ...((c.match(/<pre>/g) ?? []).length !== (c.match(/<\/pre>/g) ?? []).length ? [`message ${i} splits a <pre> block`] : []),
    ]);
  },
  // Telegram notifies people through user links (tg://user, text mentions) and @username; escaping leaves no tag or link.
  couldPing: (payload) => /<a[\s>]/i.test(typeof payload === 'string' ? payload : JSON.stringify(payload)),
  failNextPost(fault) {
    let once = true;
    telegram.overrides = [
      (method, _req, res) => {
        if (method !== 'sendMessage' || !once) return false;
        once = false;
        if (fault === '429') json(res, 429, { ok: false, error_code: 429, description: 'Too Many Requests: retry after 2', parameters: { retry_after: 2 } });
        else if (fault === '5xx') json(res, 502, { ok: false, error_code: 502, description: 'Bad Gateway' });
        else json(res, 403, { ok: false, error_code: 403, description: 'Forbidden: bot was kicked from the supergroup chat' });
        return true;
      },
    ];
  },
  // The Bot API has no idempotency key to carry.
  lastPostCarried: () => false,
});
