#!/usr/bin/env node
// Builds a Mesi treasury Merkle epoch (root, total, per-address proofs) from a CSV.
//
//   node scripts/merkle/merkle.mjs earnings.csv            # JSON to stdout
//   node scripts/merkle/merkle.mjs earnings.csv epoch.json # JSON to a file
//
// CSV: one `address,amount` per line (amount in MESI base units, a decimal integer); an
// optional header line `address,amount`; blank lines and lines starting with # are skipped.
// An address may appear once.
//
// Encoding (must match contracts/treasury/src/execute/epochs.rs):
//   leaf   = sha256(utf8(address) || "|" || utf8(amount))      amount without leading zeros
//   parent = sha256(min(a, b) || max(a, b))                    byte-wise order, no index bits
//   A level with an odd number of nodes promotes its last node unchanged to the next level
//   (that node has no sibling there, so its proof has no element for that level).
//   Leaves are ordered by leaf hash. A single leaf is its own root (empty proof).
// Output: { root, total, count, claims: { address: { amount, leaf, proof: [hex...] } } }
// The contract message: {"claim_epoch":{"epoch":N,"amount":"<amount>","proof":[...]}}.

import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";

const sha256 = (...parts) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return h.digest();
};

export const leafHash = (address, amount) =>
  sha256(Buffer.from(address, "utf8"), Buffer.from("|"), Buffer.from(amount, "utf8"));

export const parentHash = (a, b) =>
  Buffer.compare(a, b) <= 0 ? sha256(a, b) : sha256(b, a);

export function parseCsv(text) {
  const rows = [];
  const seen = new Set();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const [address, amount, ...rest] = line.split(",").map((s) => s.trim());
    if (i === 0 && address === "address" && amount === "amount") return;
    if (!address || amount === undefined || rest.length) throw new Error(`line ${i + 1}: expected address,amount`);
    if (address !== address.toLowerCase()) throw new Error(`line ${i + 1}: address must be lower-case`);
    if (!/^(0|[1-9][0-9]*)$/.test(amount)) throw new Error(`line ${i + 1}: amount must be a decimal integer`);
    if (BigInt(amount) === 0n) throw new Error(`line ${i + 1}: amount must be > 0`);
    if (BigInt(amount) >= 1n << 128n) throw new Error(`line ${i + 1}: amount exceeds Uint128`);
    if (seen.has(address)) throw new Error(`line ${i + 1}: duplicate address ${address}`);
    seen.add(address);
    rows.push({ address, amount });
  });
  if (!rows.length) throw new Error("no rows");
  return rows;
}

export function buildTree(rows) {
  const leaves = rows.map((r) => ({ ...r, leaf: leafHash(r.address, r.amount) }));
  leaves.sort((a, b) => Buffer.compare(a.leaf, b.leaf));
  const levels = [leaves.map((l) => l.leaf)];
  while (levels[levels.length - 1].length > 1) {
    const cur = levels[levels.length - 1];
    const next = [];
    for (let i = 0; i < cur.length; i += 2) next.push(i + 1 < cur.length ? parentHash(cur[i], cur[i + 1]) : cur[i]);
    levels.push(next);
  }
  const root = levels[levels.length - 1][0];
  const claims = {};
  let total = 0n;
  leaves.forEach((l, index) => {
    const proof = [];
    let idx = index;
    for (let d = 0; d < levels.length - 1; d++) {
      const sib = idx ^ 1;
      if (sib < levels[d].length) proof.push(levels[d][sib].toString("hex"));
      idx >>= 1;
    }
    total += BigInt(l.amount);
    claims[l.address] = { amount: l.amount, leaf: l.leaf.toString("hex"), proof };
  });
  if (total >= 1n << 128n) throw new Error("total exceeds Uint128");
  return { root: root.toString("hex"), total: total.toString(), count: leaves.length, claims };
}

export function verify(root, address, amount, proof) {
  let node = leafHash(address, amount);
  for (const p of proof) node = parentHash(node, Buffer.from(p, "hex"));
  return node.toString("hex") === root;
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  const [input, output] = process.argv.slice(2);
  if (!input) {
    console.error("usage: node scripts/merkle/merkle.mjs <earnings.csv> [out.json]");
    process.exit(2);
  }
  try {
    const tree = buildTree(parseCsv(readFileSync(input, "utf8")));
    for (const [a, c] of Object.entries(tree.claims)) {
      if (!verify(tree.root, a, c.amount, c.proof)) throw new Error(`self-check failed for ${a}`);
    }
    const json = JSON.stringify(tree, null, 2) + "\n";
    if (output) {
      writeFileSync(output, json);
      console.error(`[merkle] ${tree.count} leaves, total ${tree.total}, root ${tree.root} -> ${output}`);
    } else process.stdout.write(json);
  } catch (e) {
    console.error(`[merkle] ${e.message}`);
    process.exit(1);
  }
}
