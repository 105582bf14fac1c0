/** Certificate titles: language exams and their levels, workshops, licences. */
import { LanguageLevel } from '@durchstarten/contracts';

export const LANGUAGE_LEVELS: readonly LanguageLevel[] = [LanguageLevel.A1, LanguageLevel.A2, LanguageLevel.B1, LanguageLevel.B2];
export const LANGUAGE_LEVEL_WEIGHTS = [15, 33, 44, 8];
export const LANGUAGE_EXAM_TITLES: Record<string, readonly string[]> = {
  [LanguageLevel.A1]: ['telc Deutsch A1', 'Start Deutsch 1'],
  [LanguageLevel.A2]: ['Start Deutsch 2', 'Deutsch-Test für Zuwanderer (A2)'],
  [LanguageLevel.B1]: ['Deutsch-Test für Zuwanderer (B1)', 'telc Deutsch B1'],
  [LanguageLevel.B2]: ['telc Deutsch B2', 'Deutsch-Test für den Beruf B2'],
};

export const WORKSHOP_CERTIFICATES: readonly string[] = [
  'Erste-Hilfe-Kurs',
  'Bewerbungstraining',
  'Belehrung nach dem Infektionsschutzgesetz',
  'EDV-Grundkurs',
  'Arbeitsschutz-Grundunterweisung',
];

/** Licences and their weights; the forklift licence is the common one. */
export const LICENCES: readonly string[] = ['Gabelstaplerschein', 'Führerschein Klasse B', 'Bedienberechtigung Hubarbeitsbühne'];
export const LICENCE_WEIGHTS = [60, 25, 15];
