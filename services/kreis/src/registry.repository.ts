import type { DataSource, EntityManager } from 'typeorm';
import { inTransaction, purgeErasedValues } from '@durchstarten/kit';
import { ConsentRepository } from './consent/consent.repository';
import { ParticipantRepository } from './participant/participant.repository';
import { ReferralRepository } from './referral/referral.repository';

/**
 * The registry's three tables, over the pool or within one transaction: a rule
 * that spans them (an exit ends the open referrals) reads and writes them all in
 * the transaction `transaction` hands it.
 */
export class RegistryRepositories {
  readonly participants: ParticipantRepository;
  readonly referrals: ReferralRepository;
  readonly consents: ConsentRepository;

  constructor(
    private readonly dataSource: DataSource,
    manager: EntityManager = dataSource.manager,
  ) {
    this.participants = new ParticipantRepository(manager);
    this.referrals = new ReferralRepository(manager);
    this.consents = new ConsentRepository(manager);
  }

  /** Runs `work` in one transaction, with repositories bound to it. */
  transaction<T>(work: (registry: RegistryRepositories) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, (manager) => work(new RegistryRepositories(this.dataSource, manager)));
  }

  /** After an erasure has committed: the erased values leave the database's files too, where the dialect allows (see the kit). */
  purgeErasedValues(): Promise<void> {
    return purgeErasedValues(this.dataSource);
  }
}
