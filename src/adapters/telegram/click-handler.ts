import { randomUUID } from 'node:crypto';
import type { Api, Context } from 'grammy';
import type { Logger } from 'pino';
import type { ChartRenderer } from '../../core/charts/chart-data.js';
import type { CommandHandler, Origin } from '../../core/inbound.js';
import { actionEffect } from '../../core/message/action-payload.js';
import type { ActionEffect } from '../../core/message/actions.js';
import type { Message } from '../../core/message/message.js';
import { readyWithin } from '../ready-within.js';
import { editable, readClick, type ButtonMessage } from './callback-query.js';
import { canManageChat } from './chat-admin.js';
import { renderTelegramReply } from './render-reply.js';
import { chartPhoto, editPart, sendParts } from './send-reply.js';

/** Telegram shows at most 200 characters in a callback's notification or alert. */
export const CALLBACK_TEXT_MAX = 200;

const NO_LONGER_WORKS = 'That button no longer works. Run the command again, e.g. /rivalry compare.';
const COULD_NOT_POST = 'Sorry, the answer could not be posted here. Try the command instead.';

export interface ClickHandlerDeps {
  handle: CommandHandler;
  renderChart?: ChartRenderer;
  log: Logger;
  /** A result not ready this soon: the click is answered "working on it" and the result follows. */
  acknowledgeAfterMs: number;
}

interface Answer {
  text?: string;
  show_alert?: boolean;
}

/** Cuts text to what an alert shows (200 UTF-16 units, as Telegram counts them), ending with "…" when cut. */
export function alertText(text: string): string {
  if (text.length <= CALLBACK_TEXT_MAX) return text;
  let cut = text.slice(0, CALLBACK_TEXT_MAX - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1); // never half an emoji
  return `${cut.trimEnd()}…`;
}

/** answerCallbackQuery at most once per query: the client spins until it comes, and a second one fails. */
function answerOnce(api: Api, queryId: string, log: Logger): (answer?: Answer) => Promise<void> {
  let answered = false;
  return async (answer = {}) => {
    if (answered) return;
    answered = true;
    await api.answerCallbackQuery(queryId, answer).catch((err: unknown) => log.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not answer a callback query'));
  };
}

interface Delivery {
  api: Api;
  message: ButtonMessage;
  effect: ActionEffect;
  renderChart: ChartRenderer | undefined;
  log: Logger;
  /** Set while the callback is still unanswered, so a private result can be its alert. */
  alert?: (text: string) => Promise<void>;
}

/** Puts a click's result where it belongs: an alert, the original message edited, or a new reply to it. */
async function deliver(result: Message, d: Delivery): Promise<void> {
  const chatId = String(d.message.chat.id);
  // Errors and refusals are for the clicker alone: in a group, an alert only they see, not a post to everyone.
  if (result.visibility === 'private' && d.message.chat.type !== 'private' && d.alert !== undefined) return d.alert(alertText(result.fallbackText));
  const parts = renderTelegramReply(result);
  const chart = await chartPhoto(result, d.renderChart);
  // editMessageText replaces one text message: a result of several parts or with a chart (a photo)
  // cannot fit into it, and an error must not wipe out the message it was clicked on; those come as a new
  // message. (The keyboard sits on a reply's last part; the in-place switches are on comparisons and
  // scoreboards, which fit in one message, so the edit replaces the whole reply.)
  const [only] = parts;
  if (d.effect === 'update' && result.severity !== 'error' && parts.length === 1 && only !== undefined && chart === undefined && editable(d.message)) {
    try {
      return await editPart(d.api, chatId, d.message.message_id, only);
    } catch (err) {
      d.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not edit the message in place; answering with a new one');
    }
  }
  await sendParts(d.api, chatId, parts, chart, d.message.message_id);
}

/**
 * Button clicks (callback queries). Each is answered exactly once, whatever happens: the clicker's
 * client shows a spinner until then. The payload runs as the person who clicked, re-validated and
 * re-authorised by the core (a forged or stale payload gets an alert, nothing runs).
 */
export function createClickHandler(deps: ClickHandlerDeps): (ctx: Context) => Promise<void> {
  return async (ctx) => {
    const click = readClick(ctx.update.callback_query);
    if (click.kind === 'malformed') return;
    const answer = answerOnce(ctx.api, click.queryId, deps.log);
    if (click.kind === 'unusable') {
      deps.log.info({ reason: click.reason }, 'unusable click');
      return answer({ text: NO_LONGER_WORKS, show_alert: true });
    }
    const chat = click.message.chat;
    const origin: Origin = {
      platform: 'telegram',
      workspaceId: String(chat.id),
      channelId: String(chat.id),
      userId: String(click.userId),
      requestId: randomUUID(),
      canManageChannel: () => canManageChat(ctx.api, chat, { userId: click.userId }),
    };
    const log = deps.log.child({ requestId: origin.requestId });
    log.info({ chat: chat.id, user: click.userId, payload: click.payload }, 'click');
    const delivery: Delivery = { api: ctx.api, message: click.message, effect: actionEffect(click.payload), renderChart: deps.renderChart, log };
    try {
      const work = deps.handle({ kind: 'action', payload: click.payload, origin });
      const ready = await readyWithin(work, deps.acknowledgeAfterMs, 'telegram');
      if (ready !== undefined) {
        await deliver(ready, { ...delivery, alert: (text) => answer({ text, show_alert: true }) });
        return await answer();
      }
      // Slow (tracking fetches from SEC): stop the spinner now and follow up without holding the update.
      // A private result can no longer be an alert then: it is posted as a reply, as a typed command's would be.
      await answer({ text: '⏳ Working on it…' });
      void work.then((late) => deliver(late, delivery)).catch((err: unknown) => log.error({ err: err instanceof Error ? err.message : String(err) }, 'could not answer a click'));
    } catch (err) {
      log.error({ err: err instanceof Error ? err.message : String(err) }, 'could not answer a click');
      await answer({ text: COULD_NOT_POST, show_alert: true });
    }
  };
}
