import pino from 'pino';

/**
 * One JSON object a line, written by pino. Callers pass only technical facts (names, counts,
 * durations, error codes): never field values of a participant, never a request's variables.
 */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LEVELS)[number];

/** Where lines go: standard output unless given, e.g. a test's in-memory stream. */
export interface LogDestination {
  write(line: string): void;
}

export function createLogger(service: string, level: LogLevel = 'info', destination?: LogDestination): Logger {
  const logger = pino(
    {
      level,
      base: { service },
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      // Level names, not pino's numbers: the lines are read by people as often as by machines.
      formatters: { level: (label) => ({ level: label }) },
    },
    // Synchronous: the last lines before process.exit (a failed start, a shutdown) must not be lost.
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
  return {
    debug: (message, fields) => logger.debug(fields ?? {}, message),
    info: (message, fields) => logger.info(fields ?? {}, message),
    warn: (message, fields) => logger.warn(fields ?? {}, message),
    error: (message, fields) => logger.error(fields ?? {}, message),
  };
}

/** For tests and tools that must stay quiet. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
