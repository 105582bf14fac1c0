import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ArgumentValidationError } from 'type-graphql';
import type { Logger } from './logger';

/** Error codes (in `extensions.code`) this graph returns. */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

/** A rule was broken by the caller's input; `field` names the input field where that helps. */
export class ValidationError extends GraphQLError {
  constructor(message: string, field?: string) {
    super(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...(field ? { field } : {}) } });
  }
}

export class NotFoundError extends GraphQLError {
  constructor(what: string, id: string) {
    super(`${what} ${id} does not exist.`, { extensions: { code: ErrorCode.NOT_FOUND } });
  }
}

export class ForbiddenError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.FORBIDDEN } });
  }
}

export class ConflictError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.CONFLICT } });
  }
}

/** Codes whose message was written for the client; anything else is replaced by a generic error. */
const KNOWN_CODES = new Set<string>([
  ...Object.values(ErrorCode).filter((code) => code !== ErrorCode.INTERNAL_SERVER_ERROR),
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * Maps errors to what a client may see. Rule errors pass through; class-validator
 * failures become BAD_USER_INPUT listing the properties and constraints (never the
 * rejected values: they may be personal data); anything else (a database error,
 * a bug) becomes a generic error that reveals no SQL, and is logged by name only.
 */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof ArgumentValidationError) {
      const problems = original.extensions.validationErrors as Array<{
        property: string;
        constraints?: Record<string, string>;
        children?: unknown[];
      }>;
      const details = flattenValidation(problems);
      return {
        message: `Invalid input: ${details.map((d) => `${d.field} ${d.message}`).join('; ')}.`,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: ErrorCode.BAD_USER_INPUT, fields: details.map((d) => d.field) },
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && KNOWN_CODES.has(code)) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    logger.error('unexpected error while resolving', {
      error: original instanceof Error ? original.name : typeof original,
      path: formatted.path?.join('.'),
    });
    return {
      message: 'Internal error: this part of the request could not be completed.',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

function flattenValidation(
  errors: Array<{ property: string; constraints?: Record<string, string>; children?: unknown[] }>,
  prefix = '',
): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    for (const message of Object.values(e.constraints ?? {})) out.push({ field, message });
    if (e.children?.length) out.push(...flattenValidation(e.children as typeof errors, field));
  }
  return out;
}

/** The text without surrounding blanks; a text that is nothing but blanks is refused rather than stored empty. */
export function requireText(value: string, field: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new ValidationError(`${field} must not be empty.`, field);
  return trimmed;
}
