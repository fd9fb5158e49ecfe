import { describe, expect, it } from 'vitest';
import { BUTTON_TEXT_MAX, inlineKeyboard } from '../../../src/adapters/telegram/inline-keyboard.js';
import { renderTelegramReply } from '../../../src/adapters/telegram/render-reply.js';
import { button, type MessageAction, type SelectAction } from '../../../src/core/message/actions.js';
import { createMessage } from '../../../src/core/message/message.js';

const run = { command: 'compare', options: {} };
const withPayload = (id: string, label: string, payload?: string): MessageAction => ({ ...button(id, label, run), ...(payload === undefined ? {} : { payload }) });
const menu = (count: number): SelectAction => ({
  type: 'select',
  id: 'menu',
  placeholder: 'Compare a rivalry…',
  effect: 'new',
  choices: Array.from({ length: count }, (_, i) => ({ label: `Rivalry ${i}`, run, payload: `nc|compare|r=r${i}` })),
});
const utf8 = new TextEncoder();

describe('inline keyboard', () => {
  it('renders only actions with a payload that fits callback_data (1–64 bytes of UTF-8)', () => {
    const { rows } = inlineKeyboard([
      withPayload('a', 'No payload'),
      withPayload('b', 'Empty', ''),
      withPayload('c', 'Too long', `nc|compare|r=${'x'.repeat(60)}`),
      // 43 characters but 73 bytes: Telegram counts bytes.
      withPayload('d', 'Multibyte', `nc|compare|r=${'é'.repeat(30)}`),
      withPayload('e', 'Exactly 64', `nc|compare|r=${'x'.repeat(51)}`),
    ]);
    expect(rows.flat().map((b) => b.text)).toEqual(['Exactly 64']);
    expect(utf8.encode(rows.flat()[0]?.callback_data ?? '').length).toBe(64);
  });

  it('packs short labels up to three a row, puts a long one on its own, and keeps styles', () => {
    const { rows } = inlineKeyboard([
      withPayload('chart', 'Chart', 'nc|chart'),
      withPayload('history', 'History', 'nc|history'),
      withPayload('milestones', 'Milestones', 'nc|milestones'),
      withPayload('ttm', 'TTM', 'uc|compare|b=ttm'),
      { ...button('unsub', 'Unsubscribe here · amazon-vs-walmart', run, 'new', 'danger'), payload: 'nc|unsubscribe|r=amazon-vs-walmart' },
      { type: 'form', id: 'subscribe', label: 'Subscribe this channel', form: 'subscribe', options: {}, payload: 'nf|subscribe' },
    ]);
    expect(rows.map((r) => r.map((b) => b.text))).toEqual([['Chart', 'History', 'Milestones'], ['TTM'], ['Unsubscribe here · amazon-vs-walmart'], ['Subscribe this channel']]);
    expect(rows[2]?.[0]?.style).toBe('danger');
    expect(rows[0]?.[0]).not.toHaveProperty('style');
  });

  it('shortens long labels and gives an empty one a visible mark', () => {
    const { rows } = inlineKeyboard([withPayload('long', `Compare ${'x'.repeat(200)}`, 'nc|compare'), withPayload('empty', '   ', 'nc|list')]);
    const [long, empty] = rows.flat();
    expect([...(long?.text ?? '')].length).toBe(BUTTON_TEXT_MAX);
    expect(long?.text.endsWith('…')).toBe(true);
    expect(empty?.text).toBe('…');
  });

  it('turns a menu into one button per choice, after the buttons, on rows of its own', () => {
    const { rows, hidden } = inlineKeyboard([menu(4), withPayload('sb', 'Scoreboard', 'nc|scoreboard')]);
    expect(rows.map((r) => r.map((b) => b.text))).toEqual([['Scoreboard'], ['Rivalry 0', 'Rivalry 1', 'Rivalry 2'], ['Rivalry 3']]);
    expect(hidden).toBe(0);
  });

  it('stops at 100 buttons and counts the rest', () => {
    const buttons = Array.from({ length: 40 }, (_, i) => withPayload(`b${i}`, `B${i}`, `nc|compare|r=b${i}`));
    const { rows, hidden } = inlineKeyboard([...buttons, menu(150)]);
    expect(rows.flat()).toHaveLength(100);
    expect(hidden).toBe(90);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(8);
  });
});

describe('renderTelegramReply', () => {
  it('puts the keyboard on the last part of a long reply only', () => {
    const message = createMessage({ title: 'Long', fields: Array.from({ length: 6 }, (_, i) => ({ label: `F${i}`, value: 'v'.repeat(2000) })), fallbackText: 'Long', actions: [withPayload('sb', 'Scoreboard', 'nc|scoreboard')] });
    const parts = renderTelegramReply(message);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.slice(0, -1).every((p) => p.replyMarkup === undefined)).toBe(true);
    expect(parts.at(-1)?.replyMarkup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['Scoreboard']);
  });

  it('says how many choices did not fit as buttons, within the last part or in a part of its own', () => {
    const short = renderTelegramReply(createMessage({ title: 'Rivalries', fallbackText: 'x', actions: [menu(130)] }));
    expect(short).toHaveLength(1);
    expect(short[0]?.html).toContain('<i>…and 30 more choices not shown as buttons');
    // A last part already at the limit: the note becomes a message of its own, still under the keyboard.
    const full = renderTelegramReply(createMessage({ title: 'T', summary: 's'.repeat(3990), fields: [{ label: 'F', value: 'v'.repeat(60) }], fallbackText: 'x', actions: [menu(101)] }));
    expect(full.map((p) => p.html.length)).toEqual([4071, expect.any(Number)]);
    expect(full[0]?.replyMarkup).toBeUndefined();
    expect(full.at(-1)?.html).toContain('…and 1 more choice not shown');
    expect(full.at(-1)?.replyMarkup?.inline_keyboard.flat()).toHaveLength(100);
  });

  it('has no keyboard (and no note) without actions', () => {
    const parts = renderTelegramReply(createMessage({ title: 'Plain', fallbackText: 'Plain' }));
    expect(parts).toEqual([{ html: '<b>Plain</b>' }]);
  });

  it('is pure: the same message renders the same, and is not changed', () => {
    const message = Object.freeze(createMessage({ title: 'A <b>', fallbackText: 'A', actions: [menu(120), withPayload('sb', 'Scoreboard', 'nc|scoreboard')] }));
    const snapshot = JSON.stringify(message);
    expect(renderTelegramReply(message)).toEqual(renderTelegramReply(message));
    expect(JSON.stringify(message)).toBe(snapshot);
  });
});
