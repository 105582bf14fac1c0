/** Occupations (KldB 2010) and synthetic employers for placements and internships. */
import { pick, type Rng, weightedPicker } from './random';

/** Lower-Rhine surnames, used only to make synthetic employer names. */
export const EMPLOYER_SURNAMES: readonly string[] = [
  'Terhorst',
  'Tenbrink',
  'Janssen',
  'Hendricks',
  'Verhoeven',
  'Brinkmann',
  'Heckmann',
  'Kleinholz',
  'Schmitz',
  'Derksen',
  'Tebest',
  'van Bebber',
  'Boland',
  'Elsing',
  'Gerritzen',
  'Kempkes',
  'Nienhaus',
  'Rademacher',
  'Schepers',
  'Tillmann',
  'Wessels',
  'Hegmann',
  'Tekath',
  'Bruns',
  'Wolters',
  'Kamps',
  'Lensing',
  'Evers',
];

export interface Occupation {
  kldb: string;
  title: string;
  /** Employer name patterns; `{n}` is replaced by a synthetic surname. */
  employers: readonly string[];
  /** Usual length of an Ausbildung in months (skilled occupations only). */
  months?: number;
}

/** Skilled occupations (KldB 2010, level 2): Ausbildung, EQ, some jobs, internships. */
const SKILLED: readonly Occupation[] = [
  { kldb: '29302', title: 'Koch/Köchin', employers: ['Restaurant {n}', 'Landgasthof {n}', 'Hotel-Restaurant {n}'], months: 36 },
  { kldb: '25212', title: 'Kfz-Mechatroniker/in', employers: ['Autohaus {n}', 'Kfz-Werkstatt {n}'], months: 42 },
  { kldb: '51312', title: 'Fachlagerist/in', employers: ['{n} Logistik GmbH', 'Spedition {n}'], months: 24 },
  { kldb: '51312', title: 'Fachkraft für Lagerlogistik', employers: ['{n} Logistik GmbH', 'Spedition {n}'], months: 36 },
  {
    kldb: '81302',
    title: 'Pflegefachfrau/Pflegefachmann',
    employers: ['Seniorenzentrum Haus {n}', 'Ambulanter Pflegedienst {n}'],
    months: 36,
  },
  { kldb: '82101', title: 'Altenpflegehelfer/in', employers: ['Seniorenzentrum Haus {n}', 'Ambulanter Pflegedienst {n}'], months: 12 },
  {
    kldb: '26212',
    title: 'Elektroniker/in für Energie- und Gebäudetechnik',
    employers: ['Elektro {n} GmbH', 'Elektrotechnik {n}'],
    months: 42,
  },
  { kldb: '63302', title: 'Fachkraft im Gastgewerbe', employers: ['Hotel {n}', 'Restaurant {n}', 'Café {n}'], months: 24 },
  { kldb: '62102', title: 'Verkäufer/in', employers: ['Lebensmittelmarkt {n}', 'Getränkemarkt {n}', 'Baumarkt {n}'], months: 24 },
  {
    kldb: '34212',
    title: 'Anlagenmechaniker/in für Sanitär-, Heizungs- und Klimatechnik',
    employers: ['{n} Haustechnik GmbH', 'Heizung und Sanitär {n}'],
    months: 42,
  },
  { kldb: '24412', title: 'Metallbauer/in', employers: ['Metallbau {n}', 'Schlosserei {n}'], months: 42 },
  { kldb: '22342', title: 'Tischler/in', employers: ['Tischlerei {n}', 'Schreinerei {n}'], months: 36 },
  { kldb: '81102', title: 'Medizinische/r Fachangestellte/r', employers: ['Hausarztpraxis {n}', 'Gemeinschaftspraxis {n}'], months: 36 },
  { kldb: '52122', title: 'Berufskraftfahrer/in', employers: ['Spedition {n}', '{n} Transporte GmbH'], months: 36 },
  { kldb: '12142', title: 'Gärtner/in (Garten- und Landschaftsbau)', employers: ['Garten- und Landschaftsbau {n}'], months: 36 },
  { kldb: '29222', title: 'Bäcker/in', employers: ['Bäckerei {n}'], months: 36 },
  { kldb: '32122', title: 'Maurer/in', employers: ['Bauunternehmung {n}', '{n} Hochbau GmbH'], months: 36 },
  { kldb: '33212', title: 'Maler/in und Lackierer/in', employers: ['Malerbetrieb {n}', 'Malermeister {n}'], months: 36 },
  { kldb: '54112', title: 'Gebäudereiniger/in', employers: ['{n} Gebäudeservice GmbH'], months: 36 },
  { kldb: '25102', title: 'Industriemechaniker/in', employers: ['{n} Maschinenbau GmbH', '{n} Antriebstechnik GmbH'], months: 42 },
  { kldb: '71402', title: 'Kaufmann/Kauffrau für Büromanagement', employers: ['{n} Verwaltungs GmbH', 'Steuerbüro {n}'], months: 36 },
];
export const SKILLED_PICK = weightedPicker<Occupation>(
  SKILLED.map((o) => {
    const w: Record<string, number> = {
      '29302': 10,
      '25212': 8,
      '51312': 6,
      '81302': 5,
      '82101': 7,
      '26212': 7,
      '63302': 6,
      '62102': 8,
      '34212': 7,
      '24412': 5,
      '22342': 3,
      '81102': 3,
      '52122': 3,
      '12142': 4,
      '29222': 3,
      '32122': 3,
      '33212': 4,
      '54112': 2,
      '25102': 3,
      '71402': 2,
    };
    return [o, w[o.kldb] ?? 3] as const;
  }),
);

