import { ValidationError } from './errors';

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 50;

/** Opaque cursors: base64url of the row's sort key, so clients cannot depend on the format. */
export function encodeCursor(key: string): string {
  return Buffer.from(`v1:${key}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith('v1:')) throw new ValidationError('The cursor in "after" is not one this service issued.', 'after');
  return decoded.slice(3);
}

export function pageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw new ValidationError(`"first" must be between 0 and ${MAX_PAGE_SIZE}.`, 'first');
  }
  return size;
}
