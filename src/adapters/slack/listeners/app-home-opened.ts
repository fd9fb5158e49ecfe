import type { App } from '@slack/bolt';
import { publishHome } from '../home-view.js';
import { homeOpenedSchema } from '../interaction-payloads.js';
import { slackOrigin } from '../origin.js';
import type { InteractionDeps } from './interaction-deps.js';

/**
 * Someone opened the app's Home tab: publish their home (rivalries, the workspace's subscriptions
 * with Unsubscribe buttons for people who may manage them, latest milestones). Bolt acks events itself.
 */
export function register(app: App, { home, logger, admins }: InteractionDeps): void {
  if (home === undefined) return;
  app.event('app_home_opened', async ({ event, body, context, client }) => {
    const parsed = homeOpenedSchema.safeParse(event);
    const teamId = context.teamId ?? body.team_id;
    if (!parsed.success || teamId === undefined) {
      logger.warn({ platform: 'slack', issues: parsed.success ? ['no team'] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) }, 'malformed app_home_opened event');
      return;
    }
    // The Messages tab opens this event too; only the Home tab shows a view.
    if (parsed.data.tab !== undefined && parsed.data.tab !== 'home') return;
    const origin = slackOrigin(client, admins, { teamId, userId: parsed.data.user });
    await publishHome(client, home, origin, logger.child({ requestId: origin.requestId, platform: 'slack' }));
  });
}
