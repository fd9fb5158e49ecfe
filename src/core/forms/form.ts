import type { OptionName, RawArgs } from '../commands/command.js';
import type { FormId } from '../message/actions.js';
import type { Message } from '../message/message.js';

/** One field of a form, as platforms build it: a menu, a multi-choice, text, or a tick box. */
export interface FormField {
  /** The command option the value goes to. */
  option: OptionName;
  label: string;
  kind: 'select' | 'multi-select' | 'text' | 'checkbox';
  choices?: Array<{ label: string; value: string }>;
  /** Pre-filled value (a choice's value, text, the chosen values, or ticked). */
  initial?: string | readonly string[] | boolean;
  required: boolean;
  /** Shown under the field: what it is for and what is accepted. */
  hint?: string;
  placeholder?: string;
  /** Choosing a value changes other fields (the rivalry decides which metrics there are): platforms that can redraw a form while it is open ask for it again. */
  refreshes?: boolean;
}

/** A form the platform shows (a modal), neutral like Message. */
export interface FormSpec {
  id: FormId;
  title: string;
  submitLabel: string;
  fields: FormField[];
}

/** What a person submitted, by option (a multi-select gives several values). */
export type FormValues = Partial<Record<OptionName, string | readonly string[] | boolean>>;

export type FormResult =
  /** Done: the reply to show (privately or in the channel, as its visibility says). */
  | { ok: true; message: Message }
  /** Not done: each problem beside the field it is about (none when no field is at fault, e.g. a refusal), and as a message. */
  | { ok: false; errors: Partial<Record<OptionName, string>>; message: Message };

/** Submitted values as a command's raw options: lists joined, empty text left out. */
export function formValuesToRaw(values: FormValues): RawArgs {
  const raw: RawArgs = {};
  for (const [name, value] of Object.entries(values) as Array<[OptionName, FormValues[OptionName]]>) {
    if (value === undefined) continue;
    if (typeof value === 'boolean') raw[name] = value;
    else if (typeof value === 'string') {
      if (value.trim() !== '') raw[name] = value.trim();
    } else if (value.length > 0) raw[name] = value.join(',');
  }
  return raw;
}

/**
 * The form with what someone has entered so far as its initial values: a choice only where the field
 * still offers it (a metric of the rivalry no longer chosen is dropped), so a redrawn form loses nothing
 * that still applies.
 */
export function withValues(spec: FormSpec, values: FormValues): FormSpec {
  const fields = spec.fields.map((field): FormField => {
    const value = values[field.option];
    if (value === undefined) return field;
    const offered = new Set((field.choices ?? []).map((c) => c.value));
    if (field.kind === 'select') return typeof value === 'string' && offered.has(value) ? { ...field, initial: value } : field;
    if (field.kind === 'multi-select') return Array.isArray(value) ? { ...field, initial: value.filter((v) => offered.has(v)) } : field;
    if (field.kind === 'checkbox') return typeof value === 'boolean' ? { ...field, initial: value } : field;
    return typeof value === 'string' ? { ...field, initial: value } : field;
  });
  return { ...spec, fields };
}
