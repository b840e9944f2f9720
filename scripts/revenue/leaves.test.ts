// The TypeScript leaf encoding and tree against the README's vector and against themselves (every proof leads to
// the root): node --import tsx --test scripts/revenue/leaves.test.ts
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { LEAF_VECTOR, buildEpoch, buildTree, checkVector, leafHash, rootOf, sharesByRating } from "./leaves";

test("the leaf matches the README's vector and contracts/revenue/src/tests/leaf_vector.txt", () => {
  checkVector();
  const file = fs.readFileSync(path.join(import.meta.dirname, "../../contracts/revenue/src/tests/leaf_vector.txt"), "utf8").trim();
  assert.equal(file, LEAF_VECTOR.hash);
});

test("every proof of a built tree leads to its root (1..=9 leaves, odd nodes carried up)", () => {
  for (let n = 1; n <= 9; n++) {
    const leaves = Array.from({ length: n }, (_, i) => leafHash("c", "k", 1, `r${i}`, BigInt(i + 1)));
    const { root, proofs } = buildTree(leaves);
    leaves.forEach((l, i) => assert.equal(rootOf(l, proofs[i]), root, `n = ${n}`));
    if (n === 1) assert.equal(root, leaves[0].toString("hex"));
  }
});

test("the whitepaper distribution vector: ratings 40 / 50 / 5 of 475 -> 200 / 250 / 25", () => {
  const shares = sharesByRating(475n, [
    { recipient: "creator", rating: 40n },
    { recipient: "fanA", rating: 50n },
    { recipient: "fanB", rating: 5n },
  ]);
  assert.deepEqual(shares.map((s) => s.amount), [200n, 250n, 25n]);
  const e = buildEpoch("c", "k", 1, shares);
  assert.equal(e.total, 475n);
  assert.equal(rootOf(leafHash("c", "k", 1, "fanA", 250n), e.claims.fanA.proof), e.root);
});
