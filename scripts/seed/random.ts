/**
 * Seeded PRNG (mulberry32) and the sampling helpers the world is drawn with.
 * The world's shape depends on the exact order of calls into the generator.
 */

export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer in [0, n). */
export function int(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** Integer in [lo, hi]; lo when hi < lo. */
export function between(rng: Rng, lo: number, hi: number): number {
  return hi <= lo ? lo : lo + Math.floor(rng() * (hi - lo + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

/** Cumulative-weight sampler over items. */
export function weightedPicker<T>(items: readonly (readonly [T, number])[]): (rng: Rng) => T {
  const cum: number[] = [];
  let total = 0;
  for (const [, w] of items) {
    total += w;
    cum.push(total);
  }
  return (rng: Rng) => {
    const x = rng() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo][0];
  };
}

/** Exact counts per weight by the largest-remainder method. */
function quotaCounts(n: number, weights: readonly number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (w / total) * n);
  const counts = exact.map((x) => Math.floor(x));
  let rest = n - counts.reduce((s, c) => s + c, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) counts[order[k][1]]++;
  return counts;
}

export function shuffleInPlace<T extends { [i: number]: unknown; length: number }>(rng: Rng, a: T): T {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

/** n labels (indices into weights) with exact largest-remainder counts, in shuffled order. */
export function quota(rng: Rng, n: number, weights: readonly number[]): Uint8Array {
  const counts = quotaCounts(n, weights);
  const out = new Uint8Array(n);
  let k = 0;
  for (let label = 0; label < counts.length; label++) for (let c = 0; c < counts[label]; c++) out[k++] = label;
  return shuffleInPlace(rng, out);
}

/** n booleans, exactly round(n * p) of them true, in shuffled order. */
export function quotaFlags(rng: Rng, n: number, p: number): Uint8Array {
  return quota(rng, n, [1 - p, p]);
}

/** k distinct items chosen from candidates (partial Fisher-Yates; candidates is reordered). */
export function sample<T>(rng: Rng, candidates: T[], k: number): T[] {
  const m = Math.min(k, candidates.length);
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(rng() * (candidates.length - i));
    const t = candidates[i];
    candidates[i] = candidates[j];
    candidates[j] = t;
  }
  return candidates.slice(0, m);
}

export function countFlags(flags: Uint8Array): number {
  let c = 0;
  for (let i = 0; i < flags.length; i++) c += flags[i];
  return c;
}
