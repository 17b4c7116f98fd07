import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  consistencyProofFromLeafHashes,
  consistencyProofPlan,
  emptyRoot,
  foldSubtreeHashes,
  inclusionProofFromLeafHashes,
  inclusionProofPlan,
  leafHash,
  nodeHash,
  rootFromInclusionProof,
  rootFromLeafHashes,
  rootPlan,
  subtreeCoordinates,
  subtreesCompletedBy,
  verifyConsistency,
  verifyInclusion,
  type Sha256,
  type SubtreeCoord,
} from './merkle.ts';

interface Vectors {
  leafInputs: string[];
  emptyRoot: string;
  rootsBySize: Record<string, string>;
  nodeHashes: string[][];
  inclusionProofs: { index: number; size: number; proof: string[] }[];
  consistencyProofs: { first: number; second: number; proof: string[] }[];
  consistencyEdgeCases: { cases: { first: number; second: number; root1: string; root2: string; proof: string; valid: boolean }[] };
}
const V = JSON.parse(readFileSync(new URL('./testdata/rfc6962-vectors.json', import.meta.url), 'utf8')) as Vectors;

const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
const toHex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const nodeSha256: Sha256 = (d) => createHash('sha256').update(d).digest();
const leaves = V.leafInputs.map((x) => leafHash(hex(x)));
const rootOf = (size: number) => hex(V.rootsBySize[String(size)]!);
const SOME_HASH = hex('abacaba000000000000000000000000000000000000000000060061e00123456');

function flipBit(b: Uint8Array, bit: number): Uint8Array {
  const c = Uint8Array.from(b);
  c[bit >> 3]! ^= 1 << (bit & 7);
  return c;
}

function randomLeaves(n: number, seed: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => leafHash(new TextEncoder().encode(`leaf ${seed} ${i}`), nodeSha256));
}

/** Every perfect subtree hash, keyed "level/index", as a storage-backed log keeps them. */
function subtreeStore(leafHashes: Uint8Array[], sha256: Sha256): Map<string, Uint8Array> {
  const store = new Map<string, Uint8Array>();
  leafHashes.forEach((h, i) => {
    for (const c of subtreesCompletedBy(i)) {
      const v = c.level === 0 ? h : nodeHash(store.get(`${c.level - 1}/${2 * c.index}`)!, store.get(`${c.level - 1}/${2 * c.index + 1}`)!, sha256);
      store.set(`${c.level}/${c.index}`, v);
    }
  });
  return store;
}
const resolve = (store: Map<string, Uint8Array>, coords: SubtreeCoord[], sha256: Sha256) =>
  foldSubtreeHashes(
    coords.map((c) => {
      const v = store.get(`${c.level}/${c.index}`);
      assert.ok(v, `missing subtree ${c.level}/${c.index}`);
      return v;
    }),
    sha256,
  );

// Shape oracles derived from the generator structure (RFC 9162 §2.1.3.1 / §2.1.4.1), independent of the
// verifier's bit arithmetic: whether each proof element is a left ('L') or right ('R') sibling of the path.
// The §2.1.3.2/§2.1.4.2 computation depends on (index, size) / (first, second) only through this shape.
const rangeStart = (c: SubtreeCoord) => c.index * 2 ** c.level;
const rangeEnd = (cs: SubtreeCoord[]) => {
  const last = cs[cs.length - 1]!;
  return (last.index + 1) * 2 ** last.level;
};
function inclusionShape(index: number, size: number): string {
  if (index < 0 || index >= size) return 'invalid';
  return inclusionProofPlan(index, size)
    .map((el) => (rangeStart(el[0]!) > index ? 'R' : 'L'))
    .join('');
}
function consistencyShape(first: number, second: number): string {
  if (first < 0 || first > second) return 'invalid';
  if (first === 0 || first === second) return 'trivial';
  const plan = consistencyProofPlan(first, second);
  const pow2 = (first & (first - 1)) === 0;
  const rest = pow2 ? plan : plan.slice(1);
  if (!pow2) assert.ok(rangeEnd(plan[0]!) <= first, 'seed element lies inside the old tree');
  return (
    (pow2 ? 'S' : 'P') +
    rest
      .map((el) => {
        if (rangeEnd(el) <= first) return 'L';
        assert.ok(rangeStart(el[0]!) >= first);
        return 'R';
      })
      .join('')
  );
}

