import type { IActionSet, IChoiceSetInput, ISubmitAction } from '@microsoft/teams.cards';
import type { MessageAction, SelectAction } from '../../core/message/actions.js';
import { andMore, truncate } from '../../core/message/truncate.js';
import { type CardElement, elementsBytes, textBlock } from './card-elements.js';
import { TEAMS_LIMITS as L } from './limits.js';

/**
 * How a click names what it runs, in the Action.Submit data Teams sends back: `payload` for a button;
 * for a menu, `menu` names the choice set whose selected value (a choice's payload) Teams adds under
 * that id.
 */
export const SUBMIT_PAYLOAD = 'payload';
export const SUBMIT_MENU = 'menu';

const utf8 = new TextEncoder();
const fits = (payload: string | undefined): payload is string => payload !== undefined && payload.length > 0 && utf8.encode(payload).length <= L.payloadBytes;

const nonEmpty = (text: string) => (text.trim() === '' ? '…' : text.trim());

function submit(title: string, data: Record<string, string>, style?: 'primary' | 'danger'): ISubmitAction {
  const action: ISubmitAction = { type: 'Action.Submit', title: nonEmpty(truncate(title, L.buttonTitleChars)), data };
  if (style !== undefined) action.style = style === 'primary' ? 'positive' : 'destructive';
  return action;
}

/** A choice set's id: unique in the card, and safe as a key of the submitted data. */
const menuId = (action: SelectAction, index: number) => `menu${index}_${action.id.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 40)}`;

/** A menu: a compact choice set (each choice's value is its payload) and the button that runs the chosen one. */
function menuElements(action: SelectAction, index: number): { elements: CardElement[]; choices: number; hidden: number } {
  const usable = action.choices.filter((c) => fits(c.payload));
  const kept = usable.slice(0, L.choicesPerMenu);
  if (kept.length === 0) return { elements: [], choices: 0, hidden: 0 };
  const id = menuId(action, index);
  const choiceSet: IChoiceSetInput = {
    type: 'Input.ChoiceSet',
    id,
    style: 'compact',
    placeholder: truncate(action.placeholder, L.placeholderChars),
    choices: kept.map((c) => ({ title: nonEmpty(truncate(c.label, L.choiceTitleChars)), value: c.payload ?? '' })),
  };
  const go: IActionSet = { type: 'ActionSet', actions: [submit('Show', { [SUBMIT_MENU]: id })] };
  return { elements: [choiceSet, go], choices: kept.length, hidden: usable.length - kept.length };
}

export interface CardActions {
  elements: CardElement[];
  /** Buttons and choices left out to stay within the limits (the card says how many). */
  hidden: number;
}

const NOTE_BYTES = 200;

/**
 * A reply's next steps as card elements within `maxBytes`: buttons (and forms, which Teams gets as
 * buttons that say which command to type) as Action.Submit in rows of at most six, then each menu
 * as a choice set with its button. What doesn't fit is counted in a closing line.
 */
export function cardActions(actions: readonly MessageAction[] | undefined, maxBytes: number): CardActions {
  const all = actions ?? [];
  const buttons = all.flatMap((a) => (a.type !== 'select' && fits(a.payload) ? [submit(a.label, { [SUBMIT_PAYLOAD]: a.payload }, a.type === 'button' ? a.style : undefined)] : []));
  const groups: Array<{ elements: CardElement[]; count: number }> = [];
  for (let i = 0; i < buttons.length; i += L.actionsPerSet) {
    const row = buttons.slice(i, i + L.actionsPerSet);
    groups.push({ elements: groups.length < L.actionSets ? [{ type: 'ActionSet', actions: row }] : [], count: row.length });
  }
  let hidden = groups.filter((g) => g.elements.length === 0).reduce((n, g) => n + g.count, 0);
  all.forEach((a, i) => {
    if (a.type !== 'select') return;
    const menu = menuElements(a, i);
    hidden += menu.hidden;
    groups.push({ elements: menu.elements, count: menu.choices });
  });

  const budget = maxBytes - NOTE_BYTES;
  const elements: CardElement[] = [];
  let used = 0;
  for (const group of groups) {
    if (group.elements.length === 0) continue;
    const size = elementsBytes(group.elements);
    if (used + size > budget) {
      hidden += group.count;
      continue;
    }
    elements.push(...group.elements);
    used += size;
  }
  if (hidden > 0) elements.push(textBlock(`${andMore(hidden, 'choice')} not shown as buttons: type the command instead.`, { isSubtle: true, size: 'Small' }));
  return { elements, hidden };
}
