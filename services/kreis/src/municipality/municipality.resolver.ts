import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { KreisContext } from '../context';
import { ProviderType } from '../provider/provider.type';
import { MunicipalityType } from './municipality.type';

@Resolver(() => MunicipalityType)
export class MunicipalityResolver {
  @Query(() => [MunicipalityType], { description: 'The 13 municipalities of Kreis Wesel.' })
  municipalities(@Ctx() { services }: KreisContext) {
    return services.municipalities.list();
  }

  @FieldResolver(() => ProviderType, { description: 'Default provider, by bank of the Rhine.' })
  provider(@Root() municipality: MunicipalityType, @Ctx() { services }: KreisContext) {
    return services.municipalities.defaultProvider(municipality);
  }
}
