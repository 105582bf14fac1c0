/** Zero-padded row ids. */

export function padWidth(count: number, min: number): number {
  return Math.max(min, String(Math.max(count, 1)).length);
}

export function padNum(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

/** FNV-1a, 32 bit, as 8 hex digits. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Prefix for provider value-row ids; long provider ids are shortened so every id stays <= 40 characters. */
export function rowPrefix(providerId: string): string {
  return providerId.length <= 24 ? providerId : `${providerId.slice(0, 15)}-${fnv1a(providerId)}`;
}
