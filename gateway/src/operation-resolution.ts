import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode } from 'graphql';

/**
 * Refuses, as the client's mistake (400), a request whose operation cannot be
 * picked or will not run. Apollo Server leaves both to the executor, and the
 * gateway's executor throws, which Apollo answers with a 500. The codes are those
 * Apollo Server gives without a gateway.
 */
export function operationResolution(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        // Runs after validation, also when no operation was resolved (`operation` undefined).
        async didResolveOperation({ operation, document, request }) {
          if (!operation) throw clientError(unresolvedMessage(document, request.operationName), 'OPERATION_RESOLUTION_FAILURE');
          if (operation.operation === 'subscription') {
            throw clientError('Subscriptions are not supported: this graph answers queries and mutations over HTTP.', 'BAD_REQUEST');
          }
        },
      };
    },
  };
}

function unresolvedMessage(document: DocumentNode, operationName: string | undefined): string {
  if (operationName) return `The document has no operation named "${operationName.slice(0, 100)}".`;
  const names = document.definitions.flatMap((definition) =>
    definition.kind === Kind.OPERATION_DEFINITION ? [definition.name?.value ?? '(anonymous)'] : [],
  );
  if (names.length === 0) return 'The document has no operation to run.';
  return `The document has several operations (${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}): send operationName to say which to run.`;
}

function clientError(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}
