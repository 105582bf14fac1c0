import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { insertInChunks, requireNotBefore, requireText } from '@durchstarten/kit';
import type { CourseInput } from '../records/records.type';
import { CourseEntity } from './course.entity';

/** The provider's course catalogue. */
export class CourseService {
  constructor(private readonly dataSource: DataSource) {}

  list(module?: string): Promise<CourseEntity[]> {
    return this.dataSource.getRepository(CourseEntity).find({ where: module ? { module } : {}, order: { startsOn: 'ASC', id: 'ASC' } });
  }

  async add(input: CourseInput): Promise<CourseEntity> {
    requireNotBefore(input.endsOn, input.startsOn, 'endsOn', 'startsOn');
    const course = this.dataSource
      .getRepository(CourseEntity)
      .create({ ...input, id: randomUUID(), title: requireText(input.title, 'title') });
    await this.dataSource.getRepository(CourseEntity).insert(course);
    return course;
  }

  /** Inserts seed rows inside the caller's transaction: a seed loads an organisation's whole part or nothing. */
  async importMany(rows: CourseEntity[], manager: EntityManager): Promise<void> {
    await insertInChunks(manager, CourseEntity, rows, 6);
  }
}
