import { subscribe } from 'node:diagnostics_channel';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { REPLY_DEFERRED_CHANNEL } from '../../adapters/ready-within.js';

/**
 * Every figure /metrics reports, on the bot's own registry. Labels stay low-cardinality: platform,
 * command, outcome, never a workspace, channel or user. Gauges that read the store are filled in at
 * scrape time by `watchStore` (./store-gauges.ts).
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const commandsHandled = new Counter({
  name: 'rivalry_commands_total',
  help: 'Commands, clicks and forms handled, by platform, command and outcome.',
  labelNames: ['platform', 'command', 'outcome'] as const,
  registers: [registry],
});

export const commandSeconds = new Histogram({
  name: 'rivalry_command_duration_seconds',
  help: 'Time to answer a command (platforms wait 3 s for an interaction reply before it must be deferred).',
  labelNames: ['platform', 'command'] as const,
  buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10],
  registers: [registry],
});

export const repliesDeferred = new Counter({
  name: 'rivalry_replies_deferred_total',
  help: 'Replies not ready within the platform window: acknowledged first (Discord defers, Telegram and Teams say they are working), delivered later. Slack acknowledges every command at once and always answers through response_url.',
  labelNames: ['platform'] as const,
  registers: [registry],
});

/** What happened to one attempt at a channel post. */
export type PostOutcome = 'sent' | 'retried' | 'rate-limited' | 'dead' | 'rejected';

export const postsTotal = new Counter({
  name: 'rivalry_posts_total',
  help: 'Channel post attempts (digests, alerts, earnings updates) by platform and outcome.',
  labelNames: ['platform', 'outcome'] as const,
  registers: [registry],
});

export const schedulerLagSeconds = new Histogram({
  name: 'rivalry_scheduler_lag_seconds',
  help: 'How late a digest slot was queued after its due time.',
  buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600],
  registers: [registry],
});

export const secRequests = new Counter({
  name: 'rivalry_sec_requests_total',
  help: 'Requests to SEC EDGAR by outcome (ok, not-modified, not-found, rate-limited, server-error, refused, unreachable).',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const secSyncs = new Counter({
  name: 'rivalry_sec_syncs_total',
  help: 'Scheduled SEC syncs by outcome (ok, failed).',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

export const secLastSuccess = new Gauge({
  name: 'rivalry_sec_last_success_timestamp_seconds',
  help: 'When a SEC sync last succeeded (Unix time; 0: not since this process started).',
  registers: [registry],
});

/** Prometheus text for a scrape. */
export async function scrape(): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}

subscribe(REPLY_DEFERRED_CHANNEL, (message) => {
  const platform = (message as { platform?: unknown }).platform;
  repliesDeferred.inc({ platform: typeof platform === 'string' ? platform : 'unknown' });
});
