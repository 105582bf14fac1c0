import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { KreisContext } from '../context';
import { ConsentInput, ConsentType } from './consent.type';

@Resolver(() => ConsentType)
export class ConsentResolver {
  @FieldResolver(() => Boolean, { description: 'Granted and not withdrawn.' })
  active(@Root() consent: ConsentType): boolean {
    return consent.withdrawnOn == null;
  }

  @Mutation(() => ConsentType)
  grantConsent(@Arg('input', () => ConsentInput) input: ConsentInput, @Ctx() { services }: KreisContext) {
    return services.consents.grant(input);
  }

  @Mutation(() => ConsentType, { description: 'Withdraws the active consent of that scope; takes effect on the next request.' })
  withdrawConsent(@Arg('input', () => ConsentInput) input: ConsentInput, @Ctx() { services }: KreisContext) {
    return services.consents.withdraw(input);
  }
}
