import { randomBytes } from 'node:crypto';
import { decodeAction, encodeCommand, encodeForm, encodeToken, fitsEveryPlatform, type DecodedAction } from '../../core/message/action-payload.js';
import type { ActionCommand, ActionEffect, MessageAction } from '../../core/message/actions.js';
import type { Message } from '../../core/message/message.js';
import type { TokenStore } from '../../store/token-store.js';

/** How long a token behind a button stays valid: buttons on a digest may be clicked weeks later. */
const TOKEN_DAYS = 90;

/** The payload a click carries: the encoded command when it fits every platform, else a token that stands for it (none without a store). */
async function payloadFor(encoded: string, effect: ActionEffect, tokens: TokenStore | undefined): Promise<string | undefined> {
  if (fitsEveryPlatform(encoded)) return encoded;
  if (tokens === undefined) return undefined;
  const token = randomBytes(12).toString('base64url');
  await tokens.saveActionToken(token, encoded, Date.now() + TOKEN_DAYS * 86_400_000);
  return encodeToken(token, effect);
}

const commandPayload = (run: ActionCommand, effect: ActionEffect, tokens: TokenStore | undefined) => payloadFor(encodeCommand(run, effect), effect, tokens);

async function prepareAction(action: MessageAction, tokens: TokenStore | undefined): Promise<MessageAction> {
  if (action.payload !== undefined) return action;
  if (action.type === 'button') return withPayload(action, await commandPayload(action.run, action.effect, tokens));
  if (action.type === 'form') return withPayload(action, await payloadFor(encodeForm(action.form, action.options), 'new', tokens));
  const choices = await Promise.all(action.choices.map(async (c) => withPayload(c, await commandPayload(c.run, action.effect, tokens))));
  return { ...action, choices };
}

function withPayload<T extends { payload?: string }>(item: T, payload: string | undefined): T {
  return payload === undefined ? item : { ...item, payload };
}

/** Messages whose actions needed no token, prepared: a fan-out's shared digest is prepared once, and stays one object (renderers cache by it). */
const prepared = new WeakMap<Message, Message>();

/** Fills in every action's payload, so adapters can render it (an action left without one is not shown). */
export async function prepareActions(message: Message, tokens: TokenStore | undefined): Promise<Message> {
  if (message.actions === undefined || message.actions.length === 0) return message;
  const known = prepared.get(message);
  if (known !== undefined) return known;
  const result = { ...message, actions: await Promise.all(message.actions.map((a) => prepareAction(a, tokens))) };
  // A token is made anew each time (and expires): only token-free results may be kept.
  // (Only a payload whose kind letter is "t" can be a token: the rest need not be decoded.)
  const viaToken = (payload: string | undefined) => payload !== undefined && payload[1] === 't' && decodeAction(payload).kind === 'token';
  if (!result.actions.some((a) => viaToken(a.payload) || (a.type === 'select' && a.choices.some((c) => viaToken(c.payload))))) prepared.set(message, result);
  return result;
}

/** A click's payload, decoded, with a token followed to the payload it stands for (unknown or expired: invalid). */
export async function resolvePayload(payload: string, tokens: TokenStore | undefined): Promise<DecodedAction> {
  const decoded = decodeAction(payload);
  if (decoded.kind !== 'token') return decoded;
  const stored = tokens === undefined ? undefined : await tokens.actionToken(decoded.token, Date.now());
  if (stored === undefined) return { kind: 'invalid' };
  const inner = decodeAction(stored);
  return inner.kind === 'token' ? { kind: 'invalid' } : inner;
}
