import { z } from 'zod';
import type { InstallationRegistry } from '../contract.js';
import { type Activity, channelOf, conversationKind } from './activity.js';

/** Where a conversation lives: all a proactive post needs (Teams has no "post to channel X" without it). */
export const conversationRefSchema = z.object({
  /** The regional connector that serves the conversation ("https://smba.trafficmanager.net/emea/"). */
  serviceUrl: z.url({ protocol: /^https?$/ }),
  /** The channel or chat, without a thread's ";messageid=". */
  conversationId: z.string().min(1),
  tenantId: z.string().min(1),
  kind: z.enum(['personal', 'groupChat', 'channel']),
  teamId: z.string().optional(),
});

export type ConversationRef = z.infer<typeof conversationRefSchema>;

/** What an inbound activity tells about its conversation (the channel, not the thread it came from). */
export function referenceOf(activity: Activity, tenantId: string): ConversationRef {
  const team = activity.channelData?.team?.id;
  return { serviceUrl: activity.serviceUrl, conversationId: channelOf(activity.conversation.id), tenantId, kind: conversationKind(activity), ...(team === undefined ? {} : { teamId: team }) };
}

const sameRef = (a: ConversationRef, b: ConversationRef) =>
  a.serviceUrl === b.serviceUrl && a.conversationId === b.conversationId && a.tenantId === b.tenantId && a.kind === b.kind && a.teamId === b.teamId;

/** Installation rows of this platform, keyed by conversation id (tenant ids are GUIDs, conversation ids never are). */
const PLATFORM = 'teams';

/**
 * Conversation references, learned from every inbound activity and kept through the app's
 * InstallationRegistry (the bot's database), so a digest can be posted after a restart or by another
 * replica. A subscription can only be made by a command from its conversation, so its reference is
 * always saved by the time the subscription exists. Saved again only when it changes (a tenant moved
 * to another region's service URL); kept in memory as well, so posting reads the database once per
 * conversation and process.
 */
export class ConversationRefs {
  private readonly known = new Map<string, ConversationRef>();

  constructor(private readonly registry?: InstallationRegistry) {}

  async learn(ref: ConversationRef): Promise<void> {
    const current = this.known.get(ref.conversationId) ?? (await this.stored(ref.conversationId));
    if (current !== undefined && sameRef(current, ref)) {
      this.known.set(ref.conversationId, current);
      return;
    }
    await this.registry?.save(PLATFORM, ref.conversationId, ref);
    this.known.set(ref.conversationId, ref);
  }

  /** The reference of a conversation, or undefined when the bot never heard from it. Throws when the database does not answer. */
  async find(conversationId: string): Promise<ConversationRef | undefined> {
    const ref = this.known.get(conversationId) ?? (await this.stored(conversationId));
    if (ref !== undefined) this.known.set(conversationId, ref);
    return ref;
  }

  private async stored(conversationId: string): Promise<ConversationRef | undefined> {
    if (this.registry === undefined) return undefined;
    const parsed = conversationRefSchema.safeParse(await this.registry.fetch(PLATFORM, conversationId));
    return parsed.success ? parsed.data : undefined;
  }
}
