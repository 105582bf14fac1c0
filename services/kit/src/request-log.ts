import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Request, RequestHandler } from 'express';
import { getOperationAST } from 'graphql';
import type { Logger } from './logger';
import { outcomeLabel, type ServiceMetrics } from './metrics';
import { type RequestTrace, traceFor } from './tracing';

/** Error codes listed in one log line at most: a page of 1,000 failed cases is one code many times. */
const MAX_LOGGED_CODES = 10;

/**
 * One log line and one measurement per GraphQL request, whatever becomes of it (answered,
 * refused before GraphQL ran, aborted by the client). The request id is the W3C trace id: the
 * caller's (a valid `traceparent`) or a new one, answered in `x-request-id` so that a user's
 * report can be found in every service's log. The line holds the operation's name, the duration,
 * the HTTP status and the error codes: never variables, field values or error messages, which can
 * hold what a user typed.
 */
export function observeRequests(logger: Logger, metrics: ServiceMetrics): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const trace: RequestTrace = { ...traceFor(req.headers.traceparent), errorCodes: [] };
    req.trace = trace;
    res.setHeader('x-request-id', trace.traceId);
    res.once('close', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const operation = metrics.operationLabel(trace.operation);
      const errorCodes = [...new Set(trace.errorCodes)].slice(0, MAX_LOGGED_CODES);
      const outcome = res.writableFinished ? outcomeLabel(errorCodes, res.statusCode) : 'ABORTED';
      metrics.requests.inc({ operation, outcome });
      metrics.requestDuration.observe({ operation, outcome }, seconds);
      logger.info('request', {
        requestId: trace.traceId,
        operation,
        durationMs: Math.round(seconds * 10_000) / 10,
        status: res.statusCode,
        errorCodes,
        ...(res.writableFinished ? {} : { aborted: true }),
      });
    });
    next();
  };
}

/** The gateway names each subgraph fetch `<client's name>__<subgraph>__<n>`: a subgraph reports the client's name. */
function clientOperationName(name: string | null | undefined): string | undefined {
  return name?.replace(/__[a-z0-9]+__\d+$/, '') ?? undefined;
}

/**
 * Builds a request's GraphQL context with its trace in it, for the plugin below; a context that
 * cannot be built (no token, a bad one) leaves its error's code in the request's log line.
 */
export function tracedContext<C extends object>(
  createContext: (req: Request) => Promise<C> | C,
): (args: { req: Request }) => Promise<C & { trace?: RequestTrace }> {
  return async ({ req }) => {
    try {
      return Object.assign(await createContext(req), { trace: req.trace });
    } catch (error) {
      const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
      req.trace?.errorCodes.push(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR');
      throw error;
    }
  };
}

/**
 * Tells observeRequests which operation ran and which error codes its answer carries, through the
 * trace that tracedContext put in the context. A body Apollo refuses before any context exists
 * (no query in it) is logged with its HTTP status alone.
 */
export function requestObservationPlugin<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    // Only a name the document gives its operation: the request's operationName alone may be any text.
    async requestDidStart({ request, contextValue }) {
      const trace = (contextValue as { trace?: RequestTrace }).trace;
      return {
        // A document that fails validation never resolves its operation: take the name from the parsed document.
        async validationDidStart({ document }) {
          if (trace) trace.operation = clientOperationName(getOperationAST(document, request.operationName)?.name?.value);
        },
        async didResolveOperation({ operationName }) {
          if (trace) trace.operation = clientOperationName(operationName);
        },
        async willSendResponse({ response }) {
          if (!trace) return;
          const errors = response.body.kind === 'single' ? response.body.singleResult.errors : response.body.initialResult.errors;
          for (const error of errors ?? []) {
            const code = error.extensions?.code;
            trace.errorCodes.push(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR');
          }
        },
      };
    },
  };
}
