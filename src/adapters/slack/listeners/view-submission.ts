import type { App, types } from '@slack/bolt';
import type { FormResult } from '../../../core/forms/form.js';
import { errorMessage } from '../../../core/message/message.js';
import { FORM_CALLBACK_PREFIX, fieldErrors, formValues } from '../form-modal.js';
import { formIdSchema, readModalMetadata, viewSubmissionSchema } from '../interaction-payloads.js';
import { slackOrigin } from '../origin.js';
import { postToChannel } from '../post-to-channel.js';
import type { InteractionDeps } from './interaction-deps.js';

/** Slack waits 3 s for the answer to a submission; past this, the modal closes and the outcome follows as a message. */
const SUBMIT_DEADLINE_MS = 2500;

const FAILED: FormResult = { ok: false, errors: {}, message: errorMessage('Not subscribed', 'Something went wrong on my side. Please try again, or use /rivalry subscribe.') };

/** The modal's content replaced by an apology: Slack shows it to the person who submitted, nobody else. */
const apology = (text: string): types.ModalView => ({
  type: 'modal',
  title: { type: 'plain_text', text: 'rivalry-bot' },
  close: { type: 'plain_text', text: 'Close' },
  blocks: [{ type: 'section', text: { type: 'plain_text', text } }],
});

async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A submitted form modal (callback_id "rivalry:form:<form>"): its values checked and run by the core
 * as the person who submitted it. Problems go back beside their fields (`response_action: errors`),
 * and nothing is created; success closes the modal and posts the answer in the channel it came from.
 */
export function register(app: App, { forms, logger, admins }: InteractionDeps): void {
  if (forms === undefined) return;
  app.view({ callback_id: new RegExp(`^${FORM_CALLBACK_PREFIX}`), type: 'view_submission' }, async ({ ack, body, client }) => {
    const parsed = viewSubmissionSchema.safeParse(body);
    const form = parsed.success ? formIdSchema.safeParse(parsed.data.view.callback_id.slice(FORM_CALLBACK_PREFIX.length)) : undefined;
    const where = parsed.success ? readModalMetadata(parsed.data.view.private_metadata) : undefined;
    if (!parsed.success || form?.success !== true || where === undefined) {
      logger.warn({ platform: 'slack', issues: parsed.success ? ['unknown form or metadata'] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) }, 'malformed view_submission payload');
      await ack({ response_action: 'update', view: apology('Sorry, Slack sent this form in a form I could not read. Nothing was changed. Please close it and try again, or use /rivalry subscribe.') });
      return;
    }
    const { user, view } = parsed.data;
    const origin = slackOrigin(client, admins, { teamId: where.team, channelId: where.channel, userId: user.id });
    const log = logger.child({ requestId: origin.requestId, platform: 'slack' });
    log.info({ team: where.team, channel: where.channel, user: user.id, form: form.data }, 'form submitted');

    const submitted = forms.submit(form.data, formValues(view.state.values), origin).catch((err: unknown) => {
      log.error({ err: err instanceof Error ? err.message : String(err) }, 'form submission failed');
      return FAILED;
    });
    const result = await withDeadline(submitted, SUBMIT_DEADLINE_MS);
    if (result !== 'late' && !result.ok) {
      const errors = fieldErrors(result.errors, view.blocks);
      if (Object.keys(errors).length > 0) {
        log.info({ fields: Object.keys(errors) }, 'form refused');
        await ack({ response_action: 'errors', errors });
        return;
      }
    }
    // Done (or too slow to answer in the modal): close it, and say how it went in the channel.
    await ack();
    const outcome = result === 'late' ? await submitted : result;
    await postToChannel(client, where, user.id, outcome.ok ? outcome.message : { ...outcome.message, visibility: 'private' }, log);
  });
}
