import type { App } from '@slack/bolt';
import { FIELD_ACTION_ID, FORM_CALLBACK_PREFIX, formModal, formValues } from '../form-modal.js';
import { formFieldChangeSchema, formIdSchema, readModalMetadata } from '../interaction-payloads.js';
import { slackOrigin } from '../origin.js';
import type { InteractionDeps } from './interaction-deps.js';

/**
 * A field that decides others changed in an open form modal (the rivalry, whose metrics the form
 * offers): the core redraws the form with what was entered so far, and the modal is updated in place.
 * The view's hash makes Slack refuse an update based on an older state (the person changed it again
 * meanwhile): that update is dropped, the newer change brings its own.
 */
export function register(app: App, { forms, logger, admins }: InteractionDeps): void {
  if (forms === undefined) return;
  app.action({ type: 'block_actions', action_id: FIELD_ACTION_ID }, async ({ ack, body, client }) => {
    await ack();
    const parsed = formFieldChangeSchema.safeParse(body);
    const form = parsed.success && parsed.data.view.callback_id.startsWith(FORM_CALLBACK_PREFIX) ? formIdSchema.safeParse(parsed.data.view.callback_id.slice(FORM_CALLBACK_PREFIX.length)) : undefined;
    const where = parsed.success ? readModalMetadata(parsed.data.view.private_metadata) : undefined;
    if (!parsed.success || form?.success !== true || where === undefined) {
      logger.warn({ platform: 'slack', issues: parsed.success ? ['not one of our forms'] : parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')}: ${i.message}`) }, 'form field change ignored');
      return;
    }
    const { user, view } = parsed.data;
    const origin = slackOrigin(client, admins, { teamId: where.team, channelId: where.channel, userId: user.id });
    try {
      const spec = await forms.refresh(form.data, formValues(view.state.values), origin);
      await client.views.update({ view_id: view.id, hash: view.hash, view: formModal(spec, where) });
    } catch (err) {
      const code = (err as { data?: { error?: string } }).data?.error;
      // hash_conflict: a newer change is on its way and redraws the form itself.
      if (code !== 'hash_conflict') logger.warn({ platform: 'slack', err: err instanceof Error ? err.message : String(err) }, 'could not redraw the form');
    }
  });
}
