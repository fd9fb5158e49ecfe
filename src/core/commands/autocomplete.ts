import { defaultMetric } from '../data/catalog.js';
import type { Rivalry } from '../data/schema.js';
import type { Choice } from '../inbound.js';
import type { CommandContext, RawArgs } from './command.js';
import { metricsOf } from '../metrics/served-metrics.js';

/** Platforms show at most this many suggestions (Discord: 25). */
export const MAX_CHOICES = 25;

function matches(partial: string, ...names: string[]): boolean {
  const p = partial.trim().toLowerCase();
  return p === '' || names.some((n) => n.toLowerCase().includes(p));
}

/**
 * Suggestions for a data-backed option (rivalry, metric, company) as the user types. Answers from the
 * loaded catalog only, so it is fast enough for Discord's autocomplete window.
 */
export function autocomplete(option: string, partial: string, selected: RawArgs, { catalog }: CommandContext): Choice[] {
  const rivalry: Rivalry | undefined = (typeof selected.rivalry === 'string' ? catalog.findRivalry(selected.rivalry) : undefined) ?? catalog.onlyRivalry;
  let choices: Choice[] = [];
  if (option === 'rivalry') {
    choices = catalog.rivalries.filter((r) => matches(partial, r.slug, r.title)).map((r) => ({ name: `${r.title} (${r.slug})`, value: r.slug }));
  } else if (option === 'metric' || option === 'metrics') {
    // A list ("capex,net-m…") completes its last item and keeps the ones before it.
    const cut = option === 'metrics' ? partial.lastIndexOf(',') + 1 : 0;
    const [prefix, typed] = [partial.slice(0, cut), partial.slice(cut)];
    const rivalries = rivalry === undefined ? catalog.rivalries : [rivalry];
    const seen = new Set<string>();
    for (const r of rivalries) {
      for (const m of metricsOf(r)) {
        if (seen.has(m.id) || !matches(typed, m.id, m.name)) continue;
        seen.add(m.id);
        const label = option === 'metric' && m.id === defaultMetric(r).id ? `${m.name} (default)` : m.name;
        choices.push({ name: prefix === '' ? label : `${prefix}${m.name}`, value: `${prefix}${m.id}` });
      }
    }
  } else if (option === 'company') {
    const companies = (rivalry === undefined ? catalog.rivalries : [rivalry]).flatMap((r) => r.companies);
    choices = companies.filter((c) => matches(partial, c.id, c.name, c.ticker)).map((c) => ({ name: `${c.name} (${c.ticker})`, value: c.id }));
  }
  return choices.slice(0, MAX_CHOICES).map((c) => ({ name: c.name.slice(0, 100), value: c.value.slice(0, 100) }));
}
