import { channel } from 'node:diagnostics_channel';

/**
 * Published with `{ platform }` each time a reply is not ready in time and the adapter acknowledges
 * first: the app counts them for /metrics without adapters knowing about metrics.
 */
export const REPLY_DEFERRED_CHANNEL = 'rivalry-bot:reply-deferred';
const deferred = channel(REPLY_DEFERRED_CHANNEL);

/**
 * Resolves to the work's result if it is ready within `ms`, else to undefined: the moment an
 * adapter acknowledges (Discord defers, Telegram says it is working) and delivers the result later.
 */
export async function readyWithin<T>(work: Promise<T>, ms: number, platform: string): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    const ready = await Promise.race([work, late]);
    if (ready === undefined && deferred.hasSubscribers) deferred.publish({ platform });
    return ready;
  } finally {
    clearTimeout(timer);
  }
}
