import { ComponentType, TextInputStyle, type APILabelComponent, type APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import type { OptionName, RawArgs } from '../../core/commands/command.js';
import type { FormField, FormSpec, FormValues } from '../../core/forms/form.js';
import { truncate } from '../../core/message/truncate.js';
import { WEEKDAYS } from '../../core/subscriptions/schedule.js';
import { modalId } from './custom-ids.js';
import { MODAL_LIMITS as M } from './limits.js';

/**
 * The subscribe form as a Discord modal of text inputs. A modal holds at most five, so the form's nine
 * fields fold into five (each input's custom_id is its name):
 *
 *   rivalry  → rivalry                 its id, e.g. amazon-vs-walmart
 *   schedule → frequency, weekday, day, alerts-only, with-chart
 *                                      words: "daily", "weekly monday", "monthly 15" / "monthly last",
 *                                      plus "with-chart" or "alerts-only"
 *   time     → time                    HH:MM
 *   zone     → zone                    an IANA zone
 *   metrics  → metrics                 ids separated by commas or spaces; empty: every metric
 *
 * Everything is then checked by the core like typed options (forms.submit); only schedule words
 * nobody could mean are refused here.
 */
export type ModalInput = 'rivalry' | 'schedule' | 'time' | 'zone' | 'metrics';

/** Which input a field's problem belongs to. */
export const INPUT_OF: Partial<Record<OptionName, ModalInput>> = {
  rivalry: 'rivalry',
  frequency: 'schedule',
  weekday: 'schedule',
  day: 'schedule',
  'alerts-only': 'schedule',
  'with-chart': 'schedule',
  time: 'time',
  zone: 'zone',
  metrics: 'metrics',
};

export const INPUT_LABELS: Record<ModalInput, string> = { rivalry: 'Rivalry', schedule: 'Schedule', time: 'Time (24-hour HH:MM)', zone: 'Time zone', metrics: 'Metrics' };

const SCHEDULE_HINT = 'daily, weekly <weekday> or monthly <1–28|last>; add with-chart or alerts-only';
const FREQUENCIES = ['daily', 'weekly', 'monthly'];
/** Words people put between the ones that matter ("every monday", "alerts only", "with chart"). */
const FILLER = new Set(['every', 'each', 'on', 'the', 'of', 'at', 'with', 'only', 'and']);

const text = (value: FormField['initial'] | RawArgs[OptionName]) =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : Array.isArray(value) ? value.join(', ') : '';

/** Schedule words for a pre-fill: the payload's options where it has any, else the form's own defaults. */
function scheduleWords(form: FormSpec, prefill: RawArgs): string {
  const initial = (option: OptionName) => prefill[option] ?? form.fields.find((f) => f.option === option)?.initial;
  const frequency = text(initial('frequency'));
  const words = [frequency];
  if (frequency === 'weekly') words.push(text(initial('weekday')));
  if (frequency === 'monthly') words.push(text(initial('day')) || '1');
  if (initial('with-chart') === true || initial('with-chart') === 'true') words.push('with-chart');
  if (initial('alerts-only') === true || initial('alerts-only') === 'true') words.push('alerts-only');
  return words.filter((w) => w !== '').join(' ');
}

function input(id: ModalInput, value: string, options: { description?: string; placeholder?: string; required: boolean; long?: boolean }): APILabelComponent {
  const maxLength = options.long === true ? 1000 : 100;
  return {
    type: ComponentType.Label,
    label: truncate(INPUT_LABELS[id], M.labelChars),
    ...(options.description === undefined ? {} : { description: truncate(options.description, M.labelDescriptionChars) }),
    component: {
      type: ComponentType.TextInput,
      custom_id: id,
      style: options.long === true ? TextInputStyle.Paragraph : TextInputStyle.Short,
      required: options.required,
      max_length: maxLength,
      ...(value === '' ? {} : { value: truncate(value, maxLength) }),
      ...(options.placeholder === undefined ? {} : { placeholder: truncate(options.placeholder, M.placeholderChars) }),
    },
  };
}

/** The modal for a form, pre-filled from the form's defaults and the click's own options (a retry keeps what was typed). */
export function subscribeModal(form: FormSpec, prefill: RawArgs): APIModalInteractionResponseCallbackData {
  const field = (option: OptionName) => form.fields.find((f) => f.option === option);
  const value = (option: OptionName) => text(prefill[option] ?? field(option)?.initial);
  const rivalries = (field('rivalry')?.choices ?? []).map((c) => c.value);
  const metrics = (field('metrics')?.choices ?? []).map((c) => c.value);
  return {
    custom_id: modalId(form.id),
    title: truncate(form.title, M.titleChars),
    components: [
      input('rivalry', value('rivalry'), { required: true, description: rivalries.length === 0 ? 'Its id, as /rivalry list shows it' : `One of: ${rivalries.join(', ')}` }),
      input('schedule', scheduleWords(form, prefill), { required: true, description: SCHEDULE_HINT, placeholder: 'weekly monday' }),
      input('time', value('time'), { required: true, placeholder: '09:00' }),
      input('zone', value('zone'), { required: true, description: field('zone')?.hint ?? 'An IANA zone such as Europe/Berlin', placeholder: 'Europe/Berlin' }),
      input('metrics', value('metrics'), { required: false, long: true, description: `Empty: every metric. Ids: ${metrics.join(', ')}`, placeholder: metrics.slice(0, 2).join(', ') || 'revenue, net-margin' }),
    ],
  };
}

type ScheduleValues = Pick<FormValues, 'frequency' | 'weekday' | 'day' | 'alerts-only' | 'with-chart'>;

/** Schedule words → the form's schedule fields, or what could not be understood. */
export function parseSchedule(words: string): { values: ScheduleValues; problem?: string } {
  const values: ScheduleValues = { 'alerts-only': false, 'with-chart': false };
  const unknown: string[] = [];
  for (const word of words.toLowerCase().split(/[\s,;]+/).filter((w) => w !== '' && !FILLER.has(w))) {
    const weekday = word.length >= 3 ? WEEKDAYS.find((d) => d.startsWith(word)) : undefined;
    const day = /^(\d{1,2})(st|nd|rd|th)?$/.exec(word)?.[1];
    if (FREQUENCIES.includes(word)) {
      if (values.frequency !== undefined && values.frequency !== word) return { values, problem: `Choose one of daily, weekly or monthly, not both "${String(values.frequency)}" and "${word}".` };
      values.frequency = word;
    } else if (weekday !== undefined) values.weekday = weekday;
    else if (day !== undefined || word === 'last') values.day = day ?? 'last';
    else if (word === 'with-chart' || word === 'chart') values['with-chart'] = true;
    else if (word === 'alerts-only' || word === 'alerts') values['alerts-only'] = true;
    else unknown.push(word);
  }
  if (unknown.length > 0) return { values, problem: `Not understood: ${unknown.map((w) => `"${truncate(w, 30)}"`).join(', ')}. Use ${SCHEDULE_HINT}.` };
  // A weekday alone means weekly, a day alone monthly (as in the typed command).
  values.frequency ??= values.weekday !== undefined ? 'weekly' : values.day !== undefined ? 'monthly' : undefined;
  if (values.frequency === undefined) delete values.frequency;
  if (values.weekday !== undefined && values.frequency !== 'weekly') return { values, problem: `A weekday goes with weekly digests, e.g. "weekly ${String(values.weekday)}".` };
  if (values.day !== undefined && values.frequency !== 'monthly') return { values, problem: `A day of the month goes with monthly digests, e.g. "monthly ${String(values.day)}".` };
  return { values };
}

export type ModalValues = { ok: true; values: FormValues } | { ok: false; values: FormValues; errors: Partial<Record<ModalInput, string>> };

/** A submitted modal's text, by input, as the form's values. */
export function subscribeValues(submitted: Record<string, string>): ModalValues {
  const schedule = parseSchedule(submitted['schedule'] ?? '');
  const metrics = (submitted['metrics'] ?? '').split(/[\s,;]+/).filter((m) => m !== '');
  const values: FormValues = {
    rivalry: submitted['rivalry'] ?? '',
    time: submitted['time'] ?? '',
    zone: submitted['zone'] ?? '',
    ...schedule.values,
    ...(metrics.length === 0 ? {} : { metrics }),
  };
  return schedule.problem === undefined ? { ok: true, values } : { ok: false, values, errors: { schedule: schedule.problem } };
}
