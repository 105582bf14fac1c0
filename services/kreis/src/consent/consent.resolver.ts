import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { REGISTRY_WRITERS } from '../access';
import type { KreisContext } from '../context';
import { ConsentInput, ConsentType } from './consent.type';

@Resolver(() => ConsentType)
export class ConsentResolver {
  @FieldResolver(() => Boolean, { description: 'Granted and not withdrawn.' })
  active(@Root() consent: ConsentType): boolean {
    return consent.withdrawnOn == null;
  }

  @Mutation(() => ConsentType)
  @Authorized(REGISTRY_WRITERS)
  grantConsent(@Arg('input', () => ConsentInput) input: ConsentInput, @Ctx() { services }: KreisContext) {
    return services.consents.grant(input);
  }

  @Mutation(() => ConsentType, { description: 'Withdraws the active consent of that scope; takes effect on the next request.' })
  @Authorized(REGISTRY_WRITERS)
  withdrawConsent(@Arg('input', () => ConsentInput) input: ConsentInput, @Ctx() { services }: KreisContext) {
    return services.consents.withdraw(input);
  }
}
