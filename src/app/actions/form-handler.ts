import type { FormHandler } from '../../core/inbound.js';
import { submitSubscribeForm, subscribeForm } from '../../core/forms/subscribe-form.js';
import { withValues } from '../../core/forms/form.js';
import { canonicalZone } from '../../core/subscriptions/schedule.js';
import { errorMessage } from '../../core/message/message.js';
import { runCommand } from '../../core/run-command.js';
import type { TokenStore } from '../../store/token-store.js';
import { contextFor, type ContextSource } from '../request-context.js';
import { prepareActions, resolvePayload } from './action-payloads.js';

/**
 * Forms for platforms with modals. Opening one checks that the person may use it first (nobody fills
 * in a form only to be refused), and pre-fills the time zone from the chat or the person.
 */
export function createFormHandler(source: ContextSource, tokens: TokenStore | undefined): FormHandler {
  return {
    async open(payload, origin) {
      const action = await resolvePayload(payload, tokens);
      if (action.kind !== 'form') return errorMessage('That button no longer works', 'Run /rivalry subscribe instead.');
      const allowed = origin.canManageChannel === undefined ? false : await origin.canManageChannel().catch(() => false);
      if (!allowed) return runCommand('subscribe', action.options, contextFor(source, origin)); // the usual refusal, worded once
      const asker = origin.timeZone ?? (await origin.askerTimeZone?.().catch(() => undefined));
      const zone = (asker === undefined ? undefined : canonicalZone(asker)) ?? 'UTC';
      return subscribeForm(contextFor(source, origin), action.options, zone);
    },
    async refresh(_form, values, origin) {
      const zone = typeof values.zone === 'string' && values.zone.trim() !== '' ? values.zone.trim() : 'UTC';
      const rivalry = typeof values.rivalry === 'string' ? { rivalry: values.rivalry } : {};
      return withValues(subscribeForm(contextFor(source, origin), rivalry, zone), values);
    },
    async submit(form, values, origin) {
      const result = await submitSubscribeForm(values, contextFor(source, origin));
      return { ...result, message: await prepareActions(result.message, tokens) };
    },
  };
}
