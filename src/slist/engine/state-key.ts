// A state's canonical identity and its 32-bit hash, for the shortest-schedule exploration's visited set.
import { H_SEQ, POP_END, POP_TEST, T_MPC, T_SPUSH, T_SSEQ, X_PUSHES, type Model } from './model.ts';

/** Canonical identity of a state, written into `key` (Uint16Array of keyLength(m)); returns a 32-bit hash.
 * The hidden push count enters only as "has any push happened since this pop's snapshot". */
export function keyLength(m: Model): number {
  return m.X + 2 + 2 * m.nt; // sequences take 3 words each
}
const kindCache = new WeakMap<Model, Uint8Array>();
function slotKinds(m: Model): Uint8Array {
  let k = kindCache.get(m);
  if (!k) {
    k = new Uint8Array(m.X);
    k[H_SEQ] = 1;
    for (let t = 0; t < m.nt; t++) {
      k[m.T + t * m.S + T_SSEQ] = 1;
      k[m.T + t * m.S + T_SPUSH] = 2;
    }
    kindCache.set(m, k);
  }
  return k;
}
export function writeKey(m: Model, s: Float64Array, key: Uint16Array): number {
  const kinds = slotKinds(m);
  let h = 0x811c9dc5 | 0;
  let j = 0;
  const pushes = s[m.X + X_PUSHES]!;
  const X = m.X;
  for (let i = 0; i < X; i++) {
    const v = s[i]!;
    const kind = kinds[i]!;
    if (kind === 0) {
      const w = (v + 1) & 0xffff;
      key[j++] = w;
      h = Math.imul(h ^ w, 0x01000193);
    } else if (kind === 2) {
      const mpc = s[i - T_SPUSH + T_MPC]!;
      const w = mpc >= POP_TEST && mpc <= POP_END && v !== pushes ? 1 : 0;
      key[j++] = w;
      h = Math.imul(h ^ w, 0x01000193);
    } else {
      const lo = v % 65536;
      const mid = Math.floor(v / 65536) % 65536;
      const hi = Math.floor(v / 4294967296) % 65536;
      key[j++] = lo;
      key[j++] = mid;
      key[j++] = hi;
      h = Math.imul(h ^ lo, 0x01000193);
      h = Math.imul(h ^ (mid | (hi << 16)), 0x01000193);
    }
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h;
}
