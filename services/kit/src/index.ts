import 'reflect-metadata';

export * from './config';
export * from './errors';
export * from './logger';
export * from './db';
export * from './dates';
export * from './paging';
export * from './loaders';
export * from './schema';
export * from './server';
export * from './scalars';
export * from './domain/enums';
export * from './domain/register-enums';
export * from './numbering';
export * from './paths';
export * from './http-errors';
export * from './naming';
export * from './signing';