describe('RFC 6962 / RFC 9162 §2.1 published vectors (transparency-dev/merkle)', () => {
  test('leaf hashes, every perfect subtree hash, roots for sizes 0..8', () => {
    assert.equal(toHex(emptyRoot()), V.emptyRoot);
    assert.equal(toHex(rootFromLeafHashes([])), V.emptyRoot);
    assert.deepEqual(leaves.map(toHex), V.nodeHashes[0]);
    for (let size = 1; size <= 8; size++) {
      assert.equal(toHex(rootFromLeafHashes(leaves.slice(0, size))), V.rootsBySize[String(size)], `root of size ${size}`);
      assert.equal(toHex(rootFromLeafHashes(leaves.slice(0, size), nodeSha256)), V.rootsBySize[String(size)], `node:crypto root of size ${size}`);
    }
    const store = subtreeStore(leaves, nodeSha256);
    V.nodeHashes.forEach((level, L) => level.forEach((h, i) => assert.equal(toHex(store.get(`${L}/${i}`)!), h, `node ${L}/${i}`)));
  });

  test('inclusion proofs: generated equal published, verify, and every transparency-dev corruption fails', () => {
    for (const v of V.inclusionProofs) {
      const proof = v.proof.map(hex);
      const root = rootOf(v.size);
      const leaf = leaves[v.index]!;
      assert.deepEqual(inclusionProofFromLeafHashes(v.index, leaves.slice(0, v.size)).map(toHex), v.proof);
      assert.equal(toHex(rootFromInclusionProof(leaf, v.index, v.size, proof)!), toHex(root));
      assert.equal(verifyInclusion(leaf, v.index, v.size, proof, root), true);
      const probes: [string, number, number, Uint8Array, Uint8Array[], Uint8Array][] = [
        ['index - 1', v.index - 1, v.size, leaf, proof, root],
        ['index + 1', v.index + 1, v.size, leaf, proof, root],
        ['index ^ 2', v.index ^ 2, v.size, leaf, proof, root],
        ['size * 2', v.index, v.size * 2, leaf, proof, root],
        ['size / 2', v.index, Math.floor(v.size / 2), leaf, proof, root],
        ['wrong leaf', v.index, v.size, new TextEncoder().encode('WrongLeaf'), proof, root],
        ['empty root', v.index, v.size, leaf, proof, emptyRoot()],
        ['random root', v.index, v.size, leaf, proof, SOME_HASH],
        ['trailing garbage', v.index, v.size, leaf, [...proof, new Uint8Array(0)], root],
        ['trailing root', v.index, v.size, leaf, [...proof, root], root],
        ['preceding garbage', v.index, v.size, leaf, [new Uint8Array(0), ...proof], root],
        ['preceding root', v.index, v.size, leaf, [root, ...proof], root],
        ...proof.map((_, i): [string, number, number, Uint8Array, Uint8Array[], Uint8Array] => [
          `proof[${i}] bit 3`,
          v.index,
          v.size,
          leaf,
          proof.map((p, j) => (j === i ? flipBit(p, 3) : p)),
          root,
        ]),
      ];
      if (proof.length > 0) probes.push(['removed component', v.index, v.size, leaf, proof.slice(0, -1), root]);
      if (proof.length > 1) probes.push(['inserted component', v.index, v.size, leaf, [proof[0]!, SOME_HASH, ...proof.slice(1)], root]);
      for (const [desc, i, s, l, p, r] of probes) assert.equal(verifyInclusion(l, i, s, p, r), false, `${v.index}/${v.size}: ${desc}`);
    }
  });

  test('inclusion: single-entry tree and invalid index/size', () => {
    const h = leafHash(new TextEncoder().encode('data'));
    assert.equal(verifyInclusion(h, 0, 1, [], h), true);
    assert.equal(verifyInclusion(new Uint8Array(0), 0, 1, [], h), false);
    assert.equal(verifyInclusion(h, 0, 1, [], new Uint8Array(0)), false);
    for (const [i, s] of [
      [0, 0],
      [1, 0],
      [2, 1],
      [-1, 1],
      [0.5, 1],
    ] as const) {
      assert.equal(verifyInclusion(SOME_HASH, i, s, [], emptyRoot()), false);
      assert.equal(rootFromInclusionProof(SOME_HASH, i, s, []), null);
    }
    assert.equal(verifyInclusion(SOME_HASH, 0, 1, [], SOME_HASH), true);
  });

  test('consistency proofs: generated equal published, verify, and every transparency-dev corruption fails', () => {
    for (const v of V.consistencyProofs) {
      const proof = v.proof.map(hex);
      const r1 = rootOf(v.first);
      const r2 = rootOf(v.second);
      assert.deepEqual(consistencyProofFromLeafHashes(v.first, leaves.slice(0, v.second)).map(toHex), v.proof);
      assert.equal(verifyConsistency(v.first, v.second, proof, r1, r2), true, `${v.first}->${v.second}`);
      if (proof.length === 0) continue;
      const wrong = new TextEncoder().encode('WrongRoot');
      const probes: [string, number, number, Uint8Array[], Uint8Array, Uint8Array][] = [
        ['first - 1', v.first - 1, v.second, proof, r1, r2],
        ['first + 1', v.first + 1, v.second, proof, r1, r2],
        ['first ^ 2', v.first ^ 2, v.second, proof, r1, r2],
        ['second * 2', v.first, v.second * 2, proof, r1, r2],
        ['second / 2', v.first, Math.floor(v.second / 2), proof, r1, r2],
        ['wrong root1', v.first, v.second, proof, wrong, r2],
        ['wrong root2', v.first, v.second, proof, r1, wrong],
        ['swapped roots', v.first, v.second, proof, r2, r1],
        ['empty proof', v.first, v.second, [], r1, r2],
        ['trailing garbage', v.first, v.second, [...proof, new Uint8Array(0)], r1, r2],
        ['trailing root1', v.first, v.second, [...proof, r1], r1, r2],
        ['trailing root2', v.first, v.second, [...proof, r2], r1, r2],
        ['preceding garbage', v.first, v.second, [new Uint8Array(0), ...proof], r1, r2],
        ['preceding root1', v.first, v.second, [r1, ...proof], r1, r2],
        ['preceding root2', v.first, v.second, [r2, ...proof], r1, r2],
        ['preceding proof[0]', v.first, v.second, [proof[0]!, ...proof], r1, r2],
        ['truncated proof', v.first, v.second, proof.slice(0, -1), r1, r2],
        ...proof.map((_, i): [string, number, number, Uint8Array[], Uint8Array, Uint8Array] => [
          `proof[${i}] bit 4`,
          v.first,
          v.second,
          proof.map((p, j) => (j === i ? flipBit(p, 4) : p)),
          r1,
          r2,
        ]),
      ];
      for (const [desc, f, s, p, a, b] of probes) assert.equal(verifyConsistency(f, s, p, a, b), false, `${v.first}->${v.second}: ${desc}`);
    }
  });

  test('consistency edge cases: equal sizes, size 0, time travel, non-empty trivial proofs', () => {
    const roots: Record<string, Uint8Array> = {
      r1: new TextEncoder().encode("don't care 1"),
      r2: new TextEncoder().encode("don't care 2"),
      empty: emptyRoot(),
    };
    for (const c of V.consistencyEdgeCases.cases) {
      const proof = c.proof === 'one' ? [emptyRoot()] : [];
      assert.equal(verifyConsistency(c.first, c.second, proof, roots[c.root1]!, roots[c.root2]!), c.valid, JSON.stringify(c));
    }
  });
});

