import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema, parse } from 'graphql';
import { buildSchema, createResolversMap, type BuildSchemaOptions } from 'type-graphql';

/** Federation spec version every subgraph links; composition 2.14 and Hive Gateway both support it. */
export const FEDERATION_SPEC = 'https://specs.apollo.dev/federation/v2.5';

export interface SubgraphSchemaOptions extends Omit<BuildSchemaOptions, 'skipCheck'> {
  /** Federation directives this subgraph uses; each must be imported in its @link. */
  federationDirectives: string[];
  /** `__resolveReference` and other resolvers type-graphql does not generate, by type name. */
  referenceResolvers?: Record<string, Record<string, unknown>>;
}

/**
 * Builds a subgraph schema from type-graphql classes: type-graphql builds the
 * executable schema, the SDL is printed with its directives (graphql-js's own
 * printer would drop @key), and @apollo/subgraph adds the federation fields.
 */
export async function buildFederatedSchema(options: SubgraphSchemaOptions): Promise<GraphQLSchema> {
  const { federationDirectives, referenceResolvers = {}, ...buildOptions } = options;
  const typeGraphqlSchema = await buildSchema({ ...buildOptions, skipCheck: true });
  const link = `extend schema @link(url: "${FEDERATION_SPEC}", import: [${federationDirectives.map((d) => `"${d}"`).join(', ')}])`;
  const typeDefs = parse(`${link}\n\n${printSchemaWithDirectives(typeGraphqlSchema)}`);
  const resolvers = createResolversMap(typeGraphqlSchema) as Record<string, Record<string, unknown>>;
  for (const [typeName, extra] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] ?? {}), ...extra };
  }
  return buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> });
}
