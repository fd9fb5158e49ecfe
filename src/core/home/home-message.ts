import type { CommandContext } from '../commands/command.js';
import { listActions, unsubscribeActions } from '../commands/next-steps.js';
import { createMessage, type Message } from '../message/message.js';
import { allMilestones } from '../milestones/all-milestones.js';
import { describeSchedule } from '../subscriptions/schedule.js';

const LATEST_MILESTONES = 5;

/**
 * The bot's home for one person in one workspace (Slack's App Home): the rivalries it sees, the
 * workspace's subscriptions (with Unsubscribe buttons for people who may manage channels), and the
 * latest milestones.
 */
export async function homeMessage(context: CommandContext): Promise<Message> {
  const { catalog, origin, subscriptions } = context;
  const subs = origin?.workspaceId === undefined || subscriptions === undefined ? [] : await subscriptions.listForWorkspace(origin.platform, origin.workspaceId);
  const canManage = origin?.canManageChannel === undefined ? false : await origin.canManageChannel().catch(() => false);
  const milestones = catalog.rivalries
    .flatMap((r) => allMilestones(r).filter((m) => !m.routine).map((m) => ({ r, m })))
    .sort((a, b) => b.m.periodEnd.localeCompare(a.m.periodEnd))
    .slice(0, LATEST_MILESTONES);
  const summary = `${catalog.rivalries.length} rivalr${catalog.rivalries.length === 1 ? 'y' : 'ies'} · ${subs.length} subscription${subs.length === 1 ? '' : 's'} in this workspace.`;
  return createMessage({
    title: 'rivalry-bot',
    summary,
    fields: [
      { label: 'Rivalries', value: catalog.rivalries.map((r) => `${r.title} (${r.slug}${catalog.isTracked(r) ? ', tracked here' : ''})`).join('\n') || 'none yet: /rivalry track <TICKER> vs <TICKER>' },
      { label: 'Subscriptions in this workspace', value: subs.map((s) => `channel ${s.channelId} · ${s.rivalry} · ${s.alertsOnly ? 'alerts only' : describeSchedule(s.schedule)}${s.disabledReason === undefined ? '' : ' · STOPPED'}`).join('\n') || 'none yet: /rivalry subscribe in a channel' },
      { label: 'Latest milestones', value: milestones.map(({ r, m }) => `${r.title} · ${m.periodLabel}: ${m.headline}`).join('\n') || 'none yet' },
    ],
    context: [canManage ? 'You may manage subscriptions: unsubscribe a channel below.' : 'Only workspace admins (or people the operator lists) can change subscriptions.'],
    visibility: 'private',
    actions: [...listActions(catalog.rivalries), ...(canManage ? unsubscribeActions(subs.filter((s) => s.disabledReason === undefined)) : [])],
    fallbackText: summary,
  });
}
