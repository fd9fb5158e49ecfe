import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { HttpRecorder, json, type RecordedRequest } from './http-recorder.js';

export const TELEGRAM_TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ';
export const TELEGRAM_CHAT = -1001234567890;

type Override = (method: string, req: RecordedRequest, res: ServerResponse) => boolean;

/** A message the bot sent (sendMessage, sendPhoto), as the fake received it. */
export interface SentMessage {
  method: string;
  chatId: string;
  messageId: number;
  text?: string;
  body: Record<string, unknown>;
}

/** An editMessageText the fake accepted. */
export interface EditedMessage {
  chatId: string;
  messageId: number;
  text: string;
  body: Record<string, unknown>;
}

/** An answerCallbackQuery, whatever its outcome. */
export interface CallbackAnswer {
  queryId: string;
  text?: string;
  showAlert: boolean;
}

const keyboardSchema = z.object({ inline_keyboard: z.array(z.array(z.object({ text: z.string(), callback_data: z.string(), style: z.string().optional() }))) });
export type KeyboardButton = z.infer<typeof keyboardSchema>['inline_keyboard'][number][number];

/** The inline keyboard a message was sent or edited with, row by row (none: empty). */
export function keyboardOf(message: { body: Record<string, unknown> } | undefined): KeyboardButton[][] {
  const markup = message?.body['reply_markup'];
  if (markup === undefined) return [];
  return keyboardSchema.parse(typeof markup === 'string' ? JSON.parse(markup) : markup).inline_keyboard;
}

/** Every button of a message, in order. */
export const buttonsOf = (message: { body: Record<string, unknown> } | undefined): KeyboardButton[] => keyboardOf(message).flat();

const replyMarkupKey = (body: Record<string, unknown>) => JSON.stringify(body['reply_markup'] ?? null);

/**
 * Telegram's Bot API (/bot<token>/<method>) on loopback: getMe, setMyCommands, getUpdates (from a
 * queue, answering at once when empty), sendMessage, sendPhoto, editMessageText (of messages it sent;
 * "not modified" when nothing changes, as Telegram says), answerCallbackQuery, getChatMember, setWebhook.
 */
