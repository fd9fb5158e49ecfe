import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CommandContext } from '../../src/core/commands/command.js';
import { COMMANDS } from '../../src/core/commands/index.js';
import { RivalryCatalog } from '../../src/core/data/catalog.js';
import { rivalrySchema, type Metric, type Rivalry } from '../../src/core/data/schema.js';

export const BUNDLED_FILE = fileURLToPath(new URL('../../data/rivalries/amazon-vs-walmart.json', import.meta.url));

/** A fresh, mutable copy of the bundled rivalry's JSON. */
export function bundledJson(): Record<string, unknown> & { metrics: Array<{ series: Array<{ points: Array<Record<string, unknown>> }> }> } {
  return JSON.parse(readFileSync(BUNDLED_FILE, 'utf8'));
}

export function bundledRivalry(): Rivalry {
  return rivalrySchema.parse(bundledJson());
}

export function revenue(rivalry: Rivalry): Metric {
  const metric = rivalry.metrics.find((m) => m.id === 'revenue');
  if (metric === undefined) throw new Error('bundled data has no revenue metric');
  return metric;
}

export function contextFor(rivalries: Rivalry[]): CommandContext {
  return { catalog: new RivalryCatalog(rivalries), commands: COMMANDS };
}

export function bundledContext(): CommandContext {
  return contextFor([bundledRivalry()]);
}
