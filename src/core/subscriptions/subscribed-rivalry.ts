import { workspaceKey, type RivalryCatalog } from '../data/catalog.js';
import type { Rivalry } from '../data/schema.js';
import type { Subscription } from './subscription-service.js';

/** The rivalry a subscription names, as its workspace sees the catalog (its own tracked rivalries included). */
export function subscribedRivalry(catalog: RivalryCatalog, sub: Pick<Subscription, 'platform' | 'workspaceId' | 'rivalry'>): Rivalry | undefined {
  return catalog.lookup(workspaceKey(sub.platform, sub.workspaceId), sub.rivalry);
}
