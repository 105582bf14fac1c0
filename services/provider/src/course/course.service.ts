import { randomUUID } from 'node:crypto';
import { type DataSource, In } from 'typeorm';
import { insertInChunks, requireNotBefore } from '../../../kit/src';
import type { CourseInput } from '../records/records.type';
import { CourseEntity } from './course.entity';

/** The provider's course catalogue. */
export class CourseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly providerId: string,
  ) {}

  findByIds(ids: readonly string[]): Promise<CourseEntity[]> {
    return this.dataSource.getRepository(CourseEntity).findBy({ id: In([...ids]) });
  }

  list(module?: string): Promise<CourseEntity[]> {
    return this.dataSource.getRepository(CourseEntity).find({ where: module ? { module } : {}, order: { startsOn: 'ASC', id: 'ASC' } });
  }

  async add(input: CourseInput): Promise<CourseEntity> {
    requireNotBefore(input.endsOn, input.startsOn, 'endsOn', 'startsOn');
    const course = this.dataSource.getRepository(CourseEntity).create({ id: `${this.providerId}-${randomUUID()}`, ...input });
    await this.dataSource.getRepository(CourseEntity).insert(course);
    return course;
  }

  async importMany(rows: CourseEntity[]): Promise<void> {
    await this.dataSource.transaction((manager) => insertInChunks(manager, CourseEntity, rows, 6));
  }
}
