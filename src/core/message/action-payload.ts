import type { OptionName, RawArgs } from '../commands/command.js';
import type { ActionCommand, ActionEffect, FormId } from './actions.js';

/**
 * Click payloads, compact enough for every platform: Telegram's callback_data holds 64 bytes, Discord's
 * custom_id 100 characters, Slack's value 2,000. "uc|compare|r=amazon-vs-walmart|b=quarter": effect
 * (u = update in place, n = new reply), kind (c = command, f = form, t = token), then the fields.
 */
export const PAYLOAD_MAX_BYTES = 64;

const CODES: Record<OptionName, string> = {
  rivalry: 'r', metric: 'm', basis: 'b', company: 'c', kind: 'k', since: 's', command: 'C', frequency: 'f', weekday: 'w', day: 'd', time: 't', zone: 'z',
  'alerts-only': 'a', 'with-chart': 'h', companies: 'x', slug: 'g', name: 'n', metrics: 'M', channel: 'ch',
};
const NAMES = new Map(Object.entries(CODES).map(([name, code]) => [code, name as OptionName]));

// Slugs, ids and numbers have nothing to escape: one scan instead of three replacing passes (every button of every reply).
const escape = (v: string) => (/[%|=]/.test(v) ? v.replace(/%/g, '%25').replace(/\|/g, '%7C').replace(/=/g, '%3D') : v);
const unescape = (v: string) => v.replace(/%7C/g, '|').replace(/%3D/g, '=').replace(/%25/g, '%');

/** "|r=amazon-vs-walmart|b=annual": each option given, in the options' order. */
function encodeOptions(options: RawArgs): string {
  let out = '';
  for (const name in options) {
    const value = options[name as OptionName];
    if (value !== undefined) out += `|${CODES[name as OptionName]}=${escape(String(value))}`;
  }
  return out;
}

export function encodeCommand(run: ActionCommand, effect: ActionEffect): string {
  return `${effect === 'update' ? 'u' : 'n'}c|${escape(run.command)}${encodeOptions(run.options)}`;
}

export function encodeForm(form: FormId, options: RawArgs): string {
  return `nf|${form}${encodeOptions(options)}`;
}

export function encodeToken(token: string, effect: ActionEffect): string {
  return `${effect === 'update' ? 'u' : 'n'}t|${token}`;
}

/** UTF-8 length without encoding (every click payload of every reply is checked). */
export const fitsEveryPlatform = (payload: string) => payload.length <= PAYLOAD_MAX_BYTES && Buffer.byteLength(payload, 'utf8') <= PAYLOAD_MAX_BYTES;

export type DecodedAction =
  | { kind: 'command'; effect: ActionEffect; run: ActionCommand }
  | { kind: 'form'; form: FormId; options: RawArgs }
  | { kind: 'token'; effect: ActionEffect; token: string }
  | { kind: 'invalid' };

/** Reads a payload back; anything malformed is "invalid" (a click is re-validated like typed text anyway). */
export function decodeAction(payload: string): DecodedAction {
  const [head, first, ...rest] = payload.split('|');
  if (head === undefined || first === undefined || head.length !== 2 || payload.length > 2000) return { kind: 'invalid' };
  const effect: ActionEffect = head[0] === 'u' ? 'update' : 'new';
  if (head[0] !== 'u' && head[0] !== 'n') return { kind: 'invalid' };
  if (head[1] === 't') return /^[A-Za-z0-9_-]{8,40}$/.test(first) ? { kind: 'token', effect, token: first } : { kind: 'invalid' };
  const options: RawArgs = {};
  for (const field of rest) {
    const at = field.indexOf('=');
    const name = NAMES.get(field.slice(0, at));
    if (at < 1 || name === undefined) return { kind: 'invalid' };
    const value = unescape(field.slice(at + 1));
    options[name] = value === 'true' ? true : value === 'false' ? false : value;
  }
  if (head[1] === 'c') return { kind: 'command', effect, run: { command: unescape(first), options } };
  if (head[1] === 'f' && first === 'subscribe') return { kind: 'form', form: first, options };
  return { kind: 'invalid' };
}

/** Whether a click should replace the message it was on (read from the payload, before anything runs). */
export const actionEffect = (payload: string): ActionEffect => (payload.startsWith('u') ? 'update' : 'new');
