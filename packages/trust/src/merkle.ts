// RFC 9162 (Certificate Transparency 2.0) §2.1 Merkle hash trees: hashing, reference proof
// generators, the exact verification algorithms of §2.1.3.2 and §2.1.4.2, and "plans" that say which
// stored perfect-subtree hashes make up each proof element. The hashing is identical to RFC 6962 §2.1.
// Isomorphic: no `node:` imports; the server may pass node:crypto's SHA-256 as the last argument.
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';

/** A SHA-256 implementation: bytes in, 32-byte digest out. */
export type Sha256 = (data: Uint8Array) => Uint8Array;

/** SHA-256 from @noble/hashes (pure JS, runs in Node and in the browser). */
export const defaultSha256: Sha256 = (data) => nobleSha256(data);

/** Size in bytes of every hash in the tree (SHA-256, RFC 9162 §2.1). */
export const HASH_SIZE = 32;

/**
 * A perfect (complete) subtree: level L, index i covers leaves [i·2^L, (i+1)·2^L).
 * Level 0 is the leaf hashes themselves; (L, i) = nodeHash((L-1, 2i), (L-1, 2i+1)).
 */
export interface SubtreeCoord {
  level: number;
  index: number;
}

/**
 * A plan for one proof or root: for each proof element in order, the perfect subtrees (left to right)
 * whose hashes, folded right-to-left with nodeHash, give that element (see foldSubtreeHashes).
 */
export type ProofPlan = SubtreeCoord[][];

function concat(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

function isSize(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function isHash(h: unknown): h is Uint8Array {
  return h instanceof Uint8Array && h.length === HASH_SIZE;
}

/** Largest power of two strictly less than n (n ≥ 2): the split point k of RFC 9162 §2.1.1. */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Leaf hash: SHA-256(0x00 ‖ data). RFC 9162 §2.1.1 (RFC 6962 §2.1). */
export function leafHash(data: Uint8Array, sha256: Sha256 = defaultSha256): Uint8Array {
  return sha256(concat(Uint8Array.of(0x00), data));
}

/** Interior node hash: SHA-256(0x01 ‖ left ‖ right). RFC 9162 §2.1.1 (RFC 6962 §2.1). */
export function nodeHash(left: Uint8Array, right: Uint8Array, sha256: Sha256 = defaultSha256): Uint8Array {
  return sha256(concat(Uint8Array.of(0x01), left, right));
}

/** Root of the empty tree: MTH({}) = SHA-256(""). RFC 9162 §2.1.1. */
export function emptyRoot(sha256: Sha256 = defaultSha256): Uint8Array {
  return sha256(new Uint8Array(0));
}

function mth(leafHashes: Uint8Array[], lo: number, hi: number, sha256: Sha256): Uint8Array {
  const n = hi - lo;
  if (n === 1) return leafHashes[lo]!;
  const k = splitPoint(n);
  return nodeHash(mth(leafHashes, lo, lo + k, sha256), mth(leafHashes, lo + k, hi, sha256), sha256);
}

/**
 * Merkle Tree Hash MTH(D[n]) of a list of leaf hashes (already leafHash-ed). RFC 9162 §2.1.1.
 * An empty list gives emptyRoot().
 */
export function rootFromLeafHashes(leafHashes: Uint8Array[], sha256: Sha256 = defaultSha256): Uint8Array {
  if (leafHashes.length === 0) return emptyRoot(sha256);
  return mth(leafHashes, 0, leafHashes.length, sha256);
}

/**
 * Reference inclusion-proof generator PATH(m, D[n]) over in-memory leaf hashes. RFC 9162 §2.1.3.1.
 * Elements are ordered from the leaf upwards. Throws RangeError unless 0 ≤ index < leafHashes.length.
 * O(n) hashing: for tests and small trees; a stored log answers with inclusionProofPlan instead.
 */
export function inclusionProofFromLeafHashes(index: number, leafHashes: Uint8Array[], sha256: Sha256 = defaultSha256): Uint8Array[] {
  if (!isSize(index) || index >= leafHashes.length) throw new RangeError(`inclusion proof: index ${index} not in [0, ${leafHashes.length})`);
  const path = (m: number, lo: number, hi: number): Uint8Array[] => {
    const n = hi - lo;
    if (n === 1) return [];
    const k = splitPoint(n);
    if (m < k) return [...path(m, lo, lo + k), mth(leafHashes, lo + k, hi, sha256)];
    return [...path(m - k, lo + k, hi), mth(leafHashes, lo, lo + k, sha256)];
  };
  return path(index, 0, leafHashes.length);
}

/**
 * Reference consistency-proof generator PROOF(m, D[n]) = SUBPROOF(m, D[n], true). RFC 9162 §2.1.4.1.
 * `first` is the older tree size m; the newer size n is leafHashes.length. The proof is empty when
 * first = 0 or first = n (nothing to prove). Throws RangeError unless 0 ≤ first ≤ n.
 */
export function consistencyProofFromLeafHashes(first: number, leafHashes: Uint8Array[], sha256: Sha256 = defaultSha256): Uint8Array[] {
  const second = leafHashes.length;
  if (!isSize(first) || first > second) throw new RangeError(`consistency proof: first ${first} not in [0, ${second}]`);
  if (first === 0 || first === second) return [];
  const subproof = (m: number, lo: number, hi: number, b: boolean): Uint8Array[] => {
    const n = hi - lo;
    if (m === n) return b ? [] : [mth(leafHashes, lo, hi, sha256)];
    const k = splitPoint(n);
    if (m <= k) return [...subproof(m, lo, lo + k, b), mth(leafHashes, lo + k, hi, sha256)];
    return [...subproof(m - k, lo + k, hi, false), mth(leafHashes, lo, lo + k, sha256)];
  };
  return subproof(first, 0, second, true);
}

/**
 * Root hash implied by an inclusion proof: the algorithm of RFC 9162 §2.1.3.2 steps 1–4, returning r
 * when step 5's "sn is 0" holds. Returns null when the proof is structurally invalid: index ≥ size,
 * a leaf hash or proof element that is not 32 bytes, or a proof of the wrong length.
 */
export function rootFromInclusionProof(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: Uint8Array[],
  sha256: Sha256 = defaultSha256,
): Uint8Array | null {
  // Step 1: leaf_index must be < tree_size.
  if (!isSize(index) || !isSize(size) || index >= size) return null;
  if (!isHash(leafHash)) return null;
  if (proof.length !== inclusionProofLength(index, size)) return null;
  // Step 2.
  let fn = index;
  let sn = size - 1;
  // Step 3.
  let r = leafHash;
  // Step 4.
  for (const p of proof) {
    if (!isHash(p)) return null;
    if (sn === 0) return null; // 4a
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r, sha256); // 4b.i
      if (fn % 2 === 0) {
        // 4b.ii: shift until LSB(fn) is set or fn is 0.
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p, sha256);
    }
    // 4c
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // Step 5 (first half): sn must be 0.
  return sn === 0 ? r : null;
}

/**
 * Verifies an inclusion proof exactly as RFC 9162 §2.1.3.2: true iff the leaf hash at `index` is in the
 * tree of `size` leaves with root hash `root`. Rejects index ≥ size, a wrong proof length and any
 * element (or leaf hash, or root) that is not 32 bytes.
 * The root does not commit to the size: a proof for (index, size) also verifies for another size
 * whose path has the same shape (e.g. leaf 0 of 3 and of 4 leaves). Take `size` and `root` together
 * from one verified checkpoint (note.ts), never from the party presenting the proof.
 */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: Uint8Array[],
  root: Uint8Array,
  sha256: Sha256 = defaultSha256,
): boolean {
  if (!isHash(root)) return false;
  const r = rootFromInclusionProof(leafHash, index, size, proof, sha256);
  return r !== null && bytesEqual(r, root);
}

