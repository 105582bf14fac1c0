/**
 * The programme's calibrated shares and weights (docs/architecture.md section 1): headline
 * proportions that are drawn as exact quotas, and the weights of the smaller choices.
 */
import { ExitReason, Gender, ResidenceStatus } from '@durchstarten/kreis';
import { Module } from '@durchstarten/contracts';
import { weightedPicker } from './random';

/** ~year-1 figures: 48 women, 108 men, 1 diverse of 157. */
export const GENDERS: readonly Gender[] = [Gender.FEMALE, Gender.MALE, Gender.DIVERSE];
export const GENDER_WEIGHTS = [48, 108, 1];

export const RESIDENCE: readonly ResidenceStatus[] = [
  ResidenceStatus.DULDUNG,
  ResidenceStatus.GESTATTUNG,
  ResidenceStatus.AUFENTHALTSERLAUBNIS,
  ResidenceStatus.OTHER,
];
export const RESIDENCE_WEIGHTS = [45, 35, 15, 5];

/** Year-1 module shares: 11 language, 10 school certificate, 81 preparatory of 157. */
export const SHARE_F2 = 11 / 157;
export const SHARE_F3 = 10 / 157;
export const SHARE_F4 = 81 / 157;

/** Outcomes per ~350 participants (whole Kreis, mid 2023). */
export const Outcome = { NONE: 0, AUSBILDUNG: 1, BESCHAEFTIGUNG: 2, STUDIUM: 3, EQ: 4 } as const;
export const OUTCOME_WEIGHTS = [350 - 36 - 60 - 2 - 4, 36, 60, 2, 4];
export const SHARE_MINIJOB = 12 / 350;
/** 91 internships per ~350 participants: 0, 1 or 2 internships per person. */
export const INTERNSHIP_WEIGHTS = [0.77, 0.2, 0.03];
/** Share of all participants that stay without exit at the programme's end. */
export const SHARE_ACTIVE_AT_END = 0.12;
export const SHARE_LANGUAGE_EXAM = 0.1;
export const SHARE_LANGUAGE_EXAM_IN_F2 = 0.6;
export const SHARE_COURSE_CERTIFICATE = 0.08;
export const SHARE_LICENCE = 0.015;
export const SHARE_HSA_OF_F3_CASES = 0.6;
export const SHARE_HSA_FAILED_OF_F3_CASES = 0.08;

export const AGE_PICK = weightedPicker<number>([
  [18, 12],
  [19, 14],
  [20, 14],
  [21, 13],
  [22, 11],
  [23, 10],
  [24, 9],
  [25, 7],
  [26, 6],
  [27, 4],
]);

export const NEGATIVE_EXITS: ReadonlySet<ExitReason> = new Set([ExitReason.DROPPED_OUT, ExitReason.MOVED_AWAY]);

export const OTHER_EXIT_PICK = weightedPicker<ExitReason>([
  [ExitReason.DROPPED_OUT, 40],
  [ExitReason.MOVED_AWAY, 25],
  [ExitReason.OTHER, 35],
]);

/** Typical length of a secondary module, [min, max] days. */
export const MODULE_DAYS: Record<string, readonly [number, number]> = {
  [Module.F2_QUALIFICATION_LANGUAGE]: [90, 270],
  [Module.F3_SCHOOL_CERTIFICATE]: [150, 330],
  [Module.F4_PREPARATORY_COURSES]: [60, 240],
};
