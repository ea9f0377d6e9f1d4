import { pino, type Logger as PinoLogger } from 'pino';

/** Log levels as the add-on options name them (HA's names), mapped to pino's. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warning', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type Logger = Pick<PinoLogger, 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'child' | 'level'>;

const PINO_LEVEL: Record<LogLevel, string> = {
  trace: 'trace',
  debug: 'debug',
  info: 'info',
  warning: 'warn',
  error: 'error',
};

/**
 * Structured JSON logs on stdout (the Supervisor shows them in the add-on's Log tab).
 * `destination` lets tests capture the lines.
 */
export function createLogger(level: LogLevel, destination?: NodeJS.WritableStream): Logger {
  const options = {
    level: PINO_LEVEL[level],
    base: { name: 'almanac' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A logger that drops everything, for tests that do not look at logs. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
