// Revenue distribution epochs (SPEC §8, contracts/revenue/README.md "Leaves"): the leaf encoding and the Merkle tree
// of mesi_common::merkle, in TypeScript, for the e2e test, `make demo` and the bench.
//
//   leaf  = sha256(0x00 || lp(contract) || lp(creator) || epoch: u64 BE || lp(recipient) || amount: u128 BE)
//           lp(s) = len(s): u16 BE || utf8(s)
//   inner = sha256(0x01 || min(a, b) || max(a, b))   (sorted pairs, byte-wise; an odd node is carried up unchanged)
//
// One leaf per recipient per epoch (claims are recorded per recipient). A one-leaf tree: root = leaf, empty proof.
import { createHash } from "node:crypto";

/** The README's test vector (contracts/revenue/src/tests/leaf_vector.txt). */
export const LEAF_VECTOR = {
  contract: "cosmwasm1contract",
  creator: "cosmwasm1creator",
  epoch: 1n,
  recipient: "cosmwasm1fan",
  amount: 1_000_000n,
  hash: "a04bdc44189060682a3ec3555eec229e7232247ef555d88523c7089002f485b6",
};

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest();
};

const lp = (s: string): Buffer => {
  const b = Buffer.from(s, "utf8");
  if (b.length > 0xffff) throw new Error("field longer than 65,535 bytes");
  const len = Buffer.alloc(2);
  len.writeUInt16BE(b.length);
  return Buffer.concat([len, b]);
};

const u64 = (v: bigint): Buffer => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(v);
  return b;
};

const u128 = (v: bigint): Buffer => {
  if (v < 0n || v >= 1n << 128n) throw new Error(`amount ${v} is not a u128`);
  const b = Buffer.alloc(16);
  b.writeBigUInt64BE(v >> 64n, 0);
  b.writeBigUInt64BE(v & 0xffff_ffff_ffff_ffffn, 8);
  return b;
};

/** The leaf of (contract, creator, epoch, recipient, amount): addresses as bech32 strings. */
export function leafHash(contract: string, creator: string, epoch: bigint | number, recipient: string, amount: bigint): Buffer {
  return sha256(Buffer.from([0x00]), lp(contract), lp(creator), u64(BigInt(epoch)), lp(recipient), u128(amount));
}

/** The inner node over two children (sorted pair). */
export function nodeHash(a: Buffer, b: Buffer): Buffer {
  const [lo, hi] = Buffer.compare(a, b) <= 0 ? [a, b] : [b, a];
  return sha256(Buffer.from([0x01]), lo, hi);
}

/** Root (hex) and every leaf's proof (hex siblings, leaf to root) of `leaves` in the given order; mesi_common::merkle::tree. */
export function buildTree(leaves: Buffer[]): { root: string; proofs: string[][] } {
  const proofs: string[][] = leaves.map(() => []);
  if (leaves.length === 0) return { root: "00".repeat(32), proofs };
  let level = leaves.slice();
  let members: number[][] = leaves.map((_, i) => [i]);
  while (level.length > 1) {
    const next: Buffer[] = [];
    const nextMembers: number[][] = [];
    for (let i = 0; i < level.length; i += 2) {
      if (i + 1 < level.length) {
        for (const m of members[i]) proofs[m].push(level[i + 1].toString("hex"));
        for (const m of members[i + 1]) proofs[m].push(level[i].toString("hex"));
        next.push(nodeHash(level[i], level[i + 1]));
        nextMembers.push([...members[i], ...members[i + 1]]);
      } else {
        next.push(level[i]);
        nextMembers.push(members[i]);
      }
    }
    level = next;
    members = nextMembers;
  }
  return { root: level[0].toString("hex"), proofs };
}

/** The root a leaf and its proof lead to (what the contract's `claim` computes). */
export function rootOf(leaf: Buffer, proof: string[]): string {
  return proof.reduce((acc, s) => nodeHash(acc, Buffer.from(s, "hex")), leaf).toString("hex");
}

export interface Share {
  recipient: string;
  amount: bigint;
}

export interface Epoch {
  contract: string;
  creator: string;
  epoch: number;
  root: string;
  total: bigint;
  /** sha256 (hex) of `file`, the published leaves file (`leaves_sha256`) */
  leavesSha256: string;
  /** the leaves file: one `recipient,amount` line per leaf, in tree order */
  file: string;
  claims: Record<string, { amount: bigint; proof: string[] }>;
}

/** One creator's epoch over `shares` (one per recipient; zero amounts dropped). */
export function buildEpoch(contract: string, creator: string, epoch: number, shares: Share[]): Epoch {
  const rows = shares.filter((s) => s.amount > 0n);
  const seen = new Set<string>();
  for (const r of rows) {
    if (seen.has(r.recipient)) throw new Error(`recipient ${r.recipient} twice in one epoch`);
    seen.add(r.recipient);
  }
  const leaves = rows.map((r) => leafHash(contract, creator, epoch, r.recipient, r.amount));
  const { root, proofs } = buildTree(leaves);
  const file = rows.map((r) => `${r.recipient},${r.amount}\n`).join("");
  const claims: Epoch["claims"] = {};
  rows.forEach((r, i) => (claims[r.recipient] = { amount: r.amount, proof: proofs[i] }));
  return {
    contract,
    creator,
    epoch,
    root,
    total: rows.reduce((a, r) => a + r.amount, 0n),
    leavesSha256: createHash("sha256").update(file).digest("hex"),
    file,
    claims,
  };
}

/**
 * SPEC §8 shares of `pool` by engagement rating: rating x pool / sum of ratings, rounded down per leaf (the remainder
 * stays in the pool). Whitepaper vector: ratings 40, 50, 5 of a 475 pool -> 200, 250, 25.
 */
export function sharesByRating(pool: bigint, ratings: { recipient: string; rating: bigint }[]): Share[] {
  const sum = ratings.reduce((a, r) => a + r.rating, 0n);
  if (sum === 0n) return [];
  return ratings.map((r) => ({ recipient: r.recipient, amount: (pool * r.rating) / sum }));
}

/** Throws unless the TypeScript leaf matches the README's vector (computed independently in Python). */
export function checkVector(): void {
  const v = LEAF_VECTOR;
  const got = leafHash(v.contract, v.creator, v.epoch, v.recipient, v.amount).toString("hex");
  if (got !== v.hash) throw new Error(`revenue leaf encoding drifted: ${got} != ${v.hash}`);
}
