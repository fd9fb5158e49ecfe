import { describe, expect, it } from 'vitest';
import { editable, readClick, type ButtonMessage } from '../../../src/adapters/telegram/callback-query.js';
import { alertText } from '../../../src/adapters/telegram/click-handler.js';

const message: ButtonMessage = { message_id: 7, date: 1_767_225_600, chat: { id: -1001, type: 'supergroup' }, text: 'Amazon vs Walmart' };
const query = (overrides: Record<string, unknown> = {}) => ({ id: 'q1', from: { id: 42, is_bot: false, first_name: 'A' }, chat_instance: '1', message, data: 'nc|list', ...overrides });

describe('readClick', () => {
  it('reads a click: payload, clicker and the message it was on', () => {
    expect(readClick(query())).toEqual({ kind: 'click', queryId: 'q1', payload: 'nc|list', userId: 42, message });
  });

  it.each([
    ['no data (a game button)', { data: undefined }, 'no data'],
    ['empty data', { data: '' }, 'no data'],
    ['data over 64 bytes', { data: 'é'.repeat(33) }, 'data too long'],
    ['no message (inline mode)', { message: undefined, inline_message_id: 'AAA' }, 'no message'],
    ['a chat of an unknown kind', { message: { ...message, chat: { id: 1, type: 'bogus' } } }, 'unexpected shape'],
    ['no clicker', { from: undefined }, 'unexpected shape'],
  ])('keeps %s answerable but does not run it', (_name, overrides, reason) => {
    expect(readClick(query(overrides))).toEqual({ kind: 'unusable', queryId: 'q1', reason });
  });

  it.each([[undefined], [null], ['q'], [{ id: '' }], [{ id: 5 }]])('has nothing to answer for %j', (value) => {
    expect(readClick(value)).toEqual({ kind: 'malformed' });
  });

  it('edits only a text message the bot can still see', () => {
    expect(editable(message)).toBe(true);
    expect(editable({ ...message, date: 0 })).toBe(false); // inaccessible
    expect(editable({ message_id: 7, date: 1, chat: message.chat })).toBe(false); // a photo
  });
});

describe('alertText', () => {
  it('leaves text within 200 characters alone', () => {
    expect(alertText('x'.repeat(200))).toBe('x'.repeat(200));
  });

  it('cuts longer text to 200, ending with an ellipsis, never inside an emoji', () => {
    expect(alertText('x'.repeat(300))).toHaveLength(200);
    const cut = alertText(`${'x'.repeat(198)}📈📈`);
    expect(cut.length).toBeLessThanOrEqual(200);
    expect(cut).toBe(`${'x'.repeat(198)}…`);
  });
});
