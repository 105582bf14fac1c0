export * from './cell-key';
export * from './contribution';
export * from './contributor';
