import type { ILogger, LogLevel } from '@microsoft/teams.common';
import type { Logger } from 'pino';

/** An SDK log argument as one line: errors by their message, objects as JSON (short), so nothing large or secret is dumped. */
function describe(value: unknown): string {
  if (value instanceof Error) return value.message;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value)?.slice(0, 500) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * The Teams SDK's logger interface on top of the bot's pino logger. The SDK logs at error level what
 * is routine for a public endpoint (a forged token, a bad request): those come out as warnings, and
 * its chatty info as debug; the adapter logs its own failures itself.
 */
export function sdkLogger(log: Logger, name = 'teams-sdk'): ILogger {
  const line = (level: 'debug' | 'warn' | 'trace', msg: unknown[]) => {
    const [first, ...rest] = msg;
    log[level]({ sdk: name, ...(rest.length === 0 ? {} : { detail: rest.map(describe).join(' ') }) }, describe(first));
  };
  const levels: Record<LogLevel, (msg: unknown[]) => void> = {
    error: (msg) => line('warn', msg),
    warn: (msg) => line('warn', msg),
    info: (msg) => line('debug', msg),
    debug: (msg) => line('debug', msg),
    trace: (msg) => line('trace', msg),
  };
  return {
    error: (...msg: unknown[]) => levels.error(msg),
    warn: (...msg: unknown[]) => levels.warn(msg),
    info: (...msg: unknown[]) => levels.info(msg),
    debug: (...msg: unknown[]) => levels.debug(msg),
    trace: (...msg: unknown[]) => levels.trace(msg),
    log: (level: LogLevel, ...msg: unknown[]) => levels[level](msg),
    child: (child: string) => sdkLogger(log, `${name}/${child}`),
  };
}
