import { registerEnumType } from 'type-graphql';
import * as E from './enums';

// Registered once per process: type-graphql's metadata is global.
registerEnumType(E.Module, {
  name: 'Module',
  description: 'Baustein of the initiative, as offered in Kreis Wesel.',
  valuesConfig: {
    F1_COACHING: { description: 'Coaching: individual guidance' },
    F2_QUALIFICATION_LANGUAGE: { description: 'Berufsbegleitende Qualifizierung und/oder Sprachförderung' },
    F3_SCHOOL_CERTIFICATE: { description: 'Nachträglicher Erwerb des Hauptschulabschlusses' },
    F4_PREPARATORY_COURSES: { description: 'Schul-, ausbildungs- und berufsvorbereitende Kurse sowie Jugendintegrationskurse' },
  },
});
registerEnumType(E.ReferralStatus, { name: 'ReferralStatus' });
registerEnumType(E.CourseKind, { name: 'CourseKind' });
registerEnumType(E.EnrolmentStatus, { name: 'EnrolmentStatus' });
registerEnumType(E.CertificateKind, { name: 'CertificateKind' });
registerEnumType(E.LanguageLevel, { name: 'LanguageLevel', description: 'CEFR level of a language exam.' });
registerEnumType(E.ExamResult, { name: 'ExamResult' });
registerEnumType(E.CoachingTopic, { name: 'CoachingTopic' });
registerEnumType(E.PlacementKind, { name: 'PlacementKind' });
