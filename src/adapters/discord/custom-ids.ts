import type { FormId } from '../../core/message/actions.js';
import { COMPONENT_LIMITS as C } from './limits.js';

/**
 * What a component's custom_id says, so a click can be routed without any state on our side:
 * - a button that runs a command: its payload itself ("uc|compare|…", "nt|<token>");
 * - a button that opens a form: "form:" + its payload (a form payload may be a token, which alone
 *   would not say it is a form);
 * - a menu: "menu:" + the action's id (the chosen option's value is the payload);
 * - the modal a form opens: "modal:" + the form's id.
 * Payloads start with "u" or "n", so none can be mistaken for a prefixed id.
 */
export type ParsedCustomId =
  | { kind: 'command'; payload: string }
  | { kind: 'form'; payload: string }
  | { kind: 'menu' }
  | { kind: 'modal'; form: FormId }
  | { kind: 'unknown' };

const FORM = 'form:';
const MENU = 'menu:';
const MODAL = 'modal:';

/** Undefined when it would not fit Discord's 100 characters (the button is then not rendered). */
const fitting = (id: string) => (id.length >= 1 && id.length <= C.customIdChars ? id : undefined);

export const commandButtonId = (payload: string) => fitting(payload);
export const formButtonId = (payload: string) => fitting(`${FORM}${payload}`);
export const menuId = (actionId: string) => `${MENU}${actionId}`.slice(0, C.customIdChars);
export const modalId = (form: FormId) => `${MODAL}${form}`;

/** The longest payload a form button can carry (its prefix takes the rest of the 100 characters). */
export const FORM_PAYLOAD_MAX_CHARS = C.customIdChars - FORM.length;

export function parseCustomId(customId: string): ParsedCustomId {
  if (customId.startsWith(FORM)) return { kind: 'form', payload: customId.slice(FORM.length) };
  if (customId.startsWith(MENU)) return { kind: 'menu' };
  if (customId === modalId('subscribe')) return { kind: 'modal', form: 'subscribe' };
  if (/^[un][a-z]\|/.test(customId)) return { kind: 'command', payload: customId };
  return { kind: 'unknown' };
}
