import { createMessage, errorMessage } from '../message/message.js';
import type { CommandSpec } from './command.js';
import { namedRivalryOption, shippedRivalry, trackingContext } from './tracking-helpers.js';
import { recordChange } from '../audit/record-change.js';

export const untrackCommand: CommandSpec = {
  name: 'untrack',
  description: 'Stop tracking a rivalry this workspace tracked (its subscriptions here stop too)',
  usage: 'untrack <rivalry>',
  examples: ['untrack nvda-vs-amd'],
  options: [namedRivalryOption],
  permission: 'manage-channel',
  async run({ rivalry }, context) {
    const where = trackingContext(context);
    if (!where.ok) return where.message;
    if (rivalry === undefined) return errorMessage('Which rivalry?', 'Name the rivalry to stop tracking.');
    if (!context.catalog.isTracked(rivalry)) return shippedRivalry(rivalry.slug);
    const outcome = await where.service.untrack(where.workspace, rivalry);
    if (outcome.kind === 'not-tracked-here') return errorMessage('Not tracked here', `"${rivalry.slug}" is no longer tracked in this workspace. See /rivalry list.`);
    const stopped = outcome.subscriptionsStopped;
    await recordChange(context, { action: 'untrack', target: rivalry.slug, detail: `${stopped} subscription(s) stopped` });
    const summary = `Stopped tracking ${rivalry.title} ("${rivalry.slug}") in this workspace; ${stopped === 0 ? 'no channel was subscribed to it' : `${stopped} subscription${stopped === 1 ? '' : 's'} stopped`}.`;
    return createMessage({ title: `Untracked: ${rivalry.title}`, summary, context: [`Track it again any time: /rivalry track ${rivalry.companies.map((c) => c.ticker).join(' vs ')}`], fallbackText: summary });
  },
};
