import { execFileSync } from 'node:child_process';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { cpus } from 'node:os';
import { pino, type Logger } from 'pino';

/**
 * Servers on CPU 0, the load generator on CPU 1 (Linux `taskset`, 2+ CPUs; PIN=0 turns it off): left to
 * the scheduler, the client sometimes shares the servers' core and its own work lands inside the
 * servers' timings (seen here as rivalry-bot's server-side p50 flipping between ~0.47 and ~0.9 ms from
 * run to run). Returns the command and arguments that start the client on its own CPU.
 */
export function pinApart(command: string, args: string[]): [string, string[]] {
  if (process.env['PIN'] === '0' || cpus().length < 2) return [command, args];
  try {
    execFileSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
    return ['taskset', ['-c', '1', command, ...args]];
  } catch {
    return [command, args];
  }
}

/**
 * The logger the compared servers get: what `serve` runs with (info level, the redaction of
 * src/app/logger.ts) but written to /dev/null, so every log line's cost is measured without flooding
 * the terminal. BENCH_LOG=silent measures without logging, BENCH_LOG=debug with more of it.
 */
export function benchLogger(): Logger {
  const level = process.env['BENCH_LOG'] ?? 'info';
  if (level === 'silent') return pino({ level });
  const paths = ['token', 'botToken', 'appToken', 'signingSecret', 'clientSecret', 'password', 'authorization', '*.token', '*.botToken', '*.appToken', '*.signingSecret', '*.clientSecret', '*.password', '*.authorization',
    'headers.authorization', 'req.headers.authorization', 'config.SLACK_BOT_TOKEN', 'config.SLACK_SIGNING_SECRET', 'config.SLACK_APP_TOKEN', 'config.DISCORD_TOKEN'];
  return pino({ level, redact: { paths, censor: '[redacted]' } }, pino.destination({ dest: '/dev/null', sync: true }));
}

/**
 * Server-side request timing (request event → response 'finish'), recorded per server name while
 * that server is the one being measured. Wraps every compared server's listener alike.
 */
export class ServerTiming<Name extends string> {
  readonly samples = new Map<Name, number[]>();
  recording: Name | undefined;

  wrap(name: Name, listener: RequestListener): RequestListener {
    return (req: IncomingMessage, res: ServerResponse) => {
      const t0 = performance.now();
      res.once('finish', () => {
        if (this.recording !== name) return;
        const list = this.samples.get(name) ?? [];
        list.push(performance.now() - t0);
        this.samples.set(name, list);
      });
      listener(req, res);
    };
  }

  of(name: Name): number[] {
    return this.samples.get(name) ?? [];
  }
}
