import { createMessage, errorMessage } from '../message/message.js';
import type { CommandSpec } from './command.js';
import { nameOption } from './options.js';
import { companyToRenameOption, namedRivalryOption, shippedRivalry, trackingContext } from './tracking-helpers.js';
import { recordChange } from '../audit/record-change.js';

export const renameCommand: CommandSpec = {
  name: 'rename',
  description: 'Change how a company is named in a rivalry this workspace tracks',
  usage: 'rename <rivalry> <TICKER> <name>',
  examples: ['rename cost-vs-tgt COST Costco', 'rename nvda-vs-amd AMD AMD'],
  options: [namedRivalryOption, companyToRenameOption, nameOption],
  permission: 'manage-channel',
  async run({ rivalry, company, name }, context) {
    const where = trackingContext(context);
    if (!where.ok) return where.message;
    if (rivalry === undefined || company === undefined || name === undefined) return errorMessage('What to rename?', 'Usage: /rivalry rename <rivalry> <TICKER> <name>');
    if (!context.catalog.isTracked(rivalry)) return shippedRivalry(rivalry.slug);
    const outcome = await where.service.rename(where.workspace, rivalry, company.id, name);
    if (outcome.kind === 'not-tracked-here') return errorMessage('Not tracked here', `"${rivalry.slug}" is no longer tracked in this workspace. See /rivalry list.`);
    if (outcome.kind === 'invalid') return errorMessage('That name cannot be used', outcome.detail);
    await recordChange(context, { action: 'rename', target: outcome.rivalry.slug, detail: `${company.ticker}: "${outcome.from}" → "${name}"` });
    const summary = `${company.ticker} is now shown as "${name}" (was "${outcome.from}") in ${outcome.rivalry.slug}.`;
    return createMessage({ title: `Renamed in ${outcome.rivalry.title}`, summary, fallbackText: summary });
  },
};