/** Unskilled work (KldB 2010, level 1): most jobs and all Minijobs. */
const HELPER: readonly Occupation[] = [
  { kldb: '51311', title: 'Lagerhelfer/in', employers: ['{n} Logistik GmbH', 'Spedition {n}', 'Versandzentrum {n}'] },
  { kldb: '29301', title: 'Küchenhilfe', employers: ['Restaurant {n}', 'Imbiss {n}', 'Kantine {n} GmbH'] },
  { kldb: '54101', title: 'Reinigungskraft', employers: ['{n} Gebäudeservice GmbH', 'Reinigungsdienst {n}'] },
  { kldb: '82101', title: 'Helfer/in in der Altenpflege', employers: ['Seniorenzentrum Haus {n}', 'Ambulanter Pflegedienst {n}'] },
  { kldb: '63301', title: 'Servicehilfe Gastronomie', employers: ['Restaurant {n}', 'Café {n}', 'Hotel {n}'] },
  { kldb: '62101', title: 'Verkaufshilfe', employers: ['Lebensmittelmarkt {n}', 'Getränkemarkt {n}'] },
  { kldb: '63221', title: 'Helfer/in im Hotelservice', employers: ['Hotel {n}'] },
  { kldb: '32101', title: 'Bauhelfer/in', employers: ['Bauunternehmung {n}', '{n} Hochbau GmbH'] },
  { kldb: '24201', title: 'Produktionshelfer/in Metall', employers: ['{n} Metallwaren GmbH', '{n} Maschinenbau GmbH'] },
  { kldb: '12101', title: 'Helfer/in im Gartenbau', employers: ['Gärtnerei {n}', 'Garten- und Landschaftsbau {n}'] },
  { kldb: '53111', title: 'Sicherheitsmitarbeiter/in', employers: ['{n} Sicherheitsdienst GmbH'] },
];
export const HELPER_PICK = weightedPicker<Occupation>(HELPER.map((o, i) => [o, [14, 10, 9, 6, 8, 7, 3, 5, 6, 3, 3][i]] as const));

export function employerName(rng: Rng, occ: Occupation): string {
  return pick(rng, occ.employers).replace('{n}', pick(rng, EMPLOYER_SURNAMES));
}
