import type { CommandContext, RawArgs } from '../commands/command.js';
import { resolveArgs } from '../commands/resolve-args.js';
import { subscribeCommand } from '../commands/subscribe.js';
import { metricsOf } from '../metrics/served-metrics.js';
import { runCommand } from '../run-command.js';
import { WEEKDAYS } from '../subscriptions/schedule.js';
import { formValuesToRaw, type FormResult, type FormSpec, type FormValues } from './form.js';

const capitalise = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

/** The subscribe form, pre-filled: the rivalry given (or the only one), weekly on Monday at 09:00 in `zone`. */
export function subscribeForm(context: CommandContext, prefill: RawArgs, zone: string): FormSpec {
  const rivalries = context.catalog.rivalries;
  const chosen = (typeof prefill.rivalry === 'string' ? context.catalog.findRivalry(prefill.rivalry) : undefined) ?? context.catalog.onlyRivalry ?? rivalries[0];
  return {
    id: 'subscribe',
    title: 'Subscribe this channel',
    submitLabel: 'Subscribe',
    fields: [
      { option: 'rivalry', label: 'Rivalry', kind: 'select', choices: rivalries.map((r) => ({ label: r.title, value: r.slug })), ...(chosen === undefined ? {} : { initial: chosen.slug }), required: true, refreshes: true },
      { option: 'frequency', label: 'How often', kind: 'select', choices: ['daily', 'weekly', 'monthly'].map((f) => ({ label: capitalise(f), value: f })), initial: 'weekly', required: true },
      { option: 'weekday', label: 'Day of the week', kind: 'select', choices: WEEKDAYS.map((d) => ({ label: capitalise(d), value: d })), initial: 'monday', required: false, hint: 'For weekly digests' },
      { option: 'day', label: 'Day of the month', kind: 'text', required: false, placeholder: '1–28 or last', hint: 'For monthly digests' },
      { option: 'time', label: 'Time (24-hour HH:MM)', kind: 'text', initial: '09:00', required: true },
      { option: 'zone', label: 'Time zone', kind: 'text', initial: zone, required: true, hint: 'An IANA zone such as Europe/Berlin or America/New_York' },
      { option: 'metrics', label: 'Metrics', kind: 'multi-select', choices: (chosen === undefined ? [] : metricsOf(chosen)).map((m) => ({ label: m.name, value: m.id })), required: false, hint: 'None chosen: every metric' },
      { option: 'alerts-only', label: 'Milestone alerts only (no digests)', kind: 'checkbox', initial: false, required: false },
      { option: 'with-chart', label: 'Digests include the chart', kind: 'checkbox', initial: false, required: false },
    ],
  };
}

/**
 * A submitted subscribe form: checked like typed options (each problem beside its field), then run
 * as `subscribe`, as the person who submitted it (the permission check included).
 */
export async function submitSubscribeForm(values: FormValues, context: CommandContext): Promise<FormResult> {
  const raw = formValuesToRaw(values);
  // The form always offers a weekday and a day: only the one that goes with the frequency counts.
  if (raw.frequency !== 'weekly') delete raw.weekday;
  if (raw.frequency !== 'monthly') delete raw.day;
  const resolved = resolveArgs(subscribeCommand, raw, context);
  if (!resolved.ok) return { ok: false, errors: resolved.option === undefined ? {} : { [resolved.option]: resolved.message.summary ?? resolved.message.title }, message: resolved.message };
  // A refusal (not allowed) belongs to no field: the platform closes the form and says so privately.
  const message = await runCommand('subscribe', raw, context);
  if (message.severity === 'error') return { ok: false, errors: {}, message };
  return { ok: true, message };
}
