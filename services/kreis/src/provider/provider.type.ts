import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { RhineBankEnum } from '../municipality/municipality.type';

@ObjectType('Provider', { description: 'A training provider that runs the modules in its half of the Kreis.' })
@Directive('@key(fields: "id")')
export class ProviderType {
  @Field(() => ID, { description: 'Key of the provider, also the name of its subgraph, e.g. "klausenhof".' })
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { description: 'Town of the provider’s seat.' })
  seat: string;

  @Field(() => RhineBankEnum, { description: 'The bank of the Rhine whose municipalities it serves by default.' })
  bank: RhineBankEnum;
}
