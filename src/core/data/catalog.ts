import type { Company, Metric, Rivalry } from './schema.js';

/** The loaded rivalries, with lookups by the names people type. */
export class RivalryCatalog {
  readonly rivalries: readonly Rivalry[];
  private readonly byAlias = new Map<string, Rivalry>();

  constructor(rivalries: readonly Rivalry[]) {
    this.rivalries = [...rivalries].sort((a, b) => a.slug.localeCompare(b.slug));
    for (const r of this.rivalries) {
      for (const alias of rivalryAliases(r)) if (!this.byAlias.has(alias)) this.byAlias.set(alias, r);
    }
  }

  get slugs(): string[] {
    return this.rivalries.map((r) => r.slug);
  }

  /** Exact slug, or the same companies in another order / joined differently ("walmart-vs-amazon", "amazon-walmart"). */
  findRivalry(name: string): Rivalry | undefined {
    return this.byAlias.get(name.toLowerCase());
  }

  /** The only rivalry, when there is exactly one (so commands may omit it). */
  get onlyRivalry(): Rivalry | undefined {
    return this.rivalries.length === 1 ? this.rivalries[0] : undefined;
  }
}

function rivalryAliases(r: Rivalry): string[] {
  const ids = r.companies.map((c) => c.id);
  const aliases = [r.slug, ids.join('-vs-'), ids.join('-'), ids.join('-v-')];
  if (ids.length === 2) {
    const reversed = [...ids].reverse();
    aliases.push(reversed.join('-vs-'), reversed.join('-'), reversed.join('-v-'));
  }
  return aliases;
}

export function findMetric(rivalry: Rivalry, name: string): Metric | undefined {
  const n = name.toLowerCase();
  return rivalry.metrics.find((m) => m.id === n || m.name.toLowerCase() === n);
}

export function findCompany(rivalry: Rivalry, name: string): Company | undefined {
  const n = name.toLowerCase();
  return rivalry.companies.find((c) => c.id === n || c.ticker.toLowerCase() === n || c.name.toLowerCase() === n);
}

/** The metric a command uses when none is named: revenue when the rivalry has it, else its first. */
export function defaultMetric(rivalry: Rivalry): Metric {
  return findMetric(rivalry, 'revenue') ?? (rivalry.metrics[0] as Metric);
}
