import type { DataSource } from 'typeorm';
import { CourseEntity } from './course.entity';

/** Every statement on the course catalogue. */
export class CourseRepository {
  constructor(private readonly dataSource: DataSource) {}

  list(module?: string): Promise<CourseEntity[]> {
    return this.dataSource.getRepository(CourseEntity).find({ where: module ? { module } : {}, order: { startsOn: 'ASC', id: 'ASC' } });
  }

  async insert(fields: CourseEntity): Promise<CourseEntity> {
    const course = this.dataSource.getRepository(CourseEntity).create(fields);
    await this.dataSource.getRepository(CourseEntity).insert(course);
    return course;
  }
}
