/** The course templates each provider's catalogue is drawn from. */
import { CourseKind, Module } from '@durchstarten/contracts';
import { parseDay } from './calendar';
import { D_START } from './period';

export interface CourseTemplate {
  title: string;
  kind: CourseKind;
  module: Module;
  /** Typical length of one enrolment in days, [min, max]. */
  days: readonly [number, number];
  /** Courses every provider runs from the start. */
  core?: boolean;
  /** A forklift licence can follow this course. */
  forklift?: boolean;
}

export const COURSE_TEMPLATES: readonly CourseTemplate[] = [
  // F2: berufsbegleitende Qualifizierung und Sprachförderung
  { title: 'Deutsch B1 berufsbezogen', kind: CourseKind.LANGUAGE, module: Module.F2_QUALIFICATION_LANGUAGE, days: [90, 200], core: true },
  {
    title: 'Alphabetisierung und Deutsch A1/A2',
    kind: CourseKind.LANGUAGE,
    module: Module.F2_QUALIFICATION_LANGUAGE,
    days: [120, 240],
    core: true,
  },
  { title: 'Deutsch A2 für Alltag und Beruf', kind: CourseKind.LANGUAGE, module: Module.F2_QUALIFICATION_LANGUAGE, days: [90, 180] },
  { title: 'Deutsch B2 berufsbezogen', kind: CourseKind.LANGUAGE, module: Module.F2_QUALIFICATION_LANGUAGE, days: [120, 220] },
  { title: 'Fachsprache Pflege', kind: CourseKind.LANGUAGE, module: Module.F2_QUALIFICATION_LANGUAGE, days: [60, 120] },
  { title: 'Deutsch am Arbeitsplatz (Abendkurs)', kind: CourseKind.LANGUAGE, module: Module.F2_QUALIFICATION_LANGUAGE, days: [90, 180] },
  {
    title: 'Qualifizierung Lagerhelfer/in mit Staplerschein',
    kind: CourseKind.QUALIFICATION,
    module: Module.F2_QUALIFICATION_LANGUAGE,
    days: [40, 90],
    forklift: true,
  },
  {
    title: 'Grundqualifizierung Küche und Gastronomie',
    kind: CourseKind.QUALIFICATION,
    module: Module.F2_QUALIFICATION_LANGUAGE,
    days: [40, 100],
  },
  {
    title: 'Pflegebasiskurs: Einstieg in die Pflege',
    kind: CourseKind.QUALIFICATION,
    module: Module.F2_QUALIFICATION_LANGUAGE,
    days: [60, 120],
  },
  { title: 'EDV-Grundlagen für den Beruf', kind: CourseKind.QUALIFICATION, module: Module.F2_QUALIFICATION_LANGUAGE, days: [30, 70] },
  { title: 'Grundlagen der Metallbearbeitung', kind: CourseKind.QUALIFICATION, module: Module.F2_QUALIFICATION_LANGUAGE, days: [40, 100] },
  // F3: nachträglicher Erwerb des Hauptschulabschlusses
  {
    title: 'Vorbereitung Hauptschulabschluss (HSA)',
    kind: CourseKind.SCHOOL_CERTIFICATE,
    module: Module.F3_SCHOOL_CERTIFICATE,
    days: [150, 300],
    core: true,
  },
  {
    title: 'Hauptschulabschluss nach Klasse 10: Vorbereitungskurs',
    kind: CourseKind.SCHOOL_CERTIFICATE,
    module: Module.F3_SCHOOL_CERTIFICATE,
    days: [180, 320],
  },
  {
    title: 'Mathematik und Deutsch für den Schulabschluss',
    kind: CourseKind.SCHOOL_CERTIFICATE,
    module: Module.F3_SCHOOL_CERTIFICATE,
    days: [90, 200],
  },
  // F4: schul-, ausbildungs- und berufsvorbereitende Kurse, Jugendintegrationskurse
  { title: 'Jugendintegrationskurs', kind: CourseKind.INTEGRATION, module: Module.F4_PREPARATORY_COURSES, days: [150, 280], core: true },
  {
    title: 'Jugendintegrationskurs mit Alphabetisierung',
    kind: CourseKind.INTEGRATION,
    module: Module.F4_PREPARATORY_COURSES,
    days: [180, 320],
  },
  { title: 'Orientierungskurs Leben in Deutschland', kind: CourseKind.INTEGRATION, module: Module.F4_PREPARATORY_COURSES, days: [30, 60] },
  {
    title: 'Berufsorientierung Lager und Logistik',
    kind: CourseKind.PREPARATORY,
    module: Module.F4_PREPARATORY_COURSES,
    days: [40, 100],
    core: true,
    forklift: true,
  },
  {
    title: 'Berufsorientierung Handwerk (Holz, Metall, Elektro)',
    kind: CourseKind.PREPARATORY,
    module: Module.F4_PREPARATORY_COURSES,
    days: [40, 120],
  },
  {
    title: 'Berufsorientierung Pflege und Gesundheit',
    kind: CourseKind.PREPARATORY,
    module: Module.F4_PREPARATORY_COURSES,
    days: [40, 100],
  },
  {
    title: 'Berufsorientierung Gastronomie und Hotellerie',
    kind: CourseKind.PREPARATORY,
    module: Module.F4_PREPARATORY_COURSES,
    days: [40, 100],
  },
  {
    title: 'Bewerbungstraining und Vorbereitung auf die Ausbildung',
    kind: CourseKind.PREPARATORY,
    module: Module.F4_PREPARATORY_COURSES,
    days: [20, 60],
  },
  {
    title: 'Werkstatttage Garten- und Landschaftsbau',
    kind: CourseKind.PREPARATORY,
    module: Module.F4_PREPARATORY_COURSES,
    days: [30, 80],
  },
];

/** Later start dates for courses that are not part of the core offer. */
export const LATER_COURSE_STARTS: readonly number[] = [D_START, parseDay('2021-09-01'), parseDay('2022-02-01'), parseDay('2022-08-15')];
