import type { types, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { HomeHandler, Origin } from '../../core/inbound.js';
import type { Message } from '../../core/message/message.js';
import { SLACK_LIMITS as L } from './limits.js';
import { renderBlockKit } from './render-block-kit.js';

/**
 * The home Message as a Home tab (100 blocks at most). `result` is the answer to a click made in the
 * Home tab, shown above it: a Home tab has no response_url and no channel to reply in.
 */
export function homeView(home: Message, result?: Message): types.HomeView {
  const top: types.KnownBlock[] = result === undefined ? [] : [...renderBlockKit(result).blocks, { type: 'divider' }];
  return { type: 'home', blocks: [...top, ...renderBlockKit(home).blocks].slice(0, L.viewBlocks) };
}

/** Builds the person's home and publishes it to their Home tab; failures are logged (there is nobody to tell). */
export async function publishHome(client: webApi.WebClient, home: HomeHandler, origin: Origin, log: Logger, result?: Message): Promise<void> {
  try {
    const view = homeView(await home(origin), result);
    await client.views.publish({ user_id: origin.userId ?? '', view });
    log.info({ blocks: view.blocks.length, withResult: result !== undefined }, 'home published');
  } catch (err) {
    log.error({ err: err instanceof Error ? err.message : String(err) }, 'could not publish the home view');
  }
}
