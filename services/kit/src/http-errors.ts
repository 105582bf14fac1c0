import type { ErrorRequestHandler } from 'express';
import type { Logger } from './logger';

/**
 * Answers a body that cannot be read (not JSON, too large) with a GraphQL-shaped
 * error. Express's default handler would log the raw body, which may hold
 * personal data, and send an HTML stack trace.
 */
export function requestBodyErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) return next(error);
    const type = typeof error?.type === 'string' ? error.type : 'unknown';
    const tooLarge = type === 'entity.too.large';
    const status = tooLarge ? 413 : typeof error?.status === 'number' && error.status < 500 ? error.status : 400;
    logger.warn('request body rejected', { type, status });
    res.status(status).json({
      errors: [
        {
          message: tooLarge ? 'The request body is larger than this service accepts.' : 'The request body is not valid JSON.',
          extensions: { code: tooLarge ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST' },
        },
      ],
    });
  };
}
