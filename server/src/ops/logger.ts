import { type Logger, pino } from 'pino';

export type { Logger };

/**
 * JSON logs. Tokens and API keys must never reach a log line: these paths are redacted wherever
 * they appear, as a second line of defence behind never logging them in the first place.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'pokerroom' },
    redact: {
      paths: [
        'token',
        '*.token',
        'authorization',
        '*.authorization',
        'apiKey',
        '*.apiKey',
        'secret',
        '*.secret',
      ],
      censor: '[redacted]',
    },
  });
}