describe('storage plans: perfect subtrees per proof element', () => {
  test('subtreeCoordinates decomposes aligned ranges and refuses unaligned ones', () => {
    assert.deepEqual(subtreeCoordinates(0, 7), [
      { level: 2, index: 0 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    assert.deepEqual(subtreeCoordinates(8, 13), [
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    assert.throws(() => subtreeCoordinates(2, 6), RangeError);
    assert.throws(() => subtreeCoordinates(3, 3), RangeError);
  });

  test('subtreesCompletedBy lists the subtrees an append completes', () => {
    assert.deepEqual(subtreesCompletedBy(0), [{ level: 0, index: 0 }]);
    assert.deepEqual(subtreesCompletedBy(7), [
      { level: 0, index: 7 },
      { level: 1, index: 3 },
      { level: 2, index: 1 },
      { level: 3, index: 0 },
    ]);
  });

  test('rootPlan, inclusionProofPlan and consistencyProofPlan equal the reference generators for sizes 1..130', () => {
    const all = randomLeaves(130, 1);
    const store = subtreeStore(all, nodeSha256);
    for (let size = 1; size <= 130; size++) {
      const tree = all.slice(0, size);
      const root = rootFromLeafHashes(tree, nodeSha256);
      assert.equal(toHex(resolve(store, rootPlan(size), nodeSha256)), toHex(root), `root ${size}`);
      for (let index = 0; index < size; index++) {
        const want = inclusionProofFromLeafHashes(index, tree, nodeSha256).map(toHex);
        const got = inclusionProofPlan(index, size).map((el) => toHex(resolve(store, el, nodeSha256)));
        assert.deepEqual(got, want, `inclusion ${index}/${size}`);
      }
      for (let first = 0; first <= size; first++) {
        const want = consistencyProofFromLeafHashes(first, tree, nodeSha256).map(toHex);
        const got = consistencyProofPlan(first, size).map((el) => toHex(resolve(store, el, nodeSha256)));
        assert.deepEqual(got, want, `consistency ${first}->${size}`);
      }
    }
    assert.deepEqual(rootPlan(0), []);
    assert.throws(() => inclusionProofPlan(5, 5), RangeError);
    assert.throws(() => consistencyProofPlan(6, 5), RangeError);
  });

  test('plans stay O(log n) for a 2^40-leaf log (arithmetic beyond 32 bits)', () => {
    const size = 2 ** 40 + 12345;
    const plan = inclusionProofPlan(size - 7, size);
    assert.ok(plan.length <= 41);
    assert.ok(consistencyProofPlan(2 ** 33 + 1, size).length <= 82);
  });
});

describe('properties: generated proofs verify; every single-bit mutation is rejected', () => {
  const sizeAndIndex = fc.integer({ min: 1, max: 300 }).chain((size) => fc.tuple(fc.constant(size), fc.integer({ min: 0, max: size - 1 }), fc.integer({ min: 0, max: 1e6 })));

  test('inclusion: leaf, proof and root bit flips and index changes always fail; size changes fail unless the path shape is identical', () => {
    fc.assert(
      fc.property(sizeAndIndex, ([size, index, seed]) => {
        const tree = randomLeaves(size, seed);
        const proof = inclusionProofFromLeafHashes(index, tree);
        const root = rootFromLeafHashes(tree);
        const leaf = tree[index]!;
        assert.equal(verifyInclusion(leaf, index, size, proof, root), true);
        for (let bit = 0; bit < 256; bit++) {
          assert.equal(verifyInclusion(flipBit(leaf, bit), index, size, proof, root), false, `leaf bit ${bit}`);
          assert.equal(verifyInclusion(leaf, index, size, proof, flipBit(root, bit)), false, `root bit ${bit}`);
          for (let j = 0; j < proof.length; j++) {
            const p = proof.map((x, k) => (k === j ? flipBit(x, bit) : x));
            assert.equal(verifyInclusion(leaf, index, size, p, root), false, `proof[${j}] bit ${bit}`);
          }
        }
        const mutations = (n: number) => [n - 1, n + 1, ...Array.from({ length: 53 }, (_, b) => (b < 31 ? n ^ (1 << b) : n + 2 ** b))];
        for (const i of mutations(index)) assert.equal(verifyInclusion(leaf, i, size, proof, root), false, `index ${index} -> ${i}`);
        const shape = inclusionShape(index, size);
        for (const s of mutations(size)) {
          const sameShape = Number.isSafeInteger(s) && inclusionShape(index, s) === shape;
          assert.equal(verifyInclusion(leaf, index, s, proof, root), sameShape, `size ${size} -> ${s}`);
        }
      }),
      { numRuns: 40 },
    );
  });

  test('consistency: root and proof bit flips always fail; first/second changes fail unless the proof shape is identical', () => {
    const sizes = fc.integer({ min: 2, max: 300 }).chain((second) => fc.tuple(fc.integer({ min: 1, max: second - 1 }), fc.constant(second), fc.integer({ min: 0, max: 1e6 })));
    fc.assert(
      fc.property(sizes, ([first, second, seed]) => {
        const tree = randomLeaves(second, seed);
        const proof = consistencyProofFromLeafHashes(first, tree);
        const r1 = rootFromLeafHashes(tree.slice(0, first));
        const r2 = rootFromLeafHashes(tree);
        assert.equal(verifyConsistency(first, second, proof, r1, r2), true);
        for (let bit = 0; bit < 256; bit++) {
          assert.equal(verifyConsistency(first, second, proof, flipBit(r1, bit), r2), false, `root1 bit ${bit}`);
          assert.equal(verifyConsistency(first, second, proof, r1, flipBit(r2, bit)), false, `root2 bit ${bit}`);
          for (let j = 0; j < proof.length; j++) {
            const p = proof.map((x, k) => (k === j ? flipBit(x, bit) : x));
            assert.equal(verifyConsistency(first, second, p, r1, r2), false, `proof[${j}] bit ${bit}`);
          }
        }
        const mutations = (n: number) => [n - 1, n + 1, ...Array.from({ length: 53 }, (_, b) => (b < 31 ? n ^ (1 << b) : n + 2 ** b))];
        const shape = consistencyShape(first, second);
        for (const f of mutations(first)) {
          const same = Number.isSafeInteger(f) && consistencyShape(f, second) === shape;
          assert.equal(verifyConsistency(f, second, proof, r1, r2), same, `first ${first} -> ${f}`);
        }
        for (const s of mutations(second)) {
          const same = Number.isSafeInteger(s) && consistencyShape(first, s) === shape;
          assert.equal(verifyConsistency(first, s, proof, r1, r2), same, `second ${second} -> ${s}`);
        }
      }),
      { numRuns: 40 },
    );
  });

  test('why size needs the signed checkpoint: RFC 9162 inclusion does not commit to the size by itself', () => {
    // Leaf 0 of a 3-leaf tree has the same path shape (two right siblings) as leaf 0 of a 4-leaf tree,
    // so the §2.1.3.2 algorithm accepts the claim "size 4" against the size-3 root. Verifiers must take
    // (size, root) together from a signed checkpoint (note.ts), where any change of size breaks the signature.
    const tree = randomLeaves(3, 7);
    const proof = inclusionProofFromLeafHashes(0, tree);
    const root = rootFromLeafHashes(tree);
    assert.equal(verifyInclusion(tree[0]!, 0, 4, proof, root), true);
    assert.equal(inclusionShape(0, 3), inclusionShape(0, 4));
  });
});
