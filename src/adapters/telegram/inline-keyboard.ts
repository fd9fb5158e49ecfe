import type { InlineKeyboardButton } from 'grammy/types';
import type { MessageAction } from '../../core/message/actions.js';
import { truncate } from '../../core/message/truncate.js';

/** Telegram's callback_data holds 1–64 bytes of UTF-8. */
export const CALLBACK_DATA_MAX_BYTES = 64;
/** Telegram takes at most 8 buttons in a row and 100 in a keyboard. */
export const KEYBOARD_MAX_PER_ROW = 8;
export const KEYBOARD_MAX_BUTTONS = 100;
/** Button text is cut by clients long before any API limit: keep labels short enough to read. */
export const BUTTON_TEXT_MAX = 40;

/** We pack fewer than Telegram allows in a row, so labels stay readable on a phone. */
const ROW_BUTTONS = 3;
const ROW_CHARS = 32;

export type CallbackButton = InlineKeyboardButton.CallbackButton;

export interface InlineKeyboard {
  rows: CallbackButton[][];
  /** Choices and buttons left out to stay within KEYBOARD_MAX_BUTTONS (the reply says how many). */
  hidden: number;
}

const utf8 = new TextEncoder();
const fitsCallbackData = (payload: string | undefined): payload is string => payload !== undefined && payload.length > 0 && utf8.encode(payload).length <= CALLBACK_DATA_MAX_BYTES;

function callbackButton(label: string, payload: string, style?: 'primary' | 'danger'): CallbackButton {
  const text = truncate(label.trim(), BUTTON_TEXT_MAX);
  return { text: text === '' ? '…' : text, callback_data: payload, ...(style === undefined ? {} : { style }) };
}

/** An action's buttons: one for a button or form, one per choice for a menu (Telegram has no menus); those without a payload that fits are left out. */
function buttonsOf(action: MessageAction): CallbackButton[] {
  if (action.type === 'select') return action.choices.flatMap((c) => (fitsCallbackData(c.payload) ? [callbackButton(c.label, c.payload)] : []));
  if (!fitsCallbackData(action.payload)) return [];
  return [callbackButton(action.label, action.payload, action.type === 'button' ? action.style : undefined)];
}

/** Greedy rows: up to ROW_BUTTONS short labels side by side, a long label on a row of its own. */
function packRows(buttons: readonly CallbackButton[]): CallbackButton[][] {
  const rows: CallbackButton[][] = [];
  let row: CallbackButton[] = [];
  let chars = 0;
  for (const b of buttons) {
    const length = [...b.text].length;
    if (row.length > 0 && (row.length >= Math.min(ROW_BUTTONS, KEYBOARD_MAX_PER_ROW) || chars + length > ROW_CHARS)) {
      rows.push(row);
      row = [];
      chars = 0;
    }
    row.push(b);
    chars += length;
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

/**
 * A reply's actions as an inline keyboard: buttons (and forms) packed together, each menu's choices
 * on rows of their own; at most KEYBOARD_MAX_BUTTONS in all, the rest counted in `hidden`.
 */
export function inlineKeyboard(actions: readonly MessageAction[] | undefined): InlineKeyboard {
  const all = actions ?? [];
  // Buttons first (the reply's next steps), then each menu.
  const groups = [all.filter((a) => a.type !== 'select').flatMap(buttonsOf), ...all.filter((a) => a.type === 'select').map(buttonsOf)];
  const rows: CallbackButton[][] = [];
  let budget = KEYBOARD_MAX_BUTTONS;
  let hidden = 0;
  for (const group of groups) {
    const kept = group.slice(0, budget);
    hidden += group.length - kept.length;
    budget -= kept.length;
    rows.push(...packRows(kept));
  }
  return { rows, hidden };
}
