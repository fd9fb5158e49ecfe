import { Client, type ActivityParams } from '@microsoft/teams.api';
import type { ILogger } from '@microsoft/teams.common';
import { z } from 'zod';

/** What the connector answers to a new or updated activity. */
const resourceSchema = z.object({ id: z.string().optional() }).passthrough();

const memberSchema = z.object({ id: z.string(), userRole: z.string().optional(), aadObjectId: z.string().optional() }).passthrough();
export type Member = z.infer<typeof memberSchema>;

export interface ConnectorOptions {
  /** The bot's outbound token (client credentials). */
  token: () => Promise<string>;
  logger: ILogger;
  /** Per request; a post that hangs is retried by the outbox rather than holding a sender. */
  timeoutMs?: number;
}

/** Ids go into URL paths: encoded, so none can reach another path ("19:…@thread.tacv2;messageid=…" stays one segment). */
const segment = (id: string) => encodeURIComponent(id);

/**
 * The Bot Framework connector (v3 REST) through the Teams SDK's API client, one per service URL:
 * Teams tells each activity which regional connector serves its conversation, and replies must go
 * there. Errors are the SDK's (axios) errors; `outcomeOf` reads their status.
 */
export class Connector {
  private readonly clients = new Map<string, Client>();

  constructor(private readonly options: ConnectorOptions) {}

  private client(serviceUrl: string): Client {
    // The connector's base URL arrives with a trailing slash; the SDK appends "/v3/…" itself.
    const base = serviceUrl.replace(/\/+$/, '');
    let client = this.clients.get(base);
    if (client === undefined) {
      client = new Client(base, { token: () => this.options.token(), logger: this.options.logger, timeout: this.options.timeoutMs ?? 15_000 });
      this.clients.set(base, client);
    }
    return client;
  }

  /** Posts an activity into a conversation (a reply when it carries replyToId); resolves to the new activity's id. */
  async send(serviceUrl: string, conversationId: string, activity: ActivityParams): Promise<string | undefined> {
    const res = await this.client(serviceUrl).conversations.activities(segment(conversationId)).create(activity);
    return resourceSchema.safeParse(res).data?.id;
  }

  /** Replaces an activity the bot sent (a card switched to another basis). */
  async update(serviceUrl: string, conversationId: string, activityId: string, activity: ActivityParams): Promise<void> {
    await this.client(serviceUrl).conversations.activities(segment(conversationId)).update(segment(activityId), activity);
  }

  /** One member of a conversation or team, with the role Teams gives them ("owner", "user", "guest"). */
  async member(serviceUrl: string, conversationId: string, userId: string): Promise<Member> {
    return memberSchema.parse(await this.client(serviceUrl).conversations.members(segment(conversationId)).getById(segment(userId)));
  }
}
