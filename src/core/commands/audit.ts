import type { AuditEntry } from '../audit/audit-log.js';
import { createMessage, errorMessage } from '../message/message.js';
import type { CommandSpec } from './command.js';

const SHOWN = 20;

/** "2026-12-03 14:05 UTC": one zone for everyone reading the same trail. */
const when = (at: number): string => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

const row = (e: AuditEntry): string[] => [when(e.at), e.actor, e.action, e.target, e.channelId ?? '', e.detail ?? ''];

export const auditCommand: CommandSpec = {
  name: 'audit',
  description: 'Who changed what in this workspace: subscriptions, tracked rivalries, re-sends',
  usage: 'audit',
  examples: ['audit'],
  options: [],
  permission: 'manage-channel',
  async run(_args, context) {
    const { audit, origin } = context;
    if (audit === undefined || origin?.workspaceId === undefined) {
      return errorMessage('No audit trail here', 'Changes are recorded only where the bot keeps a database (DATABASE_PATH or DATABASE_URL) and the command comes from a workspace.');
    }
    const entries = await audit.entries({ platform: origin.platform, workspaceId: origin.workspaceId, limit: SHOWN });
    const summary = entries.length === 0 ? 'No changes recorded in this workspace yet.' : `The last ${entries.length === 1 ? 'change' : `${entries.length} changes`} in this workspace, newest first.`;
    return createMessage({
      title: 'Audit trail',
      summary,
      ...(entries.length === 0
        ? {}
        : {
            table: {
              columns: [
                { header: 'When', align: 'left' },
                { header: 'Who', align: 'left' },
                { header: 'Action', align: 'left' },
                { header: 'On', align: 'left' },
                { header: 'Channel', align: 'left' },
                { header: 'Detail', align: 'left' },
              ],
              rows: entries.map(row),
            },
          }),
      context: [`Shows up to ${SHOWN}; operators see all of it with: rivalry-bot audit`],
      visibility: 'private',
      fallbackText: [summary, ...entries.map((e) => row(e).filter((c) => c !== '').join(' · '))].join('\n'),
    });
  },
};