/**
 * Verifies a consistency proof between tree sizes first ≤ second, RFC 9162 §2.1.4.2, with the edge
 * cases of transparency-dev/merkle proof.VerifyConsistency:
 * - first > second: rejected;
 * - first = second: valid iff the proof is empty and the two roots are equal;
 * - first = 0 (< second): valid iff the proof is empty (every tree extends the empty tree);
 * - otherwise the §2.1.4.2 algorithm; every proof element must be 32 bytes.
 * As for inclusion, take each (size, root) pair from one verified checkpoint.
 */
export function verifyConsistency(
  first: number,
  second: number,
  proof: Uint8Array[],
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  sha256: Sha256 = defaultSha256,
): boolean {
  if (!isSize(first) || !isSize(second) || first > second) return false;
  if (first === second) return proof.length === 0 && bytesEqual(firstRoot, secondRoot);
  if (first === 0) return proof.length === 0;
  // Step 1: an empty consistency_path fails.
  if (proof.length === 0) return false;
  if (!isHash(firstRoot) || !isHash(secondRoot)) return false;
  if (proof.length !== consistencyProofLength(first, second)) return false;
  for (const c of proof) if (!isHash(c)) return false;
  // Step 2: if first is an exact power of 2, prepend first_hash.
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : proof;
  // Step 3.
  let fn = first - 1;
  let sn = second - 1;
  // Step 4: if LSB(fn) is set, shift both until it is not.
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // Step 5.
  let fr = path[0]!;
  let sr = path[0]!;
  // Step 6.
  for (let i = 1; i < path.length; i++) {
    const c = path[i]!;
    if (sn === 0) return false; // 6a
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr, sha256); // 6b.i
      sr = nodeHash(c, sr, sha256); // 6b.ii
      if (fn % 2 === 0) {
        // 6b.iii
        while (fn % 2 === 0 && fn !== 0) {
          fn /= 2;
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c, sha256);
    }
    // 6c
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // Step 7.
  return sn === 0 && bytesEqual(fr, firstRoot) && bytesEqual(sr, secondRoot);
}

function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

/** Number of elements in a valid inclusion proof for (index, size), 0 ≤ index < size. */
export function inclusionProofLength(index: number, size: number): number {
  return inclusionProofPlan(index, size).length;
}

