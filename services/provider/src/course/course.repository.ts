import type { DataSource } from 'typeorm';
import { inTransaction } from '@durchstarten/kit';
import { CourseEntity } from './course.entity';

/** Every statement on the course catalogue. */
export class CourseRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(module?: string): Promise<CourseEntity[]> {
    return this.dataSource.getRepository(CourseEntity).find({ where: module ? { module } : {}, order: { startsOn: 'ASC', id: 'ASC' } });
  }

  async insert(fields: CourseEntity): Promise<CourseEntity> {
    const course = this.dataSource.getRepository(CourseEntity).create(fields);
    // In a transaction of its own, which on SQLite waits for the others: alone on the shared connection, the insert
    // would join another request's transaction and be undone by its rollback.
    await inTransaction(this.dataSource, (manager) => manager.insert(CourseEntity, course));
    return course;
  }
}
