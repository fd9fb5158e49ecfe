import { alignPeriods, isComplete, rowLabel } from '../compare/align-periods.js';
import { rowLeader } from '../compare/compare-latest.js';
import { defaultMetric } from '../data/catalog.js';
import { createMessage } from '../message/message.js';
import type { CommandSpec } from './command.js';
import { metricsOf } from '../metrics/served-metrics.js';
import { listActions } from './next-steps.js';

export const listCommand: CommandSpec = {
  name: 'list',
  description: 'The rivalries this bot tracks',
  usage: 'list',
  examples: ['list'],
  options: [],
  run(_args, { catalog }) {
    const fields = catalog.rivalries.map((r) => {
      const metric = defaultMetric(r);
      const latest = alignPeriods(r, metric, 'annual').filter((row) => isComplete(row, r)).at(-1);
      const leader = latest === undefined ? undefined : rowLeader(latest);
      const standing = latest === undefined ? 'no comparable year yet' : `latest ${rowLabel(latest)}: ${leader === undefined ? 'tied' : `${leader.name} leads`} on ${metric.name.toLowerCase()}`;
      return {
        label: `${r.slug} · ${catalog.isTracked(r) ? 'tracked here' : 'shipped with the bot'}`,
        value: `${r.title} · metrics: ${metricsOf(r).map((m) => m.id).join(', ')} · ${standing}`,
      };
    });
    const own = catalog.rivalries.filter((r) => catalog.isTracked(r)).length;
    const summary = `${catalog.rivalries.length} rivalr${catalog.rivalries.length === 1 ? 'y' : 'ies'}: ${catalog.rivalries.length - own} shipped with the bot, ${own} tracked in this workspace.`;
    return createMessage({
      title: 'Rivalries',
      summary,
      fields,
      context: ['Details: /rivalry compare <rivalry>', 'Track another: /rivalry track <TICKER> vs <TICKER> (channel managers)'],
      visibility: 'private',
      actions: listActions(catalog.rivalries),
      fallbackText: `${summary} ${catalog.slugs.join(', ')}`,
    });
  },
};
