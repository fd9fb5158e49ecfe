import type { AuditEntry } from '../core/audit/audit-log.js';

/** An audit_log row as both databases return it (PostgreSQL's BIGINT arrives as a string). */
export interface AuditRow {
  at: number | string;
  platform: string;
  workspace_id: string | null;
  channel_id: string | null;
  actor: string;
  action: string;
  target: string;
  detail: string | null;
}

export function toAuditEntry(r: AuditRow): AuditEntry {
  return {
    at: Number(r.at),
    platform: r.platform,
    ...(r.workspace_id === null ? {} : { workspaceId: r.workspace_id }),
    ...(r.channel_id === null ? {} : { channelId: r.channel_id }),
    actor: r.actor,
    action: r.action,
    target: r.target,
    ...(r.detail === null ? {} : { detail: r.detail }),
  };
}

export const INSERT_AUDIT_COLUMNS = 'audit_log (at, platform, workspace_id, channel_id, actor, action, target, detail)';

/** An entry's values in INSERT_AUDIT_COLUMNS order (absent fields as NULL). */
export function auditValues(e: AuditEntry): unknown[] {
  return [e.at, e.platform, e.workspaceId ?? null, e.channelId ?? null, e.actor, e.action, e.target, e.detail ?? null];
}
