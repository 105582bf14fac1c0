export * from './audit';
export * from './audit.entity';
export * from './audit.migration';
export * from './audit.type';
export * from './audited';
export * from './audit.repository';
