import { describe, expect, it } from 'vitest';
import { SLACK_LIMITS as L } from '../../../src/adapters/slack/limits.js';
import { renderBlockKit } from '../../../src/adapters/slack/render-block-kit.js';
import { button, type MessageAction, type SelectAction } from '../../../src/core/message/actions.js';
import { createMessage } from '../../../src/core/message/message.js';
import { messageViolations } from './limit-violations.js';

type Element = { type: string; action_id: string; text?: { text: string }; value?: string; style?: string; placeholder?: { text: string }; options?: Array<{ text: { text: string }; value: string }> };
type Block = { type: string; elements?: Element[] };

const run = { command: 'compare', options: {} };
const withActions = (actions: MessageAction[], extra: Partial<Parameters<typeof createMessage>[0]> = {}) => renderBlockKit(createMessage({ title: 'Actions', fallbackText: 'Actions', actions, ...extra }));
const elements = (blocks: unknown) => (blocks as Block[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []);
const menu = (choices: number, label = (i: number) => `Choice ${i}`, payload = (i: number) => `nc|compare|r=c${i}`): SelectAction => ({
  type: 'select',
  id: 'menu',
  placeholder: 'Pick one',
  effect: 'new',
  choices: Array.from({ length: choices }, (_, i) => ({ label: label(i), run, payload: payload(i) })),
});

describe('buttons and menus in Block Kit', () => {
  it('renders buttons with their payload as value, their style, and form buttons under their own prefix', () => {
    const payload = withActions([
      { ...button('compare', 'Compare now', run, 'new', 'primary'), payload: 'nc|compare' },
      { ...button('unsubscribe-1', 'Unsubscribe', run, 'new', 'danger'), payload: 'nc|unsubscribe' },
      { type: 'form', id: 'subscribe', label: 'Subscribe this channel', form: 'subscribe', options: {}, payload: 'nf|subscribe' },
    ]);
    expect(elements(payload.blocks)).toEqual([
      { type: 'button', action_id: 'rivalry:compare', text: { type: 'plain_text', text: 'Compare now', emoji: true }, value: 'nc|compare', style: 'primary' },
      { type: 'button', action_id: 'rivalry:unsubscribe-1', text: { type: 'plain_text', text: 'Unsubscribe', emoji: true }, value: 'nc|unsubscribe', style: 'danger' },
      { type: 'button', action_id: 'rivalry:form:subscribe', text: { type: 'plain_text', text: 'Subscribe this channel', emoji: true }, value: 'nf|subscribe' },
    ]);
  });

  it('leaves out actions without a usable payload (none, too long for a value) and menus left without choices', () => {
    const payload = withActions([
      button('none', 'No payload', run),
      { ...button('long', 'Too long', run), payload: 'x'.repeat(L.buttonValueChars + 1) },
      { ...button('ok', 'Fine', run), payload: 'nc|compare' },
      menu(3, undefined, (i) => (i === 1 ? 'v'.repeat(L.optionValueChars + 1) : `nc|compare|r=c${i}`)),
      { ...menu(2), id: 'empty', choices: [{ label: 'no payload', run }] },
    ]);
    const rendered = elements(payload.blocks);
    expect(rendered.map((e) => e.action_id)).toEqual(['rivalry:ok', 'rivalry:menu']);
    expect(rendered[1]?.options?.map((o) => o.value)).toEqual(['nc|compare|r=c0', 'nc|compare|r=c2']);
  });

  it('escapes every label and keeps it within Slack\'s lengths', () => {
    const payload = withActions([{ ...button('x', `<!channel> ${'b'.repeat(200)}`, run), payload: 'nc|x' }, menu(2, () => `<@U123> ${'o'.repeat(200)}`)]);
    const [b, m] = elements(payload.blocks);
    expect(b?.text?.text.startsWith('‹!channel›')).toBe(true);
    expect([...(b?.text?.text ?? '')].length).toBe(L.buttonTextChars);
    expect(m?.options?.[0]?.text.text.startsWith('‹@U123›')).toBe(true);
    expect(JSON.stringify(payload.blocks)).not.toMatch(/<[!@#]/);
    expect(messageViolations(payload)).toEqual([]);
  });

  it('gives repeated or overlong ids distinct action_ids within 255 characters', () => {
    const long = 'i'.repeat(400);
    const payload = withActions([{ ...button(long, 'A', run), payload: 'nc|a' }, { ...button(long, 'B', run), payload: 'nc|b' }, { ...button('same', 'C', run), payload: 'nc|c' }, { ...button('same', 'D', run), payload: 'nc|d' }]);
    const ids = elements(payload.blocks).map((e) => e.action_id);
    expect(new Set(ids).size).toBe(4);
    expect(ids.every((id) => id.length <= L.actionIdChars && id.startsWith('rivalry:'))).toBe(true);
  });

  it('splits many buttons into blocks of 25 and trims a long menu, within the budget, keeping the first ones', () => {
    const payload = withActions([...Array.from({ length: 40 }, (_, i) => ({ ...button(`b${i}`, `Button ${i}`, run), payload: `nc|compare|r=r${i}` })), menu(150)]);
    expect(messageViolations(payload)).toEqual([]);
    const blocks = (payload.blocks as Block[]).filter((b) => b.type === 'actions');
    expect(blocks.length).toBeLessThanOrEqual(L.actionsBlocks);
    expect(blocks[0]?.elements).toHaveLength(L.actionsElements);
    expect(blocks[0]?.elements?.[0]?.action_id).toBe('rivalry:b0');
  });

  it('trims a menu of 150 choices to 100 on a short reply, and to what fits next to a long body', () => {
    const payload = withActions([menu(150, (i) => `Rivalry ${i}`)]);
    expect(elements(payload.blocks)[0]?.options).toHaveLength(L.selectOptions);
    expect(messageViolations(payload)).toEqual([]);
    const crowded = withActions([menu(150, (i) => `Rivalry ${i}`)], { fields: Array.from({ length: 30 }, (_, i) => ({ label: `Field ${i}`, value: 'v'.repeat(1500) })) });
    const options = elements(crowded.blocks)[0]?.options ?? [];
    // Its guaranteed share still holds a useful menu.
    expect(options.length).toBeGreaterThan(40);
    expect(options.length).toBeLessThan(L.selectOptions);
    expect(messageViolations(crowded)).toEqual([]);
  });

  it('keeps the buttons on an oversized message, with the sources as the footer under them', () => {
    const payload = withActions([{ ...button('chart', 'Chart', run), payload: 'nc|chart' }], {
      fields: Array.from({ length: 80 }, (_, i) => ({ label: `Field ${i}`, value: 'v'.repeat(2500) })),
      context: ['Source: 10-K'],
    });
    expect(messageViolations(payload)).toEqual([]);
    const types = (payload.blocks as Block[]).map((b) => b.type);
    expect(types.slice(-2)).toEqual(['actions', 'context']);
  });
});
