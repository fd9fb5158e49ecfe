import { createMessage } from '../../core/message/message.js';
import { readyWithin } from '../ready-within.js';
import { commandText } from './activity.js';
import { onSubmitMessage } from './click-handler.js';
import { sendReply, updateReply } from './send-reply.js';
import { beginTurn, type InboundDeps, logFailure } from './turn.js';

export const WORKING = createMessage({ title: '⏳ Working on it…', fallbackText: 'Working on it…' });

/**
 * Message activities: "@rivalry compare …" (or anything in a personal chat) runs as a text command,
 * a bare mention gets help, and a message carrying `value` is a card button (Action.Submit). The
 * answer is a card in reply to the message. Teams has no message only the asker sees, so help and
 * errors are replies in the thread like any answer. A slow answer (tracking fetches from SEC) is
 * acknowledged with a "working on it" card that is then replaced by the result.
 */
export async function onMessage(deps: InboundDeps, raw: unknown): Promise<void> {
  const turn = await beginTurn(deps, raw);
  if (turn === undefined) return;
  if (turn.activity.value !== undefined) return onSubmitMessage(deps, turn);
  const text = commandText(turn.activity);
  if (text === undefined) return; // a channel message not addressed to the bot
  turn.log.info({ conversation: turn.to.conversationId, user: turn.activity.from.id, text }, 'command');
  const replyTo = turn.activity.id;
  const work = deps.handle({ kind: 'text', text: text === '' ? 'help' : text, origin: turn.origin });
  const ready = await readyWithin(work, deps.acknowledgeAfterMs, 'teams');
  if (ready !== undefined) return logFailure(turn, 'reply', () => sendReply(turn.reply, turn.to, ready, replyTo));

  let placeholder: string | undefined;
  await logFailure(turn, 'acknowledge', async () => {
    placeholder = await sendReply(turn.reply, turn.to, WORKING, replyTo);
  });
  void work.then((late) =>
    logFailure(turn, 'reply', async () => {
      if (placeholder !== undefined) {
        try {
          return await updateReply(turn.reply, turn.to, placeholder, late);
        } catch (err) {
          turn.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not replace the "working on it" card; answering anew');
        }
      }
      await sendReply(turn.reply, turn.to, late, replyTo);
    }),
  );
}
