import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum RhineBankEnum {
  LEFT = 'LEFT',
  RIGHT = 'RIGHT',
}
registerEnumType(RhineBankEnum, { name: 'RhineBank', description: 'Bank of the Rhine; it decides the default provider.' });

@ObjectType('Municipality', { description: 'One of the 13 municipalities of Kreis Wesel.' })
export class MunicipalityType {
  @Field(() => ID, { description: 'Slug, e.g. "moers".' })
  id: string;

  @Field(() => String)
  name: string;

  @Field(() => RhineBankEnum)
  bank: RhineBankEnum;
}
