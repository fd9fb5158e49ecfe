import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import type { CommandHandler } from '../../../core/inbound.js';
import type { ChartRenderer } from '../../../core/charts/chart-data.js';
import { slackOrigin } from '../origin.js';
import { sendReply } from '../send-reply.js';
import { slashCommandSchema, unescapeSlackText } from '../slash-command-payload.js';

export const SLASH_COMMAND = '/rivalry';

export interface SlashCommandDeps {
  handle: CommandHandler;
  logger: Logger;
  /** User ids allowed to manage subscriptions besides workspace admins and owners. */
  admins: ReadonlySet<string>;
  /** Draws charts; without it, replies carry no image. */
  renderChart?: ChartRenderer;
}

/**
 * /rivalry: ack at once (Slack allows 3 s), then deliver through response_url. Replies meant for the
 * channel go in_channel; help, errors and refusals stay ephemeral to the person who asked.
 */
export function register(app: App, { handle, logger, admins, renderChart }: SlashCommandDeps): void {
  app.command(SLASH_COMMAND, async ({ command, ack, respond, client }) => {
    // Only what decides the ack runs before it; everything else waits until the ack is on its way.
    const parsed = slashCommandSchema.safeParse(command);
    if (!parsed.success) {
      await ack({ response_type: 'ephemeral', text: 'Sorry, Slack sent this command in a form I could not read. Please try again.' });
      logger.warn({ platform: 'slack', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) }, 'malformed slash command payload');
      return;
    }
    await ack();
    // Node flushes the ack's HTTP response on a later tick; let it go out before the command's work.
    await new Promise((resolve) => setImmediate(resolve));
    const { text, user_id, team_id, channel_id } = parsed.data;
    // Asked only by commands that change the channel's subscriptions (admin check, default time zone): one users.info call at most.
    const origin = slackOrigin(client, admins, { teamId: team_id, channelId: channel_id, userId: user_id });
    const log = logger.child({ requestId: origin.requestId, platform: 'slack' });
    log.info({ team: team_id, channel: channel_id, user: user_id, text }, 'slash command');
    const message = await handle({ kind: 'text', text: unescapeSlackText(text), origin });
    await sendReply({ respond, client, channelId: channel_id, log, ...(renderChart === undefined ? {} : { renderChart }) }, message, undefined);
  });
}
