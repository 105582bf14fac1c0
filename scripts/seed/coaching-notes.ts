/** Coaching topics, their weights and the short notes caseworkers write. */
import { CoachingTopic } from '@durchstarten/contracts';
import { weightedPicker } from './random';

export const TOPIC_PICK = weightedPicker<CoachingTopic>([
  [CoachingTopic.APPLICATION, 28],
  [CoachingTopic.ORIENTATION, 20],
  [CoachingTopic.RESIDENCE_LAW, 15],
  [CoachingTopic.EVERYDAY_LIFE, 15],
  [CoachingTopic.LANGUAGE, 13],
  [CoachingTopic.OTHER, 9],
]);

export const NOTES: Record<CoachingTopic, readonly string[]> = {
  [CoachingTopic.ORIENTATION]: [
    'Berufliche Ziele besprochen',
    'Interessen und Stärken erfasst',
    'Praktikumsmöglichkeiten erörtert',
    'Ausbildungsberufe vorgestellt',
    'Besuch der Berufsberatung vorbereitet',
    'Kursangebote des Trägers erläutert',
  ],
  [CoachingTopic.LANGUAGE]: [
    'Sprachkursangebote besprochen',
    'Anmeldung zur Sprachprüfung vorbereitet',
    'Lernstand Deutsch besprochen',
    'Übungsmaterial für die Prüfung ausgegeben',
  ],
  [CoachingTopic.APPLICATION]: [
    'Bewerbungsunterlagen überarbeitet',
    'Lebenslauf erstellt',
    'Vorstellungsgespräch geübt',
    'Bewerbung an Betrieb versandt',
    'Anschreiben gemeinsam formuliert',
    'Stellenangebote gemeinsam gesichtet',
    'Zeugnisse zur Anerkennung zusammengestellt',
  ],
  [CoachingTopic.RESIDENCE_LAW]: [
    'Beschäftigungserlaubnis beantragt',
    'Ausbildungsduldung besprochen',
    'Termin bei der Ausländerbehörde vorbereitet',
    'Unterlagen zur Identitätsklärung gesichtet',
    'Verlängerung der Duldung begleitet',
  ],
  [CoachingTopic.EVERYDAY_LIFE]: [
    'Wohnungssuche unterstützt',
    'Behördenpost erklärt',
    'Kontoeröffnung begleitet',
    'Fahrkarte und Mobilität geklärt',
    'Anmeldung bei der Krankenkasse geklärt',
  ],
  [CoachingTopic.OTHER]: [
    'Kurzer Telefonkontakt',
    'Termin verschoben, Lage besprochen',
    'Zwischenstand besprochen',
    'Abschlussgespräch vorbereitet',
  ],
};

export const SESSION_MINUTES: readonly number[] = [30, 45, 45, 60, 60, 60, 90];
