export type RhineBank = 'LEFT' | 'RIGHT';

export interface MunicipalityRecord {
  id: string;
  name: string;
  bank: RhineBank;
  /** Rounded population; the seed generator uses it to weight where participants live. */
  population: number;
}

/** The 13 municipalities of Kreis Wesel; the bank of the Rhine decides the default provider. */
export const MUNICIPALITIES: readonly MunicipalityRecord[] = [
  { id: 'alpen', name: 'Alpen', bank: 'LEFT', population: 12600 },
  { id: 'kamp-lintfort', name: 'Kamp-Lintfort', bank: 'LEFT', population: 38000 },
  { id: 'moers', name: 'Moers', bank: 'LEFT', population: 104000 },
  { id: 'neukirchen-vluyn', name: 'Neukirchen-Vluyn', bank: 'LEFT', population: 27000 },
  { id: 'rheinberg', name: 'Rheinberg', bank: 'LEFT', population: 31000 },
  { id: 'sonsbeck', name: 'Sonsbeck', bank: 'LEFT', population: 8700 },
  { id: 'xanten', name: 'Xanten', bank: 'LEFT', population: 22000 },
  { id: 'dinslaken', name: 'Dinslaken', bank: 'RIGHT', population: 67000 },
  { id: 'hamminkeln', name: 'Hamminkeln', bank: 'RIGHT', population: 27000 },
  { id: 'huenxe', name: 'Hünxe', bank: 'RIGHT', population: 13500 },
  { id: 'schermbeck', name: 'Schermbeck', bank: 'RIGHT', population: 13600 },
  { id: 'voerde', name: 'Voerde (Niederrhein)', bank: 'RIGHT', population: 36000 },
  { id: 'wesel', name: 'Wesel', bank: 'RIGHT', population: 60000 },
];
