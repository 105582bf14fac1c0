import { EnvelopArmor } from '@escape.tech/graphql-armor';
import { loadGatewayConfig, queryLimitsFrom, subgraphSecretsFrom, subgraphUrlOverrides, tokenKeysFrom } from '../config';
import { limitRejection } from '../limits';
import { readSupergraph, subgraphsOf } from '../supergraph';
import { useDurchstartenTrust } from './trust-plugin';

/**
 * Hive Gateway's configuration (gateway/hive/gateway.config.mjs) from the environment our
 * gateway reads: SUPERGRAPH_PATH, `<NAME>_URL`, SUBGRAPH_SECRET_<NAME>, JWT_SECRET or
 * JWKS_URL/JWT_ISSUER/JWT_AUDIENCE, NODE_ENV, SUBGRAPH_TIMEOUT_MS, CORS_ORIGINS and the
 * LIMIT_* variables, checked the same way.
 * It adds what our subgraphs and rules demand of any gateway: the token verified as ours
 * verifies it, every subgraph request signed for that viewer, and the query limits.
 */
export function hiveGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadGatewayConfig(env);
  const names = Object.keys(subgraphsOf(readSupergraph(config.SUPERGRAPH_PATH)));
  const limits = queryLimitsFrom(config);
  const trust = { tokenKeys: tokenKeysFrom(config), subgraphSecrets: subgraphSecretsFrom(config, names) };
  // Depth, aliases, directives and tokens as our gateway counts them, with the same codes. The cost limit is
  // armor's own: it cannot see `first: $n` in variables, so it counts pages at their literal or default size.
  const armor = new EnvelopArmor({
    maxDepth: { n: limits.maxDepth, onReject: [limitRejection('QUERY_TOO_DEEP')], propagateOnRejection: false, flattenFragments: true },
    maxAliases: { n: limits.maxAliases, onReject: [limitRejection('TOO_MANY_ALIASES')], propagateOnRejection: false },
    maxTokens: { n: limits.maxTokens, onReject: [limitRejection('QUERY_TOO_LARGE')], propagateOnRejection: false },
    maxDirectives: { n: limits.maxDirectives, onReject: [limitRejection('TOO_MANY_DIRECTIVES')], propagateOnRejection: false },
    costLimit: { maxCost: limits.maxCost, onReject: [limitRejection('QUERY_TOO_COSTLY')], propagateOnRejection: false },
    blockFieldSuggestion: { enabled: !limits.fieldSuggestions },
  });
  return {
    supergraph: config.SUPERGRAPH_PATH,
    transportEntries: Object.fromEntries(Object.entries(subgraphUrlOverrides(names, env)).map(([name, location]) => [name, { location }])),
    plugins: () => [useDurchstartenTrust(trust), ...armor.protect().plugins],
    upstreamTimeout: config.SUBGRAPH_TIMEOUT_MS,
    // Hive answers every origin by default; ours only those in CORS_ORIGINS, none when it is empty.
    cors: config.CORS_ORIGINS.length
      ? { origin: config.CORS_ORIGINS, methods: ['GET', 'POST'], allowedHeaders: ['authorization', 'content-type'], credentials: false }
      : false,
    // As at our gateway: in production no introspection, no query IDE, no landing page.
    ...(config.NODE_ENV === 'production' ? { disableIntrospection: {}, graphiql: false, landingPage: false } : {}),
  };
}
