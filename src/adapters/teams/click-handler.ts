import type { AdaptiveCardActionMessageResponse } from '@microsoft/teams.api';
import { z } from 'zod';
import { actionEffect } from '../../core/message/action-payload.js';
import { errorMessage, type Message } from '../../core/message/message.js';
import { truncate } from '../../core/message/truncate.js';
import { readyWithin } from '../ready-within.js';
import { SUBMIT_MENU, SUBMIT_PAYLOAD } from './card-actions.js';
import { TEAMS_LIMITS as L } from './limits.js';
import { sendReply, updateReply } from './send-reply.js';
import { beginTurn, type InboundDeps, logFailure, type Turn } from './turn.js';

const NO_LONGER_WORKS = 'That button no longer works. Run the command again, e.g. @rivalry compare.';
const noLongerWorks = errorMessage('That button no longer works', 'Run the command again, e.g. @rivalry compare.');
const COULD_NOT_POST = 'Sorry, the answer could not be posted here. Try the command instead.';
/** What an invoke answer's message may hold before Teams cuts it: we keep it to a short line. */
const ANSWER_CHARS = 500;

const utf8 = new TextEncoder();

/**
 * The payload a click carries: Action.Submit data sent back as it was rendered (`payload`), or a
 * menu's button (`menu`) with the chosen value under the choice set's id. Anyone in the conversation
 * can send any data, so it is only a string of the size the bot renders; the core decodes it,
 * re-validates and re-authorises it for the clicker.
 */
export function clickPayload(data: unknown): string | undefined {
  const fields = z.record(z.string(), z.unknown()).safeParse(data);
  if (!fields.success) return undefined;
  const menu = fields.data[SUBMIT_MENU];
  const payload = fields.data[SUBMIT_PAYLOAD] ?? (typeof menu === 'string' ? fields.data[menu] : undefined);
  if (typeof payload !== 'string' || payload === '' || utf8.encode(payload).length > L.payloadBytes) return undefined;
  return payload;
}

/** An `adaptiveCard/action` invoke's value: the action and its data. */
const invokeValueSchema = z.object({ action: z.object({ type: z.string(), data: z.unknown().optional() }) });

/** Teams retries an invoke whose answer is empty and shows "unable to reach app" (vercel/chat#731): every answer carries text. */
const answer = (text: string): AdaptiveCardActionMessageResponse => ({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: truncate(text.trim() === '' ? 'Done' : text, ANSWER_CHARS) });

/**
 * Puts a click's result where it belongs: in place of the card it was clicked on (`update` effects,
 * when Teams says which message that was), else as a new reply in the conversation.
 */
async function deliver(turn: Turn, payload: string, result: Message): Promise<void> {
  const card = turn.activity.replyToId;
  if (actionEffect(payload) === 'update' && result.severity !== 'error' && card !== undefined) {
    try {
      return await updateReply(turn.reply, turn.to, card, result);
    } catch (err) {
      turn.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not update the card in place; answering with a new one');
    }
  }
  await sendReply(turn.reply, turn.to, result);
}

/**
 * A card click that arrives as an invoke (`adaptiveCard/action`). It runs as the person who clicked,
 * and is always answered with a message: a private result (a refusal, an error) is that answer, seen
 * by the clicker alone; any other result goes to the conversation and the answer names it. A slow
 * result is answered "working on it" at once and posted when ready.
 */
export async function onCardAction(deps: InboundDeps, raw: unknown): Promise<AdaptiveCardActionMessageResponse> {
  const turn = await beginTurn(deps, raw);
  if (turn === undefined) return answer(NO_LONGER_WORKS);
  const value = invokeValueSchema.safeParse(turn.activity.value);
  const payload = value.success ? clickPayload(value.data.action.data) : undefined;
  if (payload === undefined) {
    turn.log.info('unusable card action');
    return answer(NO_LONGER_WORKS);
  }
  turn.log.info({ conversation: turn.to.conversationId, user: turn.activity.from.id, payload }, 'click');
  const work = deps.handle({ kind: 'action', payload, origin: turn.origin });
  const ready = await readyWithin(work, deps.acknowledgeAfterMs, 'teams');
  if (ready === undefined) {
    void work.then((late) => logFailure(turn, 'answer a click', () => deliver(turn, payload, late)));
    return answer('⏳ Working on it…');
  }
  if (ready.visibility === 'private') return answer(ready.fallbackText);
  try {
    await deliver(turn, payload, ready);
    return answer(ready.title);
  } catch (err) {
    turn.log.error({ err: err instanceof Error ? err.message : String(err) }, 'could not answer a click');
    return answer(COULD_NOT_POST);
  }
}

/**
 * A card click that arrives as a message carrying `value` (Action.Submit as Teams sends it from a
 * bot's card). Nothing answers it privately there, so its result, private or not, is a reply in the
 * conversation; `update` effects replace the card they were clicked on.
 */
export async function onSubmitMessage(deps: InboundDeps, turn: Turn): Promise<void> {
  const payload = clickPayload(turn.activity.value);
  if (payload === undefined) {
    turn.log.info('unusable card submit');
    return logFailure(turn, 'answer a click', () => sendReply(turn.reply, turn.to, noLongerWorks));
  }
  turn.log.info({ conversation: turn.to.conversationId, user: turn.activity.from.id, payload }, 'click');
  const work = deps.handle({ kind: 'action', payload, origin: turn.origin });
  const ready = await readyWithin(work, deps.acknowledgeAfterMs, 'teams');
  // Slow: the webhook is answered now (Teams waits 15 s at most) and the result follows.
  if (ready === undefined) return void work.then((late) => logFailure(turn, 'answer a click', () => deliver(turn, payload, late)));
  await logFailure(turn, 'answer a click', () => deliver(turn, payload, ready));
}
