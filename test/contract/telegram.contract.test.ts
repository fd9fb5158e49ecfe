import { z } from 'zod';
import type { Running } from '../../src/app/serve.js';
import { createHandlers } from '../../src/app/command-handler.js';
import { CALLBACK_DATA_MAX_BYTES, KEYBOARD_MAX_BUTTONS, KEYBOARD_MAX_PER_ROW } from '../../src/adapters/telegram/inline-keyboard.js';
import { TELEGRAM_MAX_CHARS } from '../../src/adapters/telegram/render-html.js';
import { json } from '../fakes/http-recorder.js';
import { buttonsOf, callbackUpdate, commandUpdate, FakeTelegram, queryIdOf, TELEGRAM_CHAT, TELEGRAM_TOKEN } from '../fakes/fake-telegram.js';
import { bundledContext } from '../helpers/bundled.js';
import { memoryLogger } from '../helpers/silent-logger.js';
import { until } from '../helpers/until.js';
import { runAdapterContract } from './adapter-contract.js';
import { startAdapter } from './start-adapter.js';

const telegram = new FakeTelegram();
let running: Running;

/** What the adapter's render() returns: messages of HTML, the last one with an inline keyboard. */
const renderedSchema = z.array(
  z.object({
    html: z.string(),
    replyMarkup: z.object({ inline_keyboard: z.array(z.array(z.object({ text: z.string(), callback_data: z.string() }))) }).optional(),
  }),
);

const utf8 = new TextEncoder();

/** The payload the core gives action `actionId` of the reply to `text` (a menu: its first choice), as the adapter received it. */
async function payloadOf(text: string, actionId: string): Promise<string> {
  const { handle } = createHandlers(bundledContext(), memoryLogger().logger);
  const reply = await handle({ kind: 'text', text, origin: { platform: 'telegram', workspaceId: String(TELEGRAM_CHAT), channelId: String(TELEGRAM_CHAT), requestId: 'contract' } });
  const action = reply.actions?.find((a) => a.id === actionId);
  const payload = action?.type === 'select' ? action.choices[0]?.payload : action?.payload;
  if (payload === undefined) throw new Error(`the reply to "${text}" has no action ${actionId} with a payload`);
  return payload;
}

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
  async click(text, actionId) {
    const payload = await payloadOf(text, actionId);
    const before = telegram.sent.length;
    telegram.updates.push(commandUpdate(`/rivalry ${text}`));
    await until(() => telegram.sent.slice(before).some((s) => buttonsOf(s).some((b) => b.callback_data === payload)));
    const original = telegram.sent.slice(before).find((s) => buttonsOf(s).some((b) => b.callback_data === payload));
    if (original === undefined) throw new Error('no message carries the button');
    const [sentBefore, editsBefore] = [telegram.sent.length, telegram.edits.length];
    const click = callbackUpdate(original, payload);
    telegram.updates.push(click);
    // The click is answered once its result is in place.
    await until(() => telegram.answersTo(queryIdOf(click)).length > 0);
    await new Promise((r) => setTimeout(r, 150));
    const edit = telegram.edits.slice(editsBefore).find((e) => e.messageId === original.messageId);
    if (edit !== undefined) return { text: edit.text, private: false, updated: true };
    const alert = telegram.answersTo(queryIdOf(click)).find((a) => a.showAlert);
    if (alert?.text !== undefined) return { text: alert.text, private: true, updated: false };
    return { text: telegram.sent.slice(sentBefore).map((s) => s.text ?? s.method).join('\n'), private: false, updated: false };
  },
  // Long polling: clicks arrive through getUpdates, an HTTPS call authenticated by the bot token; there is no endpoint to forge.
  forgedClick: async () => undefined,
  limitViolations(payload) {
    const parts = renderedSchema.parse(payload);
    return parts.flatMap(({ html, replyMarkup }, i) => {
      const rows = replyMarkup?.inline_keyboard ?? [];
      const buttons = rows.flat();
      return [
        ...(html.length > TELEGRAM_MAX_CHARS ? [`message ${i} has ${html.length} characters`] : []),
        ...((html.match(/<pre>/g) ?? []).length !== (html.match(/<\/pre>/g) ?? []).length ? [`message ${i} splits a <pre> block`] : []),
        ...(replyMarkup !== undefined && i !== parts.length - 1 ? [`message ${i} carries a keyboard but is not the last`] : []),
        ...(buttons.length > KEYBOARD_MAX_BUTTONS ? [`message ${i} has ${buttons.length} buttons`] : []),
        ...rows.flatMap((row, r) => (row.length > KEYBOARD_MAX_PER_ROW || row.length === 0 ? [`message ${i} row ${r} has ${row.length} buttons`] : [])),
        ...buttons.flatMap((b) => {
          const bytes = utf8.encode(b.callback_data).length;
          return [...(bytes < 1 || bytes > CALLBACK_DATA_MAX_BYTES ? [`callback_data of "${b.text}" has ${bytes} bytes`] : []), ...(b.text.trim() === '' ? ['a button without text'] : [])];
        }),
      ];
    });
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
