import { type ClassType, Field, ID, ObjectType } from 'type-graphql';
import { providerTypePrefix } from '@durchstarten/contracts';

export interface DeskTypes {
  Desk: ClassType;
  DeskMutations: ClassType;
}

/** What the desk's fields hang on: the provider key, nothing more. */
export interface DeskRoot {
  providerId: string;
}

/**
 * One provider's namespaces, `<Prefix>Desk` under `Query.<id>` and
 * `<Prefix>DeskMutations` under `Mutation.<id>` (Apollo TN0012); each domain
 * adds its fields to them.
 */
export function deskTypes(providerId: string): DeskTypes {
  const prefix = providerTypePrefix(providerId);

  @ObjectType(`${prefix}Desk`, { description: `Entry point for the staff of ${providerId}.` })
  class Desk implements DeskRoot {
    @Field(() => ID, { description: 'The provider key.' })
    providerId: string;
  }

  // Its fields are nullable: they run in parallel, each in its own transaction, so one that
  // fails must not blank out the results of those that were written (Apollo TN0012).
  @ObjectType(`${prefix}DeskMutations`, {
    description: `Changes by the staff of ${providerId}. Send one change per request to keep them ordered.`,
  })
  class DeskMutations implements DeskRoot {
    @Field(() => ID)
    providerId: string;
  }

  return { Desk, DeskMutations };
}
