import type { Contribution, ContributionSource } from '@durchstarten/contracts';
import type { ProviderStatisticsRepository } from './statistics.repository';

/** The provider's part of the graph's statistics: the participants of each measure. */
export class ProviderStatisticsService implements ContributionSource {
  constructor(private readonly repository: ProviderStatisticsRepository) {}

  async contribution(): Promise<Contribution> {
    const contribution: Contribution = { INTERNSHIP: [], LANGUAGE_EXAM_PASSED: [] };
    for (const row of await this.repository.outcomes()) contribution[row.measure].push(row.participantId);
    return contribution;
  }
}
