/**
 * Who changed what, where and when: subscriptions, tracked rivalries, an operator's re-sends. Entries
 * describe the change (the command's one-line summary), never secrets or the bodies of posts.
 */
export interface AuditEntry {
  /** Epoch ms. */
  at: number;
  /** The platform the change applies to ("slack", "discord"…; an operator's re-send too), or "cli" for operator actions across platforms. */
  platform: string;
  /** Absent for operator actions that span workspaces (a purge). */
  workspaceId?: string;
  channelId?: string;
  /** The platform's user id, or "operator:<name>" for the command line. */
  actor: string;
  /** The command ("subscribe", "untrack"…) or operator action ("retry", "purge"). */
  action: string;
  /** What it acted on: a rivalry slug, an outbox item. */
  target: string;
  detail?: string;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** Newest first; one workspace's when given, every entry otherwise. */
  entries(filter: { platform?: string; workspaceId?: string; limit: number }): Promise<AuditEntry[]>;
}
