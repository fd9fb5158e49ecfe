import { createMessage, errorMessage, type Message } from '../../core/message/message.js';
import { formatExactMillions } from '../../core/format/numbers.js';
import { metricDefinition } from '../../core/metrics/metric-definitions.js';
import type { SyncResult } from './sync-rivalries.js';
import type { SyncChange } from './sync-metrics.js';

const line = (c: SyncChange) => (c.kind === 'added' ? `+ ${c.fiscalLabel}: ${formatExactMillions(c.to)} (${c.source})` : `~ ${c.fiscalLabel}: ${formatExactMillions(c.from ?? 0)} → ${formatExactMillions(c.to)} (${c.source})`);

/** A metric new to the rivalry is one line per company: how many figures, from when to when. */
function newMetricLine(changes: readonly SyncChange[]): string {
  const spans = (['annual', 'quarter'] as const).flatMap((basis) => {
    const of = changes.filter((c) => c.basis === basis);
    return of.length === 0 ? [] : [`${of[0]?.fiscalLabel ?? ''}–${of.at(-1)?.fiscalLabel ?? ''}`];
  });
  return `+ ${changes.length} figures, ${spans.join(' and ')} (new metric)`;
}

/** What a sync did, as a neutral message for the console (and any channel that wants it): changes per rivalry, company and metric. */
export function syncReport(result: SyncResult): Message {
  if (result.failures.length > 0) {
    return errorMessage('SEC sync failed: nothing was changed', result.failures.join('\n'), result.warnings);
  }
  const counts = (kind: string) => result.changes.filter((c) => c.kind === kind).length;
  const added = result.metricsAdded.map((m) => `${metricDefinition(m.metric).name} (${m.rivalry})`);
  const summary =
    result.changes.length === 0
      ? `Up to date: no new or changed figures for ${result.rivalries.join(', ') || 'any rivalry'}.`
      : `${counts('added')} added, ${counts('changed')} changed (restated), ${counts('sourced')} matched to their filings, in ${result.written.length} rivalr${result.written.length === 1 ? 'y' : 'ies'}.${added.length === 0 ? '' : ` New metric${added.length === 1 ? '' : 's'}: ${added.join(', ')}.`}`;
  const fresh = new Set(result.metricsAdded.map((m) => `${m.rivalry}|${m.metric}`));
  const groups = new Map<string, SyncChange[]>();
  for (const c of result.changes) {
    if (c.kind === 'sourced') continue;
    const label = `${c.rivalry} · ${c.company} · ${metricDefinition(c.metric).name}`;
    groups.set(label, [...(groups.get(label) ?? []), c]);
  }
  const fields = [...groups].map(([label, changes]) => {
    const first = changes[0] as SyncChange;
    const value = fresh.has(`${first.rivalry}|${first.metric}`) ? newMetricLine(changes) : changes.map(line).join('\n');
    return { label, value };
  });
  return createMessage({
    title: 'SEC sync',
    summary,
    fields,
    context: [...result.warnings, 'Figures are USD millions from SEC XBRL company facts; the latest filing wins for a period.'],
    visibility: 'private',
    fallbackText: summary,
  });
}
