import { createMessage, errorMessage, type Message } from '../../core/message/message.js';
import { formatExactMillions } from '../../core/format/numbers.js';
import type { SyncResult } from './sync-rivalries.js';

/** What a sync did, as a neutral message for the console (and any channel that wants it). */
export function syncReport(result: SyncResult): Message {
  if (result.failures.length > 0) {
    return errorMessage('SEC sync failed: nothing was changed', result.failures.join('\n'), result.warnings);
  }
  const counts = (kind: string) => result.changes.filter((c) => c.kind === kind).length;
  const summary =
    result.changes.length === 0
      ? `Up to date: no new or changed figures for ${result.rivalries.join(', ') || 'any rivalry'}.`
      : `${counts('added')} added, ${counts('changed')} changed (restated), ${counts('sourced')} matched to their filings, in ${result.written.length} rivalr${result.written.length === 1 ? 'y' : 'ies'}.`;
  const byCompany = new Map<string, string[]>();
  for (const c of result.changes) {
    if (c.kind === 'sourced') continue;
    const line = c.kind === 'added' ? `+ ${c.fiscalLabel}: ${formatExactMillions(c.to)} (${c.source})` : `~ ${c.fiscalLabel}: ${formatExactMillions(c.from ?? 0)} → ${formatExactMillions(c.to)} (${c.source})`;
    byCompany.set(`${c.rivalry} · ${c.company}`, [...(byCompany.get(`${c.rivalry} · ${c.company}`) ?? []), line]);
  }
  return createMessage({
    title: 'SEC sync',
    summary,
    fields: [...byCompany].map(([label, lines]) => ({ label, value: lines.join('\n') })),
    context: [...result.warnings, 'Figures are USD millions from SEC XBRL company facts; the latest filing wins for a period.'],
    visibility: 'private',
    fallbackText: summary,
  });
}
