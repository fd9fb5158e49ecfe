import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { Origin } from '../../core/inbound.js';

/** The terminal is one channel of one local workspace; whoever sits at it may manage it. */
export function consoleOrigin(): Origin {
  let user = 'local';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (some containers): keep "local".
  }
  return { platform: 'console', workspaceId: 'local', channelId: 'console', userId: user, requestId: randomUUID(), canManageChannel: async () => true, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
}
