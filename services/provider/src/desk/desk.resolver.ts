import { Authorized, Mutation, Query, Resolver } from 'type-graphql';
import { OWN_STAFF } from '../access';
import type { DeskRoot, DeskTypes } from './desk.type';

/** `Query.<id>` and `Mutation.<id>`: the provider's own staff enter its desk here. */
export function deskResolvers(providerId: string, { Desk, DeskMutations }: DeskTypes): [Function, ...Function[]] {
  @Resolver(() => Desk)
  class DeskResolver {
    @Query(() => Desk, { name: providerId, description: `Cases and courses of ${providerId}, for its own staff.` })
    @Authorized(OWN_STAFF)
    desk(): DeskRoot {
      return { providerId };
    }
  }

  @Resolver(() => DeskMutations)
  class DeskMutationsResolver {
    @Mutation(() => DeskMutations, { name: providerId })
    @Authorized(OWN_STAFF)
    deskMutations(): DeskRoot {
      return { providerId };
    }
  }

  return [DeskResolver, DeskMutationsResolver];
}
