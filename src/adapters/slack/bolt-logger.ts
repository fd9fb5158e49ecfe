import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

/** Bolt's logger interface over our pino logger, so Bolt's own lines share our format and redaction. */
export function boltLogger(logger: Logger): BoltLogger {
  let level = LogLevel.INFO;
  const log = logger.child({ component: 'bolt' });
  const join = (msg: unknown[]) => msg.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  // Bolt logs at debug several times per request: only build the line when it will be written.
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (...msg: unknown[]) => {
    if (log.isLevelEnabled(level)) log[level](join(msg));
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    setLevel: (l) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
