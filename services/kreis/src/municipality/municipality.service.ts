import { ValidationError } from '@durchstarten/kit';
import { type ProviderRecord, type ProviderRegistry } from '@durchstarten/contracts';
import { MUNICIPALITIES, type MunicipalityRecord } from './municipality.data';

/** The 13 municipalities are reference data held in code: no SQL to resolve them. */
export class MunicipalityService {
  private readonly byId = new Map(MUNICIPALITIES.map((m) => [m.id, m]));

  constructor(private readonly providers: ProviderRegistry) {}

  list(): readonly MunicipalityRecord[] {
    return MUNICIPALITIES;
  }

  get(id: string): MunicipalityRecord | undefined {
    return this.byId.get(id);
  }

  require(id: string, field = 'municipalityId'): MunicipalityRecord {
    const municipality = this.byId.get(id);
    if (!municipality) {
      throw new ValidationError(
        `"${id}" is not a municipality of Kreis Wesel. Use one of: ${MUNICIPALITIES.map((m) => m.id).join(', ')}.`,
        field,
      );
    }
    return municipality;
  }

  defaultProvider(municipality: Pick<MunicipalityRecord, 'bank'>): ProviderRecord {
    return this.providers.forBank(municipality.bank);
  }
}
