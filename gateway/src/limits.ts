import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { GraphQLError, Lexer, Source, TokenKind, type GraphQLFormattedError, type ValidationContext } from 'graphql';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  maxDirectives: number;
  /** Off in production: suggestions would let a stranger map the schema. */
  fieldSuggestions: boolean;
}

/**
 * A graphql-armor rejection with the code of the limit that was hit. Validation rules
 * report into the context; the token limit runs while parsing, with no context, so it throws.
 */
export const limitRejection = (code: string) => (context: ValidationContext | null, error: GraphQLError) => {
  const message = error.message.replace(/^Syntax Error: /, '');
  const rejection = new GraphQLError(message, { extensions: { code, limit: code, http: { status: 400 } } });
  if (!context) throw rejection;
  context.reportError(rejection);
};

/**
 * Hostile-query protection at the gateway (graphql-armor): depth, aliases and
 * directives, each rejected before any subgraph is called, with its own code
 * so clients can tell which limit they hit.
 */
export function queryProtection(limits: QueryLimits) {
  const reject = limitRejection;
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, onReject: [reject('QUERY_TOO_DEEP')], propagateOnRejection: false, flattenFragments: true },
    maxAliases: { n: limits.maxAliases, onReject: [reject('TOO_MANY_ALIASES')], propagateOnRejection: false },
    // Counted before parsing instead, by tokenLimit(): armor's parse-time check cannot report its own code in Apollo Server.
    maxTokens: { enabled: false },
    maxDirectives: { n: limits.maxDirectives, onReject: [reject('TOO_MANY_DIRECTIVES')], propagateOnRejection: false },
    // Cost is checked by costLimit() once variables are known: armor's rule cannot see `first: $n`.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: !limits.fieldSuggestions },
  });
  return armor.protect();
}

/**
 * Refuses a query with more than `maxTokens` lexical tokens before it is parsed:
 * a long query costs the parser even when every later check would refuse it.
 */
export function tokenLimit(maxTokens: number): RequestHandler {
  return (req, res, next) => {
    const query = (req.body as { query?: unknown } | undefined)?.query ?? req.query.query;
    if (typeof query !== 'string' || !exceedsTokens(query, maxTokens)) return next();
    res
      .status(400)
      .json({ errors: [{ message: `The query has more than ${maxTokens} tokens.`, extensions: { code: 'QUERY_TOO_LARGE' } }] });
  };
}

function exceedsTokens(query: string, maxTokens: number): boolean {
  const lexer = new Lexer(new Source(query));
  try {
    for (let count = 0; lexer.advance().kind !== TokenKind.EOF; count += 1) if (count >= maxTokens) return true;
  } catch {
    return false; // a syntax error: the parser will report it properly
  }
  return false;
}

/**
 * Apollo Server files every validation error under GRAPHQL_VALIDATION_FAILED;
 * this puts back the code of the limit that was hit.
 */
export function limitErrorCode(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const limit = formatted.extensions?.limit;
  if (typeof limit !== 'string') return formatted;
  const { limit: _limit, ...extensions } = formatted.extensions!;
  return { ...formatted, extensions: { ...extensions, code: limit } };
}

/** A field costs 1 plus its selections, times the page size it asks for (`first`, with variables and defaults applied). */
const pagedCost: ComplexityEstimator = ({ args, childComplexity }) => {
  const pageSize = typeof args.first === 'number' && args.first > 0 ? args.first : 1;
  return 1 + childComplexity * pageSize;
};

/**
 * Refuses an operation whose estimated cost is above `maxCost`, counted after
 * variables are known, so `participants(first: $n)` costs what `$n` asks for.
 */
export function costLimit(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          let cost: number;
          try {
            cost = getComplexity({
              schema,
              query: document,
              variables: request.variables,
              operationName: request.operationName,
              estimators: [pagedCost],
            });
          } catch {
            // Variables that do not fit the operation: execution refuses them with BAD_USER_INPUT and runs nothing.
            return;
          }
          if (cost > maxCost) {
            throw new GraphQLError(
              `The query would cost ${cost}, more than the limit of ${maxCost}: ask for fewer fields or smaller pages.`,
              {
                extensions: { code: 'QUERY_TOO_COSTLY', http: { status: 400 } },
              },
            );
          }
        },
      };
    },
  };
}
