import type { Logger } from 'pino';
import type { AuditLog } from '../core/audit/audit-log.js';

/**
 * The store's audit log for commands: a change already made must not be reported as failed because
 * its record could not be written, so a failed write is logged (with the entry, which holds no
 * secrets) instead of thrown.
 */
export function commandAudit(log: AuditLog, logger: Logger): AuditLog {
  return {
    record: async (entry) => {
      try {
        await log.record(entry);
      } catch (err) {
        logger.error({ err, entry }, 'could not write the audit entry');
      }
    },
    entries: (filter) => log.entries(filter),
  };
}
