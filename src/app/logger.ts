import { pino, type Logger } from 'pino';

/** Never let a secret reach the log, whatever object gets logged. */
const REDACT = [
  'token', 'botToken', 'appToken', 'signingSecret', 'clientSecret', 'password', 'authorization',
  '*.token', '*.botToken', '*.appToken', '*.signingSecret', '*.clientSecret', '*.password', '*.authorization',
  'headers.authorization', 'req.headers.authorization', 'config.SLACK_BOT_TOKEN', 'config.SLACK_SIGNING_SECRET', 'config.SLACK_APP_TOKEN', 'config.DISCORD_TOKEN',
];

/** Structured JSON logs on stderr, so stdout stays for replies (console, ask). */
export function createLogger(level: string | undefined, fallback: string = 'info'): Logger {
  return pino({ level: level ?? fallback, redact: { paths: REDACT, censor: '[redacted]' } }, pino.destination(2));
}
