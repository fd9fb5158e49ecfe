import { z } from 'zod';
import { CALLBACK_DATA_MAX_BYTES } from './inline-keyboard.js';

const utf8 = new TextEncoder();

/** The message a button was on. An inaccessible one (too old for the bot to see) comes with date 0. */
const buttonMessageSchema = z.object({
  message_id: z.number().int().positive(),
  date: z.number().int().nonnegative(),
  chat: z.object({ id: z.number().int(), type: z.enum(['private', 'group', 'supergroup', 'channel']) }),
  text: z.string().optional(),
});

/** The parts of a callback query we use, checked before anything reads them: anyone can send a bot any callback_data. */
const callbackQuerySchema = z.object({
  id: z.string().min(1).max(256),
  from: z.object({ id: z.number().int().positive() }),
  message: buttonMessageSchema.optional(),
  data: z.string().optional(),
});

export type ButtonMessage = z.infer<typeof buttonMessageSchema>;

export type Click =
  /** A click we can run: the button's payload, who clicked, and the message it was on. */
  | { kind: 'click'; queryId: string; payload: string; userId: number; message: ButtonMessage }
  /** Answerable but not runnable: no data, data no button of ours could carry, or no message to answer in (inline mode, which the bot does not use). */
  | { kind: 'unusable'; queryId: string; reason: string }
  /** Not even a query id: nothing to answer. */
  | { kind: 'malformed' };

/** A callback query as Telegram delivered it → what the bot can do with it. */
export function readClick(query: unknown): Click {
  const parsed = callbackQuerySchema.safeParse(query);
  if (!parsed.success) {
    const id = z.object({ id: z.string().min(1).max(256) }).safeParse(query);
    return id.success ? { kind: 'unusable', queryId: id.data.id, reason: 'unexpected shape' } : { kind: 'malformed' };
  }
  const { id, from, message, data } = parsed.data;
  if (data === undefined || data === '') return { kind: 'unusable', queryId: id, reason: 'no data' };
  if (utf8.encode(data).length > CALLBACK_DATA_MAX_BYTES) return { kind: 'unusable', queryId: id, reason: 'data too long' };
  if (message === undefined) return { kind: 'unusable', queryId: id, reason: 'no message' };
  return { kind: 'click', queryId: id, payload: data, userId: from.id, message };
}

/** Whether the result of a click can replace the message in place: a text message the bot can still see. */
export const editable = (message: ButtonMessage): boolean => message.date !== 0 && message.text !== undefined;
