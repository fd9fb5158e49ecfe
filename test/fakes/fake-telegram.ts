import type { ServerResponse } from 'node:http';
import { HttpRecorder, json, type RecordedRequest } from './http-recorder.js';

export const TELEGRAM_TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ';

type Override = (method: string, req: RecordedRequest, res: ServerResponse) => boolean;

/**
 * Telegram's Bot API (/bot<token>/<method>) on loopback: getMe, setMyCommands, getUpdates (from a
 * queue, answering at once when empty), sendMessage, sendPhoto, getChatMember, setWebhook.
 */
export class FakeTelegram extends HttpRecorder {
  overrides: Override[] = [];
  updates: unknown[] = [];
  /** user ids that are administrators in every chat */
  admins = new Set<number>();
  sent: Array<{ method: string; chatId: string; text?: string; body: Record<string, unknown> }> = [];
  private messageId = 100;
  constructor() {
    super((req, res) => {
      const method = /^\/bot[^/]+\/(\w+)/.exec(req.path)?.[1] ?? '';
      for (const o of this.overrides) if (o(method, req, res)) return;
      const ok = (result: unknown) => json(res, 200, { ok: true, result });
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
          this.sent.push({ method, chatId, ...(typeof req.body['text'] === 'string' ? { text: req.body['text'] } : {}), body: req.body });
          return ok({ message_id: (this.messageId += 1), date: Math.floor(Date.now() / 1000), chat: { id: Number(chatId), type: 'group' }, text: req.body['text'] });
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
      chat: { id: options.chatId ?? -1001234567890, type: options.chatType ?? 'supergroup', title: 'Retail watchers' },
      from: { id: options.userId ?? 4242, is_bot: false, first_name: 'Ana', username: 'ana' },
      text,
      entities: [{ type: 'bot_command', offset: 0, length: command.length }],
    },
  };
}
