import { z } from 'zod';

/**
 * The parts of an inbound Bot Framework activity the adapter reads. The SDK checks the token, not the
 * body (it casts it), so every field is checked here before anything uses it.
 */
const accountSchema = z.object({ id: z.string().min(1).max(512), name: z.string().max(512).optional(), aadObjectId: z.string().max(128).optional() });

const mentionSchema = z.object({ type: z.literal('mention'), mentioned: z.object({ id: z.string() }), text: z.string().max(1000).optional() });

export const activitySchema = z.object({
  type: z.string().min(1).max(64),
  id: z.string().max(512).optional(),
  name: z.string().max(256).optional(),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  from: accountSchema,
  recipient: accountSchema,
  conversation: z.object({
    id: z.string().min(1).max(1024),
    tenantId: z.string().max(128).optional(),
    conversationType: z.string().max(64).optional(),
  }),
  channelData: z
    .object({
      tenant: z.object({ id: z.string().max(128) }).optional(),
      team: z.object({ id: z.string().max(1024) }).optional(),
    })
    .optional(),
  text: z.string().max(100_000).optional(),
  // Entities of other types (clientInfo…) are kept out of the way, not refused.
  entities: z.array(z.unknown()).max(100).optional(),
  value: z.unknown().optional(),
  replyToId: z.string().max(512).optional(),
  localTimezone: z.string().max(64).optional(),
});

export type Activity = z.infer<typeof activitySchema>;

/** Personal (1:1), group chat or team channel. */
export type ConversationKind = 'personal' | 'groupChat' | 'channel';

export function conversationKind(activity: Activity): ConversationKind {
  const type = activity.conversation.conversationType;
  if (type === 'personal' || type === 'groupChat' || type === 'channel') return type;
  return activity.channelData?.team === undefined ? 'groupChat' : 'channel';
}

/** The tenant: what subscriptions are grouped by (the workspace), and whose rate limit a post counts against. */
export const tenantOf = (activity: Activity): string | undefined => activity.conversation.tenantId ?? activity.channelData?.tenant?.id;

/**
 * A channel post's conversation id names its thread ("19:…@thread.tacv2;messageid=171…"); the channel
 * itself is the part before ";messageid=". Replies go to the thread, subscriptions to the channel.
 */
export const channelOf = (conversationId: string): string => conversationId.split(';messageid=')[0] ?? conversationId;

/** The mentions of the bot itself (the person may mention others too). */
function botMentions(activity: Activity): string[] {
  return (activity.entities ?? []).flatMap((e) => {
    const mention = mentionSchema.safeParse(e);
    return mention.success && mention.data.mentioned.id === activity.recipient.id ? [mention.data.text ?? ''] : [];
  });
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/** Teams' message text as typed: HTML tags (<p>, other people's <at>) removed, entities decoded, spaces collapsed. */
function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (m) => ENTITIES[m] ?? m)
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The command a message carries, or undefined when it is not for the bot. In a channel or group chat
 * the bot hears only what mentions it; in a personal chat everything is for it. "@rivalry compare x"
 * → "compare x"; a bare "@rivalry" → "" (the caller answers with help). A leading "rivalry" or
 * "/rivalry" is dropped too, for people who type the command as in Slack.
 */
export function commandText(activity: Activity): string | undefined {
  const mentions = botMentions(activity);
  if (mentions.length === 0 && conversationKind(activity) !== 'personal') return undefined;
  let text = activity.text ?? '';
  for (const mention of mentions) if (mention !== '') text = text.split(mention).join(' ');
  return plainText(text).replace(/^\/?rivalry\b\s*/i, '');
}
