import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { FormHandler, Origin } from '../../core/inbound.js';
import { errorMessage, type Message } from '../../core/message/message.js';
import { formModal } from './form-modal.js';
import type { ModalMetadata } from './interaction-payloads.js';

export interface FormClick {
  client: webApi.WebClient;
  forms: FormHandler;
  payload: string;
  origin: Origin;
  /** Valid for 3 seconds after the click, and once. */
  triggerId: string;
  metadata: ModalMetadata;
  log: Logger;
}

const TRIGGER_ERRORS = new Set(['expired_trigger_id', 'invalid_trigger_id', 'exchanged_trigger_id']);

/**
 * A click on a form button: the form, pre-filled for this person, as a modal. Resolves to nothing
 * when the modal opened, else to what to tell the person instead (a refusal, a stale button, a
 * trigger that expired), always private.
 */
export async function openFormModal({ client, forms, payload, origin, triggerId, metadata, log }: FormClick): Promise<Message | undefined> {
  const form = await forms.open(payload, origin).catch((err: unknown) => {
    log.error({ err: err instanceof Error ? err.message : String(err) }, 'could not prepare the form');
    return errorMessage('The form could not open', 'Something went wrong on my side. Try again, or use /rivalry subscribe.');
  });
  if (!('submitLabel' in form)) return { ...form, visibility: 'private' };
  try {
    await client.views.open({ trigger_id: triggerId, view: formModal(form, metadata) });
    log.info({ form: form.id }, 'form opened');
    return undefined;
  } catch (err) {
    const code = (err as { data?: { error?: string } }).data?.error;
    log.warn({ code, err: err instanceof Error ? err.message : String(err) }, 'could not open the modal');
    if (code !== undefined && TRIGGER_ERRORS.has(code)) return errorMessage('The form took too long to open', 'Slack allows 3 seconds to open it. Click the button again.', ['Or type /rivalry subscribe.']);
    return errorMessage('The form could not open', `Slack refused it${code === undefined ? '' : ` (${code})`}. Use /rivalry subscribe instead.`);
  }
}
