import 'reflect-metadata';

export * from './enums';
export * from './register-enums';
export * from './erasure';
export * from './naming';
export * from './organisations';
export * from './provider-case';
export * from './provider-registry';
export * from './referral-lookup';
export * from './statistics-contribution';
export * from './statistics-contributor';
export * from './topology';