export class FakeTelegram extends HttpRecorder {
  overrides: Override[] = [];
  updates: unknown[] = [];
  /** user ids that are administrators in every chat */
  admins = new Set<number>();
  sent: SentMessage[] = [];
  edits: EditedMessage[] = [];
  answers: CallbackAnswer[] = [];
  /** The current text and keyboard of each text message sent, by "chat/message". */
  private readonly live = new Map<string, { text: string; markup: string }>();
  private messageId = 100;
  constructor() {
    super((req, res) => {
      const method = /^\/bot[^/]+\/(\w+)/.exec(req.path)?.[1] ?? '';
      for (const o of this.overrides) if (o(method, req, res)) return;
      const ok = (result: unknown) => json(res, 200, { ok: true, result });
      const badRequest = (description: string) => json(res, 400, { ok: false, error_code: 400, description: `Bad Request: ${description}` });
      switch (method) {
        case 'getMe':
          return ok({ id: 123456789, is_bot: true, first_name: 'rivalry-bot', username: 'rivalry_test_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false });
        case 'setMyCommands':
        case 'deleteWebhook':
        case 'setWebhook':
          return ok(true);
        case 'getUpdates': {
          const offset = Number(req.body['offset'] ?? 0);
          const pending = this.updates.filter((u) => (u as { update_id: number }).update_id >= offset);
          if (pending.length > 0) return ok(pending);
          return void setTimeout(() => ok([]), 50);
        }
        case 'sendMessage':
        case 'sendPhoto': {
          const chatId = String(req.body['chat_id'] ?? /name="chat_id"\r?\n\r?\n([^\r\n]+)/.exec(req.raw)?.[1] ?? '');
          const messageId = (this.messageId += 1);
          const text = typeof req.body['text'] === 'string' ? req.body['text'] : undefined;
          this.sent.push({ method, chatId, messageId, ...(text === undefined ? {} : { text }), body: req.body });
          if (text !== undefined) this.live.set(`${chatId}/${messageId}`, { text, markup: replyMarkupKey(req.body) });
          return ok({ message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id: Number(chatId), type: 'supergroup' }, text });
        }
        case 'editMessageText': {
          const chatId = String(req.body['chat_id']);
          const messageId = Number(req.body['message_id']);
          const text = String(req.body['text']);
          const current = this.live.get(`${chatId}/${messageId}`);
          if (current === undefined) return badRequest('message to edit not found');
          if (current.text === text && current.markup === replyMarkupKey(req.body)) return badRequest('message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
          this.live.set(`${chatId}/${messageId}`, { text, markup: replyMarkupKey(req.body) });
          this.edits.push({ chatId, messageId, text, body: req.body });
          return ok({ message_id: messageId, date: Math.floor(Date.now() / 1000), edit_date: Math.floor(Date.now() / 1000), chat: { id: Number(chatId), type: 'supergroup' }, text });
        }
        case 'answerCallbackQuery': {
          const text = req.body['text'];
          this.answers.push({ queryId: String(req.body['callback_query_id']), ...(typeof text === 'string' ? { text } : {}), showAlert: req.body['show_alert'] === true });
          if (typeof text === 'string' && text.length > 200) return badRequest('MESSAGE_TOO_LONG');
          return ok(true);
        }
        case 'getChatMember': {
          const userId = Number(req.body['user_id']);
          return ok({ status: this.admins.has(userId) ? 'administrator' : 'member', user: { id: userId, is_bot: false, first_name: 'U' } });
        }
        default:
          return json(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
      }
    });
  }

  /** Answers to one callback query. */
  answersTo(queryId: string): CallbackAnswer[] {
    return this.answers.filter((a) => a.queryId === queryId);
  }
}

let updateId = 1000;
/** A real-shaped update: a group member sends a bot command. */
export function commandUpdate(text: string, options: { chatId?: number; userId?: number; chatType?: string } = {}): { update_id: number; message: Record<string, unknown> } {
  updateId += 1;
  const command = text.split(' ')[0] ?? '';
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: options.chatId ?? TELEGRAM_CHAT, type: options.chatType ?? 'supergroup', title: 'Retail watchers' },
      from: { id: options.userId ?? 4242, is_bot: false, first_name: 'Ana', username: 'ana' },
      text,
      entities: [{ type: 'bot_command', offset: 0, length: command.length }],
    },
  };
}

/**
 * A real-shaped update: someone clicks a button with `data` on a message the bot sent (its id, chat
 * and text as the fake recorded them).
 */
export function callbackUpdate(
  on: Pick<SentMessage, 'chatId' | 'messageId' | 'text' | 'body'>,
  data: string,
  options: { userId?: number; chatType?: string } = {},
): { update_id: number; callback_query: Record<string, unknown> } {
  updateId += 1;
  const chatId = Number(on.chatId);
  return {
    update_id: updateId,
    callback_query: {
      id: `cb${updateId}`,
      from: { id: options.userId ?? 4242, is_bot: false, first_name: 'Ana', username: 'ana' },
      chat_instance: '-4385012964937283918',
      message: {
        message_id: on.messageId,
        date: Math.floor(Date.now() / 1000),
        from: { id: 123456789, is_bot: true, first_name: 'rivalry-bot', username: 'rivalry_test_bot' },
        chat: chatId > 0 ? { id: chatId, type: 'private', first_name: 'Ana' } : { id: chatId, type: options.chatType ?? 'supergroup', title: 'Retail watchers' },
        ...(on.text === undefined ? {} : { text: on.text.replace(/<[^>]+>/g, '') }),
        ...(on.body['reply_markup'] === undefined ? {} : { reply_markup: on.body['reply_markup'] }),
      },
      data,
    },
  };
}

/** The query id of a callback update built by `callbackUpdate`. */
export const queryIdOf = (update: { callback_query: Record<string, unknown> }): string => String(update.callback_query['id']);
