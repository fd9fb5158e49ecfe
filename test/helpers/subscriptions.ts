import type { Schedule } from '../../src/core/subscriptions/schedule.js';
import type { NewSubscription } from '../../src/core/subscriptions/subscription-service.js';

export function newSubscription(overrides: Partial<Omit<NewSubscription, 'schedule'>> & { schedule?: Partial<Schedule> } = {}): NewSubscription {
  const { schedule, ...rest } = overrides;
  return {
    platform: 'slack',
    workspaceId: 'T0001',
    channelId: 'C0001',
    rivalry: 'amazon-vs-walmart',
    alertsOnly: false,
    withChart: false,
    createdBy: 'U0001',
    createdAt: '2026-01-01T00:00:00.000Z',
    ...rest,
    schedule: { frequency: 'daily', time: '09:00', zone: 'UTC', ...schedule },
  };
}
