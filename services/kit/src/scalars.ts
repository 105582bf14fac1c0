import { GraphQLLocalDate } from 'graphql-scalars';

/** Calendar dates (YYYY-MM-DD) without time zone; shared by every subgraph under the same name. */
export const LocalDate = GraphQLLocalDate;
