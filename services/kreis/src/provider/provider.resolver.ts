import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { KreisContext } from '../context';
import { MunicipalityType } from '../municipality/municipality.type';
import { ProviderType } from './provider.type';

@Resolver(() => ProviderType)
export class ProviderResolver {
  @Query(() => [ProviderType], { description: 'The providers in the registry.' })
  providers(@Ctx() { services }: KreisContext) {
    return services.providers.providers;
  }

  @FieldResolver(() => [MunicipalityType], { description: 'Municipalities this provider serves by default.' })
  municipalities(@Root() provider: ProviderType, @Ctx() { services }: KreisContext) {
    return services.municipalities.list().filter((m) => services.municipalities.defaultProvider(m).id === provider.id);
  }
}

export function resolveProviderReference(reference: { id: string }, { services }: KreisContext) {
  return services.providers.get(reference.id) ?? null;
}
