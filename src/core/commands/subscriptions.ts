import { createMessage } from '../message/message.js';
import { describeSchedule } from '../subscriptions/schedule.js';
import type { CommandSpec } from './command.js';
import { channelContext } from './subscription-helpers.js';
import { unsubscribeActions } from './next-steps.js';

export const subscriptionsCommand: CommandSpec = {
  name: 'subscriptions',
  description: "This workspace's subscriptions: schedules, alerts, and any that were stopped",
  usage: 'subscriptions',
  examples: ['subscriptions'],
  options: [],
  async run(_args, context) {
    const where = channelContext(context);
    if (!where.ok) return where.message;
    const all = await where.service.listForWorkspace(where.channel.platform, where.channel.workspaceId);
    const here = all.filter((s) => s.channelId === where.channel.channelId);
    const elsewhere = all.filter((s) => s.channelId !== where.channel.channelId);
    const line = (s: (typeof all)[number]) =>
      `${s.alertsOnly ? 'alerts only' : describeSchedule(s.schedule)}${s.metrics === undefined ? '' : ` · metrics: ${s.metrics.join(', ')}`}${s.disabledReason === undefined ? '' : `\nSTOPPED: ${s.disabledReason} (subscribe again once fixed)`}`;
    const summary = all.length === 0 ? 'No subscriptions in this workspace yet. Start one with /rivalry subscribe.' : `${here.length} in this channel, ${elsewhere.length} in other channels of this workspace.`;
    return createMessage({
      title: 'Subscriptions',
      summary,
      fields: [...here.map((s) => ({ label: `This channel · ${s.rivalry}`, value: line(s) })), ...elsewhere.map((s) => ({ label: `Channel ${s.channelId} · ${s.rivalry}`, value: line(s) }))],
      visibility: 'private',
      actions: unsubscribeActions(all.filter((s) => s.disabledReason === undefined), where.channel.channelId),
      fallbackText: summary,
    });
  },
};
