import type { types } from '@slack/bolt';
import type { MessageAction } from '../../core/message/actions.js';
import { plainText } from './escape.js';
import { SLACK_LIMITS as L } from './limits.js';

type ActionsBlock = types.ActionsBlock;
type Element = types.ActionsBlockElement;
type PlainTextOption = types.PlainTextOption;

/** Every element we render has an action_id starting with this; the listeners match on it. */
export const ACTION_PREFIX = 'rivalry:';
/** Buttons that open a form: the listener opens a modal instead of running a command. */
export const FORM_ACTION_PREFIX = `${ACTION_PREFIX}form:`;

export interface ActionsBudget {
  /** JSON characters the actions blocks may take. */
  chars: number;
  blocks: number;
}

const label = (text: string, max: number) => ({ type: 'plain_text' as const, text: plainText(text, max) || '…', emoji: true });

/** action_id unique within the message and within Slack's length, whatever the core's ids look like. */
function uniqueId(prefix: string, id: string, used: Set<string>): string {
  let candidate = `${prefix}${id}`.slice(0, L.actionIdChars);
  for (let n = 2; used.has(candidate); n += 1) candidate = `${`${prefix}${id}`.slice(0, L.actionIdChars - 6)}#${n}`;
  used.add(candidate);
  return candidate;
}

const fitsValue = (payload: string | undefined, max: number): payload is string => payload !== undefined && payload.length > 0 && payload.length <= max;

/** One action as a Block Kit element, or nothing when it has no usable payload (the app could not give it one). */
function element(action: MessageAction, used: Set<string>): Element | undefined {
  if (action.type === 'select') {
    const options: PlainTextOption[] = action.choices
      .filter((c) => fitsValue(c.payload, L.optionValueChars))
      .slice(0, L.selectOptions)
      // No "emoji" flag on options: it is Slack's default, and a long menu needs every character.
      .map((c) => ({ text: { type: 'plain_text' as const, text: plainText(c.label, L.optionTextChars) || '…' }, value: c.payload ?? '' }));
    if (options.length === 0) return undefined;
    return { type: 'static_select', action_id: uniqueId(ACTION_PREFIX, action.id, used), placeholder: label(action.placeholder, L.placeholderChars), options };
  }
  if (!fitsValue(action.payload, L.buttonValueChars)) return undefined;
  const prefix = action.type === 'form' ? FORM_ACTION_PREFIX : ACTION_PREFIX;
  const style = action.type === 'button' && action.style !== undefined ? { style: action.style } : {};
  return { type: 'button', action_id: uniqueId(prefix, action.id, used), text: label(action.label, L.buttonTextChars), value: action.payload, ...style };
}

const size = (blocks: readonly ActionsBlock[]) => blocks.reduce((n, b) => n + JSON.stringify(b).length, 0);

/** Drops a select's last options until the blocks fit the budget; undefined when not even one option fits. */
function shrinkSelect(select: types.StaticSelect, fits: (e: Element) => boolean): Element | undefined {
  const options = [...(select.options ?? [])];
  while (options.length > 0) {
    const candidate = { ...select, options: [...options] };
    if (fits(candidate)) return candidate;
    options.pop();
  }
  return undefined;
}

/**
 * Buttons and menus as actions blocks (25 elements each) within the budget. An action that does not
 * fit is left out (a menu first loses its last options) rather than breaking a limit: the command
 * behind it can still be typed.
 */
export function actionBlocks(actions: readonly MessageAction[] | undefined, budget: ActionsBudget): ActionsBlock[] {
  const blocks: ActionsBlock[] = [];
  const used = new Set<string>();
  for (const action of actions ?? []) {
    const rendered = element(action, used);
    if (rendered === undefined) continue;
    const last = blocks.at(-1);
    const target = last !== undefined && last.elements.length < L.actionsElements ? last : undefined;
    if (target === undefined && blocks.length >= budget.blocks) break;
    const withElement = (e: Element): ActionsBlock[] => (target === undefined ? [...blocks, { type: 'actions', elements: [e] }] : [...blocks.slice(0, -1), { ...target, elements: [...target.elements, e] }]);
    const fits = (e: Element) => size(withElement(e)) <= budget.chars;
    const placed = rendered.type === 'static_select' ? shrinkSelect(rendered, fits) : fits(rendered) ? rendered : undefined;
    if (placed === undefined) continue;
    blocks.splice(0, blocks.length, ...withElement(placed));
  }
  return blocks;
}
