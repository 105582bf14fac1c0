import { Directive, Field, ID, InterfaceType, ObjectType } from 'type-graphql';
import { type ProviderRegistry, providerTypePrefix } from '@durchstarten/contracts';

/** What kreis knows of a provider case: only that it exists, under the referral's id. */
@InterfaceType('ProviderCase', {
  autoRegisterImplementations: false,
  resolveType: (value: { __typename: string }) => value.__typename,
  description: 'A referral as the provider works it. Same id as the referral.',
})
export abstract class ProviderCaseStub {
  @Field(() => ID, { description: 'Same id as the referral.' })
  id: string;
}

export interface ProviderCaseLink {
  __typename: string;
  id: string;
}

const stubClasses = new Map<string, Function>();

/**
 * One `<Prefix>Case @key(fields: "id", resolvable: false)` stub per registered
 * provider. Memoised: type-graphql's metadata is global, so a second class of the
 * same name in one process would clash.
 */
export function providerCaseStubs(registry: ProviderRegistry): Function[] {
  return registry.providers.map((provider) => {
    const typeName = `${providerTypePrefix(provider.id)}Case`;
    let stub = stubClasses.get(typeName);
    if (!stub) {
      @ObjectType(typeName, { implements: ProviderCaseStub })
      @Directive('@key(fields: "id", resolvable: false)')
      class GeneratedCaseStub extends ProviderCaseStub {
        @Field(() => ID)
        declare id: string;
      }
      stub = GeneratedCaseStub;
      stubClasses.set(typeName, stub);
    }
    return stub;
  });
}

export function providerCaseLink(providerId: string, referralId: string): ProviderCaseLink {
  return { __typename: `${providerTypePrefix(providerId)}Case`, id: referralId };
}
