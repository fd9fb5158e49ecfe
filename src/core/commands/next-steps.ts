import type { Basis, Metric, Rivalry } from '../data/schema.js';
import { button, type MessageAction } from '../message/actions.js';
import type { Subscription } from '../subscriptions/subscription-service.js';

/** The words a basis is typed as, for the commands a button runs. */
const BASIS_WORD: Record<Basis, string> = { annual: 'annual', quarter: 'quarterly', ttm: 'ttm' };
const BASIS_LABEL: Record<Basis, string> = { annual: 'Annual', quarter: 'Quarterly', ttm: 'TTM' };
const BASES: readonly Basis[] = ['annual', 'quarter', 'ttm'];

/** After a comparison: the picture, the history, the milestones, the other bases (in place), the scoreboard, and subscribing. */
export function compareActions(rivalry: Rivalry, metric: Metric, basis: Basis): MessageAction[] {
  const on = { rivalry: rivalry.slug, metric: metric.id, basis: BASIS_WORD[basis] };
  return [
    button('chart', 'Chart', { command: 'chart', options: on }),
    button('history', 'History', { command: 'history', options: on }),
    button('milestones', 'Milestones', { command: 'milestones', options: on }),
    ...BASES.filter((b) => b !== basis).map((b) => button(`basis-${b}`, BASIS_LABEL[b], { command: 'compare', options: { ...on, basis: BASIS_WORD[b] } }, 'update')),
    button('scoreboard', 'Scoreboard', { command: 'scoreboard', options: { rivalry: rivalry.slug, basis: BASIS_WORD[basis] } }),
    { type: 'form', id: 'subscribe', label: 'Subscribe this channel', form: 'subscribe', options: { rivalry: rivalry.slug } },
  ];
}

/** After a scoreboard: the other bases in place, and the headline comparison. */
export function scoreboardActions(rivalry: Rivalry, basis: Basis): MessageAction[] {
  return [
    ...BASES.filter((b) => b !== basis).map((b) => button(`basis-${b}`, BASIS_LABEL[b], { command: 'scoreboard', options: { rivalry: rivalry.slug, basis: BASIS_WORD[b] } }, 'update')),
    button('compare', 'Compare', { command: 'compare', options: { rivalry: rivalry.slug, basis: BASIS_WORD[basis] } }),
  ];
}

/** After `list`: one menu to open any rivalry's comparison. */
export function listActions(rivalries: readonly Rivalry[]): MessageAction[] {
  if (rivalries.length === 0) return [];
  return [{ type: 'select', id: 'compare', placeholder: 'Compare a rivalry…', choices: rivalries.map((r) => ({ label: r.title, run: { command: 'compare', options: { rivalry: r.slug } } })), effect: 'new' }];
}

/** Under a digest or an alert: look now. */
export function compareNowActions(rivalry: Rivalry, metric?: Metric, basis?: Basis): MessageAction[] {
  return [
    button('compare', 'Compare now', { command: 'compare', options: { rivalry: rivalry.slug, ...(metric === undefined ? {} : { metric: metric.id }), ...(basis === undefined ? {} : { basis: BASIS_WORD[basis] }) } }, 'new', 'primary'),
    button('scoreboard', 'Scoreboard', { command: 'scoreboard', options: { rivalry: rivalry.slug } }),
  ];
}

/** An Unsubscribe button per subscription (run as the clicker: refused to people who may not manage channels). */
export function unsubscribeActions(subscriptions: readonly Subscription[], currentChannel?: string): MessageAction[] {
  return subscriptions.map((s) =>
    button(
      `unsubscribe-${s.id}`,
      `Unsubscribe ${s.channelId === currentChannel ? 'here' : s.channelId} · ${s.rivalry}`.slice(0, 75),
      { command: 'unsubscribe', options: { rivalry: s.rivalry, ...(s.channelId === currentChannel ? {} : { channel: s.channelId }) } },
      'new',
      'danger',
    ),
  );
}
