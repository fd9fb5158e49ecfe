import type { CommandSpec } from './command.js';
import { chartCommand } from './chart.js';
import { compareCommand } from './compare.js';
import { scoreboardCommand } from './scoreboard.js';
import { factsCommand } from './facts.js';
import { helpCommand } from './help.js';
import { historyCommand } from './history.js';
import { listCommand } from './list.js';
import { milestonesCommand } from './milestones.js';
import { digestCommand } from './digest.js';
import { subscribeCommand } from './subscribe.js';
import { subscriptionsCommand } from './subscriptions.js';
import { unsubscribeCommand } from './unsubscribe.js';
import { trackCommand } from './track.js';
import { untrackCommand } from './untrack.js';
import { renameCommand } from './rename.js';
import { auditCommand } from './audit.js';

/** Every command, in the order help lists them. Adding one = one file plus one line here. */
export const COMMANDS: readonly CommandSpec[] = [
  compareCommand,
  scoreboardCommand,
  historyCommand,
  chartCommand,
  milestonesCommand,
  factsCommand,
  listCommand,
  trackCommand,
  untrackCommand,
  renameCommand,
  subscribeCommand,
  unsubscribeCommand,
  subscriptionsCommand,
  digestCommand,
  auditCommand,
  helpCommand,
];
