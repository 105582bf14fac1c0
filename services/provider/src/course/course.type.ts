import { Length } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { CourseKind, Module } from '@durchstarten/contracts';
import { LocalDate } from '@durchstarten/kit';
import type { AddCourseCommand } from './course.service';

// Course, the object type, is every provider's contract: see @durchstarten/contracts' provider-case.

@InputType()
export class CourseInput implements AddCourseCommand {
  @Field(() => String)
  @Length(1, 200)
  title: string;

  @Field(() => CourseKind)
  kind: CourseKind;

  @Field(() => Module)
  module: Module;

  @Field(() => LocalDate)
  startsOn: string;

  @Field(() => LocalDate)
  endsOn: string;
}
