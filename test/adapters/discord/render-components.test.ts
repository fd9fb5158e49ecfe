import { describe, expect, it } from 'vitest';
import { renderComponents } from '../../../src/adapters/discord/render-components.js';
import { parseCustomId } from '../../../src/adapters/discord/custom-ids.js';
import { renderEmbeds } from '../../../src/adapters/discord/render-embeds.js';
import { button, type MessageAction, type SelectAction } from '../../../src/core/message/actions.js';
import { createMessage } from '../../../src/core/message/message.js';

const run = { command: 'compare', options: {} };
const withPayload = <T extends MessageAction>(action: T, payload: string): T => ({ ...action, payload });
const menu = (choices: number, payload = (i: number) => `nc|compare|r=c${i}`): SelectAction => ({
  type: 'select',
  id: 'compare',
  placeholder: 'Compare a rivalry…',
  effect: 'new',
  choices: Array.from({ length: choices }, (_, i) => ({ label: `Choice ${i}`, run, payload: payload(i) })),
});

describe('renderComponents', () => {
  it('fills rows of five buttons in order, with Discord\'s styles', () => {
    const rows = renderComponents([
      withPayload(button('a', 'Compare now', run, 'new', 'primary'), 'nc|compare|r=a'),
      withPayload(button('b', 'Unsubscribe', run, 'new', 'danger'), 'nc|unsubscribe|r=a'),
      ...Array.from({ length: 4 }, (_, i) => withPayload(button(`x${i}`, `X${i}`, run), `nc|history|r=${i}`)),
    ]);
    expect(rows.map((r) => r.components.length)).toEqual([5, 1]);
    expect(rows[0]?.components.slice(0, 3).map((c) => 'style' in c && c.style)).toEqual([1, 4, 2]);
  });

  it('gives a menu a row of its own, at most 25 options, its values the payloads', () => {
    const rows = renderComponents([withPayload(button('a', 'A', run), 'nc|chart'), menu(40), withPayload(button('b', 'B', run), 'nc|history')]);
    expect(rows.map((r) => r.components.map((c) => c.type))).toEqual([[2], [3], [2]]);
    const select = rows[1]?.components[0];
    expect(select?.type === 3 && select.options.length).toBe(25);
    expect(select?.type === 3 && select.options[0]).toEqual({ label: 'Choice 0', value: 'nc|compare|r=c0' });
    expect(select?.custom_id).toBe('menu:compare');
  });

  it('stops at five rows, truncates labels, and renders nothing without a payload', () => {
    const many = Array.from({ length: 40 }, (_, i) => withPayload(button(`b${i}`, `Button ${i} ${'x'.repeat(120)}`, run), `nc|compare|r=r${i}`));
    const rows = renderComponents([button('none', 'No payload', run), ...many, menu(3)]);
    expect(rows).toHaveLength(5);
    const labels = rows.flatMap((r) => r.components.map((c) => (c.type === 2 && 'label' in c ? (c.label ?? '') : '')));
    expect(labels).toHaveLength(25);
    expect(labels[0]).toMatch(/^Button 0 x+…$/);
    for (const label of labels) expect([...label].length).toBeLessThanOrEqual(80);
    expect(labels.some((l) => l.includes('No payload'))).toBe(false);
  });

  it('never repeats a custom_id: a duplicate button is left out, a duplicate menu value too', () => {
    const rows = renderComponents([
      withPayload(button('a', 'A', run), 'nc|chart'),
      withPayload(button('b', 'Also A', run), 'nc|chart'),
      menu(3, () => 'nc|same'),
      { ...menu(2), id: 'compare' },
    ]);
    const ids = rows.flatMap((r) => r.components.map((c) => c.custom_id));
    expect(ids).toEqual(['nc|chart', 'menu:compare', 'menu:#3']);
    const first = rows[1]?.components[0];
    expect(first?.type === 3 && first.options).toHaveLength(1);
  });

  it('marks a form button so a click opens the form, even when its payload is a token', () => {
    const [row] = renderComponents([{ type: 'form', id: 'subscribe', label: 'Subscribe this channel', form: 'subscribe', options: {}, payload: 'nt|AbCdEfGhIjKlMnOp' }]);
    const id = row?.components[0]?.custom_id ?? '';
    expect(id).toBe('form:nt|AbCdEfGhIjKlMnOp');
    expect(parseCustomId(id)).toEqual({ kind: 'form', payload: 'nt|AbCdEfGhIjKlMnOp' });
    expect(parseCustomId('nt|AbCdEfGhIjKlMnOp')).toEqual({ kind: 'command', payload: 'nt|AbCdEfGhIjKlMnOp' });
    expect(parseCustomId('menu:compare')).toEqual({ kind: 'menu' });
    expect(parseCustomId('modal:subscribe')).toEqual({ kind: 'modal', form: 'subscribe' });
    expect(parseCustomId('<@123>')).toEqual({ kind: 'unknown' });
  });

  it('breaks mention syntax in labels and leaves a payload too long for a custom_id unrendered', () => {
    const rows = renderComponents([withPayload(button('a', '@everyone look', run), 'nc|chart'), withPayload(button('b', 'Long', run), `nc|${'x'.repeat(120)}`)]);
    expect(rows[0]?.components).toHaveLength(1);
    const [only] = rows[0]?.components ?? [];
    expect(only?.type === 2 && 'label' in only && only.label).toBe('@\u200beveryone look');
  });

  it('is part of renderEmbeds only when there is something to click', () => {
    expect(renderEmbeds(createMessage({ title: 'T', fallbackText: 'T' })).components).toBeUndefined();
    expect(renderEmbeds(createMessage({ title: 'T', fallbackText: 'T', actions: [withPayload(button('a', 'A', run), 'nc|chart')] })).components).toHaveLength(1);
  });
});
