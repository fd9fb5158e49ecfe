import type { Subscription } from '../core/subscriptions/subscription-service.js';
import type { Store } from './store.js';

/**
 * Every subscription not stopped, a page at a time: a pass over a million of them holds a thousand in
 * memory, not all of them (a data change's milestone pass, the earnings watcher).
 */
export async function* eachActiveSubscription(store: Pick<Store, 'activeSubscriptions'>, pageSize = 1000): AsyncGenerator<Subscription> {
  let afterId = 0;
  for (;;) {
    const page = await store.activeSubscriptions({ afterId, limit: pageSize });
    yield* page;
    const last = page.at(-1);
    if (last === undefined || page.length < pageSize) return;
    afterId = last.id;
  }
}