/** Number of elements in a valid consistency proof from `first` to `second` (0 when first ∈ {0, second}). */
export function consistencyProofLength(first: number, second: number): number {
  return consistencyProofPlan(first, second).length;
}

/**
 * Decomposes the leaf range [start, end) into perfect subtrees, left to right (largest first). The
 * range must start on a boundary of its largest piece, as every range in RFC 9162 §2.1 proofs does;
 * folding the pieces right-to-left with nodeHash gives MTH(D[start:end]). Throws RangeError otherwise.
 */
export function subtreeCoordinates(start: number, end: number): SubtreeCoord[] {
  if (!isSize(start) || !isSize(end) || start >= end) throw new RangeError(`subtree range [${start}, ${end}) is empty or invalid`);
  const out: SubtreeCoord[] = [];
  let lo = start;
  while (lo < end) {
    let size = 1;
    let level = 0;
    while (size * 2 <= end - lo) {
      size *= 2;
      level += 1;
    }
    if (lo % size !== 0) throw new RangeError(`subtree range [${start}, ${end}) is not aligned at ${lo}`);
    out.push({ level, index: lo / size });
    lo += size;
  }
  return out;
}

/**
 * Folds perfect-subtree hashes (left to right, as listed by a plan element) into one hash: the last
 * is the seed and each earlier one is combined on the left with nodeHash. A single hash is returned
 * as is. RFC 9162 §2.1.1 (the right-hand part of an unbalanced tree).
 */
export function foldSubtreeHashes(hashes: Uint8Array[], sha256: Sha256 = defaultSha256): Uint8Array {
  if (hashes.length === 0) throw new RangeError('foldSubtreeHashes: no hashes');
  let h = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) h = nodeHash(hashes[i]!, h, sha256);
  return h;
}

/** Perfect subtrees whose fold is the root of a tree of `size` ≥ 1 leaves (RFC 9162 §2.1.1). Empty for size 0. */
export function rootPlan(size: number): SubtreeCoord[] {
  if (!isSize(size)) throw new RangeError(`root plan: bad size ${size}`);
  return size === 0 ? [] : subtreeCoordinates(0, size);
}

/**
 * Storage plan for the inclusion proof of leaf `index` in a tree of `size` leaves (RFC 9162 §2.1.3.1):
 * one entry per proof element, leaf upwards; each entry lists the perfect subtrees to fold.
 * Throws RangeError unless 0 ≤ index < size.
 */
export function inclusionProofPlan(index: number, size: number): ProofPlan {
  if (!isSize(index) || !isSize(size) || index >= size) throw new RangeError(`inclusion plan: index ${index} not in [0, ${size})`);
  const out: ProofPlan = [];
  // Iterative form of PATH: walk down recording siblings, then reverse (the proof is leaf-first).
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      out.push(subtreeCoordinates(lo + k, hi));
      hi = lo + k;
    } else {
      out.push(subtreeCoordinates(lo, lo + k));
      lo = lo + k;
    }
  }
  return out.reverse();
}

/**
 * Storage plan for the consistency proof from `first` to `second` leaves (RFC 9162 §2.1.4.1, SUBPROOF):
 * one entry per proof element, in proof order. Empty when first = 0 or first = second.
 * Throws RangeError unless 0 ≤ first ≤ second.
 */
export function consistencyProofPlan(first: number, second: number): ProofPlan {
  if (!isSize(first) || !isSize(second) || first > second) throw new RangeError(`consistency plan: need 0 <= ${first} <= ${second}`);
  if (first === 0 || first === second) return [];
  const out: ProofPlan = [];
  let lo = 0;
  let hi = second;
  let m = first;
  let b = true;
  for (;;) {
    const n = hi - lo;
    if (m === n) {
      if (!b) out.push(subtreeCoordinates(lo, hi));
      break;
    }
    const k = splitPoint(n);
    if (m <= k) {
      out.push(subtreeCoordinates(lo + k, hi));
      hi = lo + k;
    } else {
      out.push(subtreeCoordinates(lo, lo + k));
      lo = lo + k;
      m -= k;
      b = false;
    }
  }
  return out.reverse();
}

/**
 * Perfect subtrees completed by appending the leaf at `leafIndex` (0-based): (0, leafIndex) and, for
 * each level L ≥ 1 where (leafIndex + 1) is a multiple of 2^L, (L, (leafIndex + 1)/2^L − 1), lowest
 * level first. A store that keeps every perfect subtree hash computes these on append, each as
 * nodeHash of its two children at level L − 1.
 */
export function subtreesCompletedBy(leafIndex: number): SubtreeCoord[] {
  if (!isSize(leafIndex)) throw new RangeError(`bad leaf index ${leafIndex}`);
  const out: SubtreeCoord[] = [{ level: 0, index: leafIndex }];
  let count = leafIndex + 1;
  let level = 0;
  while (count % 2 === 0) {
    count /= 2;
    level += 1;
    out.push({ level, index: count - 1 });
  }
  return out;
}
