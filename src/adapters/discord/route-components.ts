import type { FormHandler, Origin } from '../../core/inbound.js';
import { actionEffect, decodeAction } from '../../core/message/action-payload.js';
import { errorMessage } from '../../core/message/message.js';
import { parseCustomId } from './custom-ids.js';
import { formProblemsMessage, formTooSlowMessage, problemsByInput } from './form-replies.js';
import { submittedText, type ComponentInteraction, type ModalSubmitInteraction } from './interaction-payload.js';
import { originOf } from './origin.js';
import { replyFor } from './reply-for.js';
import { renderEmbeds, type DiscordReply } from './render-embeds.js';
import { PRIVATE_COMMANDS, type InteractionDeps, type ModalAnswer, type Routed } from './routed.js';
import { subscribeModal, subscribeValues } from './subscribe-modal.js';

const STALE = errorMessage('That button no longer works', 'It belongs to an older message. Run the command again, e.g. /rivalry compare.');
const FAILED = errorMessage('Something went wrong', 'The form could not be handled. Try again, or use /rivalry subscribe.');

const privately = (reply: () => Promise<DiscordReply>): Routed => ({ kind: 'message', effect: 'new', visibilityHint: 'private', reply });

/** A deferral can already be private when the click runs a command whose reply is (read from the payload; a token says nothing). */
function visibilityOf(payload: string) {
  const decoded = decodeAction(payload);
  return decoded.kind === 'command' && PRIVATE_COMMANDS.has(decoded.run.command) ? 'private' : 'public';
}

async function openForm(forms: FormHandler, payload: string, origin: Origin, deps: InteractionDeps): Promise<ModalAnswer> {
  try {
    const opened = await forms.open(payload, origin);
    if (!('submitLabel' in opened)) return { kind: 'reply', reply: await replyFor(opened, deps.renderChart) };
    // A retry button carries what was typed: the modal shows it again (it is only a pre-fill; submitting re-checks everything).
    const decoded = decodeAction(payload);
    return { kind: 'modal', modal: subscribeModal(opened, decoded.kind === 'form' ? decoded.options : {}) };
  } catch (err) {
    deps.logger.error({ err, requestId: origin.requestId }, 'could not open the form');
    return { kind: 'reply', reply: renderEmbeds(FAILED) };
  }
}

async function submitForm(forms: FormHandler, submitted: Record<string, string>, origin: Origin, deps: InteractionDeps): Promise<DiscordReply> {
  const parsed = subscribeValues(submitted);
  if (!parsed.ok) return renderEmbeds(formProblemsMessage(parsed.errors, parsed.values, []));
  try {
    const result = await forms.submit('subscribe', parsed.values, origin);
    if (result.ok) return await replyFor(result.message, deps.renderChart);
    return renderEmbeds(formProblemsMessage(problemsByInput(result.errors), parsed.values, result.message.context, result.message.summary ?? result.message.title));
  } catch (err) {
    deps.logger.error({ err, requestId: origin.requestId }, 'could not submit the form');
    return renderEmbeds(FAILED);
  }
}

/**
 * A click on a button or menu: a form button opens its modal (forms.open decides whether this person
 * may), anything else runs as the person who clicked (handle re-validates and re-authorises it). The
 * payload's effect says whether the answer replaces the message clicked on.
 */
export function routeComponent(p: ComponentInteraction, deps: InteractionDeps): Routed {
  const origin = originOf(p);
  const log = deps.logger.child({ requestId: origin.requestId, platform: 'discord' });
  const id = parseCustomId(p.data.custom_id);
  const payload = id.kind === 'menu' ? p.data.values?.[0] : id.kind === 'command' || id.kind === 'form' ? id.payload : undefined;
  if (payload === undefined) {
    log.warn({ customId: p.data.custom_id }, 'a click on a component we did not render');
    return privately(async () => renderEmbeds(STALE));
  }
  log.info({ guild: origin.workspaceId, channel: origin.channelId, user: origin.userId, customId: p.data.custom_id }, 'component click');
  const forms = deps.forms;
  if (id.kind === 'form' && forms !== undefined) {
    return { kind: 'modal', open: () => openForm(forms, payload, origin, deps), late: async () => renderEmbeds(formTooSlowMessage(payload)) };
  }
  // Without forms (no store), a form payload runs as an action too: the core answers with the command to type.
  return { kind: 'message', effect: actionEffect(payload), visibilityHint: visibilityOf(payload), reply: async () => replyFor(await deps.handle({ kind: 'action', payload, origin }), deps.renderChart) };
}

/** A submitted modal: its text mapped back to the form's values and submitted as the person who filled it in. */
export function routeModalSubmit(p: ModalSubmitInteraction, deps: InteractionDeps): Routed {
  const origin = originOf(p);
  const log = deps.logger.child({ requestId: origin.requestId, platform: 'discord' });
  const id = parseCustomId(p.data.custom_id);
  const forms = deps.forms;
  if (id.kind !== 'modal' || forms === undefined) {
    log.warn({ customId: p.data.custom_id }, 'a modal we did not open');
    return privately(async () => renderEmbeds(STALE));
  }
  log.info({ guild: origin.workspaceId, channel: origin.channelId, user: origin.userId, form: id.form }, 'form submitted');
  // Success is a public confirmation; problems come back privately (answerMessage moves them out of a public deferral).
  return { kind: 'message', effect: 'new', visibilityHint: 'public', reply: () => submitForm(forms, submittedText(p.data), origin, deps) };
}
