import type { App } from '@slack/bolt';
import { actionEffect } from '../../../core/message/action-payload.js';
import { errorMessage, type Message } from '../../../core/message/message.js';
import { publishHome } from '../home-view.js';
import { blockActionsSchema, clickPayload, type BlockActions } from '../interaction-payloads.js';
import { openFormModal } from '../open-form.js';
import { slackOrigin } from '../origin.js';
import { ACTION_PREFIX, FORM_ACTION_PREFIX } from '../render-actions.js';
import { sendReply, type Placement } from '../send-reply.js';
import type { InteractionDeps } from './interaction-deps.js';

const UNREADABLE = 'Sorry, Slack sent this click in a form I could not read. Please try again, or type the command.';

/**
 * In place only for a switch (effect "update") that succeeded, and never so that a public message
 * turns into something only one person should see: errors and private answers come as ephemeral replies.
 */
function placementFor(payload: string, reply: Message, click: BlockActions): Placement {
  if (actionEffect(payload) !== 'update' || reply.severity === 'error') return 'new';
  return reply.visibility === 'public' || click.container.is_ephemeral === true ? 'replace' : 'new';
}

/**
 * Clicks on buttons and menus we rendered (action_id "rivalry:…"). Acked at once; then a form button
 * opens its modal (with the click's fresh trigger_id), and anything else runs as the command it stands
 * for, as the person who clicked, answered through response_url, or above the Home tab for a click there.
 */
export function register(app: App, deps: InteractionDeps): void {
  const { handle, forms, home, logger, admins, renderChart } = deps;
  app.action(new RegExp(`^${ACTION_PREFIX}`), async ({ ack, body, respond, client }) => {
    await ack();
    const parsed = blockActionsSchema.safeParse(body);
    const teamId = parsed.success ? (parsed.data.team?.id ?? parsed.data.user.team_id) : undefined;
    if (!parsed.success || teamId === undefined) {
      logger.warn({ platform: 'slack', issues: parsed.success ? ['no team'] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) }, 'malformed block_actions payload');
      // Bolt gives respond() whenever the body has a non-empty response_url, readable or not; it may still fail.
      const url = (body as { response_url?: unknown }).response_url;
      if (typeof url === 'string' && url !== '') await respond({ response_type: 'ephemeral', replace_original: false, text: UNREADABLE }).catch(() => undefined);
      return;
    }
    const click = parsed.data;
    // Clicks in views (the Home tab) have no response_url, and Bolt then gives no respond().
    const answer = click.response_url === undefined ? undefined : respond;
    const [action] = click.actions;
    if (action === undefined) return;
    const payload = clickPayload(action);
    const channelId = click.channel?.id ?? click.container.channel_id;
    const inHome = click.view?.type === 'home';
    const origin = slackOrigin(client, admins, { teamId, userId: click.user.id, ...(channelId === undefined ? {} : { channelId }) });
    const log = logger.child({ requestId: origin.requestId, platform: 'slack' });
    log.info({ team: teamId, channel: channelId, user: click.user.id, action: action.action_id, inHome }, 'click');

    /** Something only the clicker should see: above their Home tab, or an ephemeral reply. */
    const tellPrivately = async (message: Message) => {
      if (inHome && home !== undefined) return publishHome(client, home, origin, log, message);
      if (answer === undefined || channelId === undefined) return void log.warn('nowhere to answer the click');
      await sendReply({ respond: answer, client, channelId, log }, { ...message, visibility: 'private' }, 'new');
    };

    if (action.action_id.startsWith(FORM_ACTION_PREFIX) && forms !== undefined) {
      // A subscription belongs to a channel: the Home tab has none.
      if (channelId === undefined) return tellPrivately(errorMessage('Subscribe from a channel', 'Run /rivalry subscribe in the channel that should get the digests.'));
      const metadata = { team: teamId, channel: channelId, ...(click.response_url === undefined ? {} : { responseUrl: click.response_url }) };
      const refused = await openFormModal({ client, forms, payload, origin, triggerId: click.trigger_id, metadata, log });
      if (refused !== undefined) await tellPrivately(refused);
      return;
    }

    const reply = await handle({ kind: 'action', payload, origin });
    if (inHome && home !== undefined) return publishHome(client, home, origin, log, reply);
    if (answer === undefined || channelId === undefined) return void log.warn('nowhere to answer the click');
    await sendReply({ respond: answer, client, channelId, log, ...(renderChart === undefined ? {} : { renderChart }) }, reply, placementFor(payload, reply, click));
  });
}
