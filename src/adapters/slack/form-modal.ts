import type { types } from '@slack/bolt';
import type { OptionName } from '../../core/commands/command.js';
import type { FormField, FormSpec, FormValues } from '../../core/forms/form.js';
import { plainText } from './escape.js';
import { optionNameSchema, type ModalMetadata, type StateValues } from './interaction-payloads.js';
import { SLACK_LIMITS as L } from './limits.js';

type InputBlock = types.InputBlock;
type PlainTextOption = types.PlainTextOption;

/** A form's modal: `rivalry:form:<form id>`. The view_submission listener matches on the prefix. */
export const FORM_CALLBACK_PREFIX = 'rivalry:form:';
/** Each field is an input block whose block_id is the option it fills; its element has this action_id. */
export const FIELD_ACTION_ID = 'value';

const text = (t: string, max: number) => ({ type: 'plain_text' as const, text: plainText(t, max) || '…', emoji: true });
const CHECKED: PlainTextOption = { text: text('Yes', L.optionTextChars), value: 'true' };

function options(field: FormField): PlainTextOption[] {
  return (field.choices ?? [])
    .filter((c) => c.value.length > 0 && c.value.length <= L.optionValueChars)
    .slice(0, L.selectOptions)
    .map((c) => ({ text: text(c.label, L.optionTextChars), value: c.value }));
}

/** The field's input element, pre-filled from the spec; undefined when it has nothing to offer (a menu without choices). */
function element(field: FormField): InputBlock['element'] | undefined {
  const placeholder = field.placeholder === undefined ? {} : { placeholder: text(field.placeholder, L.placeholderChars) };
  const initial = field.initial;
  if (field.kind === 'text') return { type: 'plain_text_input', action_id: FIELD_ACTION_ID, max_length: 200, ...placeholder, ...(typeof initial === 'string' && initial !== '' ? { initial_value: initial } : {}) };
  if (field.kind === 'checkbox') return { type: 'checkboxes', action_id: FIELD_ACTION_ID, options: [CHECKED], ...(initial === true ? { initial_options: [CHECKED] } : {}) };
  const choices = options(field);
  if (choices.length === 0) return undefined;
  if (field.kind === 'select') {
    const chosen = choices.find((c) => c.value === initial);
    return { type: 'static_select', action_id: FIELD_ACTION_ID, options: choices, ...placeholder, ...(chosen === undefined ? {} : { initial_option: chosen }) };
  }
  const ticked = Array.isArray(initial) ? choices.filter((c) => initial.includes(c.value)) : [];
  return { type: 'multi_static_select', action_id: FIELD_ACTION_ID, options: choices, ...placeholder, ...(ticked.length === 0 ? {} : { initial_options: ticked }) };
}

function inputBlock(field: FormField): InputBlock | undefined {
  const input = element(field);
  if (input === undefined) return undefined;
  return {
    type: 'input',
    block_id: field.option,
    label: text(field.label, L.inputLabelChars),
    element: input,
    // An unticked box is an answer too; Slack would otherwise insist on a tick.
    optional: !field.required || field.kind === 'checkbox',
    // Choosing sends a block_actions event at once, so the modal can be redrawn (form-refresh.ts).
    ...(field.refreshes === true ? { dispatch_action: true } : {}),
    ...(field.hint === undefined ? {} : { hint: text(field.hint, L.inputHintChars) }),
  };
}

/** Where the modal came from, for its submission; the response_url is dropped if it would not fit. */
function privateMetadata(metadata: ModalMetadata): string {
  const full = JSON.stringify(metadata);
  return full.length <= L.privateMetadataChars ? full : JSON.stringify({ team: metadata.team, channel: metadata.channel });
}

/** A neutral form as a Slack modal: selects, a multi-select, text inputs and tick boxes, pre-filled; all labels escaped and within limits. */
export function formModal(spec: FormSpec, metadata: ModalMetadata): types.ModalView {
  const inputs = spec.fields.map(inputBlock).filter((b): b is InputBlock => b !== undefined);
  // The channel id comes from Slack's own (validated) payload, so this link cannot carry anyone's text.
  const where: types.ContextBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: `Posts go to <#${metadata.channel}>; stop them any time with /rivalry unsubscribe.` }] };
  return {
    type: 'modal',
    callback_id: `${FORM_CALLBACK_PREFIX}${spec.id}`,
    title: text(spec.title, L.viewLabelChars),
    submit: text(spec.submitLabel, L.viewLabelChars),
    close: text('Cancel', L.viewLabelChars),
    private_metadata: privateMetadata(metadata),
    blocks: [where, ...inputs].slice(0, L.viewBlocks),
  };
}

/** A submitted modal's state as form values, by option (unknown blocks and element types are ignored). */
export function formValues(state: StateValues): FormValues {
  const values: FormValues = {};
  for (const [blockId, elements] of Object.entries(state)) {
    const option = optionNameSchema.safeParse(blockId);
    const input = elements[FIELD_ACTION_ID];
    if (!option.success || input === undefined) continue;
    const name: OptionName = option.data;
    if (input.type === 'static_select' && input.selected_option) values[name] = input.selected_option.value;
    else if (input.type === 'multi_static_select') values[name] = (input.selected_options ?? []).map((o) => o.value);
    else if (input.type === 'plain_text_input' && typeof input.value === 'string') values[name] = input.value;
    else if (input.type === 'checkboxes') values[name] = (input.selected_options ?? []).some((o) => o.value === CHECKED.value);
  }
  return values;
}

/**
 * The core's problems as Slack's `response_action: errors`: each beside its field, and one about an
 * option the modal has no field for beside the first field. Empty when the modal has no input at all.
 */
export function fieldErrors(errors: Partial<Record<OptionName, string>>, blocks: ReadonlyArray<{ type: string; block_id?: string | undefined }>): Record<string, string> {
  const inputs = blocks.filter((b) => b.type === 'input').flatMap((b) => (b.block_id === undefined ? [] : [b.block_id]));
  const first = inputs[0];
  const out: Record<string, string> = {};
  for (const [option, problem] of Object.entries(errors)) {
    const block = inputs.includes(option) ? option : first;
    if (problem === undefined || block === undefined) continue;
    out[block] = plainText(out[block] === undefined ? problem : `${out[block]} ${problem}`, L.fieldErrorChars);
  }
  return out;
}
