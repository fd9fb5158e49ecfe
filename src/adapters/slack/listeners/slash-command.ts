import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import type { Logger } from 'pino';
import type { CommandHandler } from '../../../core/inbound.js';
import type { ChartRenderer } from '../../../core/charts/chart-data.js';
import { escapeMrkdwn } from '../escape.js';
import { uploadChart } from '../upload-chart.js';
import { renderBlockKit } from '../render-block-kit.js';
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
    const requestId = randomUUID();
    const log = logger.child({ requestId, platform: 'slack' });
    const { text, user_id, team_id, channel_id } = parsed.data;
    log.info({ team: team_id, channel: channel_id, user: user_id, text }, 'slash command');
    // Asked only by commands that change the channel's subscriptions (admin check, default time zone): one users.info call at most.
    let profile: ReturnType<typeof client.users.info> | undefined;
    const asker = () => (profile ??= client.users.info({ user: user_id }));
    const canManageChannel = async () => {
      if (admins.has(user_id)) return true;
      const { user } = await asker();
      return user?.is_admin === true || user?.is_owner === true || user?.is_primary_owner === true;
    };
    const askerTimeZone = async () => (await asker()).user?.tz;
    const origin = { platform: 'slack', workspaceId: team_id, channelId: channel_id, userId: user_id, requestId, canManageChannel, askerTimeZone };
    const message = await handle({ kind: 'text', text: unescapeSlackText(text), origin });
    try {
      await respond({ ...renderBlockKit(message), response_type: message.visibility === 'public' ? 'in_channel' : 'ephemeral' });
      log.info({ severity: message.severity, visibility: message.visibility }, 'replied');
    } catch (err) {
      // response_url answers 404 once expired (30 min) or used up (5 replies); nobody can be told in chat.
      log.error({ err: err instanceof Error ? err.message : String(err) }, 'could not deliver the reply to response_url');
      return;
    }
    if (message.chart === undefined || message.visibility !== 'public' || renderChart === undefined) return;
    const problem = await uploadChart(client, channel_id, message, renderChart);
    if (problem !== undefined) {
      log.warn({ problem }, 'chart not attached');
      await respond({ response_type: 'ephemeral', text: escapeMrkdwn(`The chart could not be attached: ${problem}`) }).catch(() => undefined);
    }
  });
}
