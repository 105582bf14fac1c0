import { randomUUID } from 'node:crypto';
import { requireNotBefore, requireText } from '@durchstarten/kit';
import type { CourseKind, Module } from '@durchstarten/contracts';
import type { CourseEntity } from './course.entity';
import type { CourseRepository } from './course.repository';

export interface AddCourseCommand {
  title: string;
  kind: CourseKind;
  module: Module;
  startsOn: string;
  endsOn: string;
}

/** The provider's course catalogue. */
export class CourseService {
  constructor(private readonly repository: CourseRepository) {}

  list(module?: string): Promise<CourseEntity[]> {
    return this.repository.list(module);
  }

  add(command: AddCourseCommand): Promise<CourseEntity> {
    requireNotBefore(command.endsOn, command.startsOn, 'endsOn', 'startsOn');
    return this.repository.insert({ ...command, id: randomUUID(), title: requireText(command.title, 'title') });
  }
}
