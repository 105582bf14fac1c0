import { type EntityManager, In, IsNull, LessThan } from 'typeorm';
import { insertNumberedRows, takeNumber } from '@durchstarten/kit';
import { ConsentEntity } from './consent.entity';

/** Columns per row: how many rows one bulk insert may bind (see insertInChunks). */
const CONSENT_COLUMNS = 6;

/** The consent table, over one connection or within one transaction (`manager`). */
export class ConsentRepository {
  constructor(private readonly manager: EntityManager) {}

  /** Every consent of these participants, withdrawn ones too: the scope of the rows is the participant's. */
  findByParticipantIds(participantIds: readonly string[]): Promise<ConsentEntity[]> {
    return this.manager.find(ConsentEntity, { where: { participantId: In([...participantIds]) }, order: { number: 'ASC' } });
  }

  /** The participant's consent of `scope` that is not withdrawn, if any: there is at most one. */
  findActive(participantId: string, scope: string): Promise<ConsentEntity | null> {
    return this.manager.findOneBy(ConsentEntity, { participantId, scope, withdrawnOn: IsNull() });
  }

  /** Any consent of the participant granted before `date`. */
  findOneGrantedBefore(participantId: string, date: string): Promise<ConsentEntity | null> {
    return this.manager.findOne(ConsentEntity, { where: { participantId, grantedOn: LessThan(date) } });
  }

  /** Call inside the inserting transaction. */
  takeNumber(): Promise<number> {
    return takeNumber(this.manager, ConsentEntity);
  }

  async insert(fields: ConsentEntity): Promise<ConsentEntity> {
    const consent = this.manager.create(ConsentEntity, fields);
    await this.manager.insert(ConsentEntity, consent);
    return consent;
  }

  async save(consent: ConsentEntity): Promise<void> {
    await this.manager.save(ConsentEntity, consent);
  }

  /** Rows that bring their own numbers (a seed); the sequence then continues after the highest. */
  async insertMany(consents: ConsentEntity[]): Promise<void> {
    await insertNumberedRows(this.manager, ConsentEntity, consents, CONSENT_COLUMNS);
  }
}
