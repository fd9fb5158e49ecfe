import type { OptionName, RawArgs } from '../../core/commands/command.js';
import { formValuesToRaw, type FormValues } from '../../core/forms/form.js';
import { encodeForm } from '../../core/message/action-payload.js';
import type { FormAction } from '../../core/message/actions.js';
import { createMessage, type Message } from '../../core/message/message.js';
import { FORM_PAYLOAD_MAX_CHARS } from './custom-ids.js';
import { INPUT_LABELS, INPUT_OF, type ModalInput } from './subscribe-modal.js';

/** What a retry keeps, most useful first: options are dropped from the end until the button's custom_id fits. */
const KEEP: readonly OptionName[] = ['rivalry', 'frequency', 'weekday', 'day', 'time', 'zone', 'alerts-only', 'with-chart', 'metrics'];

/** A button that opens the form again, pre-filled with what was submitted (as much of it as a custom_id holds). */
export function reopenButton(values: FormValues, label: string): FormAction {
  const raw = formValuesToRaw(values);
  const options: RawArgs = {};
  for (const option of KEEP) if (raw[option] !== undefined && raw[option] !== false) options[option] = raw[option];
  const kept = [...KEEP];
  while (encodeForm('subscribe', options).length > FORM_PAYLOAD_MAX_CHARS && kept.length > 0) delete options[kept.pop() as OptionName];
  return { type: 'form', id: 'reopen', label, form: 'subscribe', options, payload: encodeForm('subscribe', options) };
}

/** Problems by input, whether they came from the schedule words or from the core (by option). */
export function problemsByInput(errors: Partial<Record<OptionName, string>>): Partial<Record<ModalInput, string>> {
  const out: Partial<Record<ModalInput, string>> = {};
  for (const [option, problem] of Object.entries(errors) as Array<[OptionName, string]>) {
    const input = INPUT_OF[option] ?? 'schedule';
    out[input] = out[input] === undefined ? problem : `${out[input]} ${problem}`;
  }
  return out;
}

/**
 * A submission that was not saved. Discord modals cannot show a problem beside its field, so the
 * problems come back privately, each under its input's label, with a button to open the form again.
 */
export function formProblemsMessage(problems: Partial<Record<ModalInput, string>>, values: FormValues, hints: readonly string[], detail?: string): Message {
  const fields = (Object.entries(problems) as Array<[ModalInput, string]>).map(([input, problem]) => ({ label: INPUT_LABELS[input], value: problem }));
  // A problem no input is at fault for (none listed) is said as it came.
  const summary = fields.length === 0 && detail !== undefined ? `Nothing was saved. ${detail}` : 'Nothing was saved. Fix what is below and submit the form again.';
  return createMessage({
    title: 'Not subscribed yet',
    summary,
    fields,
    context: [...hints],
    severity: 'error',
    visibility: 'private',
    fallbackText: `Not subscribed yet: ${fields.length === 0 ? summary : fields.map((f) => `${f.label}: ${f.value}`).join('; ')}`,
    actions: [reopenButton(values, 'Open the form again')],
  });
}

/** A modal can only be the first answer: when the form was not ready in time, offer the button again. */
export function formTooSlowMessage(payload: string): Message {
  return createMessage({
    title: 'The form took too long to open',
    summary: 'Discord gives a form three seconds to appear. Click the button to try again.',
    severity: 'error',
    visibility: 'private',
    fallbackText: 'The form took too long to open: try again.',
    actions: [{ type: 'form', id: 'reopen', label: 'Subscribe this channel', form: 'subscribe', options: {}, payload }],
  });
}
