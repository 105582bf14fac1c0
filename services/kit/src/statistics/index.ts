export * from './cell-key';
