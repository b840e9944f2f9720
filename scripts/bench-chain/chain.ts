// make bench-chain (make bench runs it after the VM table): what a user pays on chain, in SDK gas (issue 15).
//
// 1. starts a throw-away devnet on free ports (tests/e2e/devnet.ts), deploys the suite with the deploy script
//    WITHOUT pinning (MESI_PIN_CODES=off), uploads the anchors cw20-base 2.0.0 / cw721-base 0.22.0
//    (artifacts/anchors/, built by scripts/bench.sh) and a receiver ("sink", scripts/bench-chain/sink.ts) that
//    `send` / `send_nft` of both sides call;
// 2. the token rows run on a twin instance of the deployed token code beside a cw20-base instance with the SAME
//    genesis balances and minter (the deployed token's minter is the treasury contract, so its `mint` is not callable
//    by an account); the gallery rows run on the deployed gallery beside a cw721-base holding the same tokens;
//    the other rows run on the deployed contracts;
// 3. every operation runs once as a warm-up (steady state: records exist), once measured UNPINNED, then ONE
//    governance proposal pins every code (ours, the anchors, the sink), then once measured PINNED: no ratio
//    compares a pinned contract with an unpinned one;
// 4. the floor: a native bank send of the same amount (1,000,000 base units);
// 5. prints the table and merges `"chain"` rows {contract, operation, gas_used, anchor, anchor_gas_used, pinned}
//    and `"chain_floor"` into artifacts/bench.json (the VM bench writes `gas` and `sizes` there).
// SDK gas is deterministic for the same state: one run is a measurement.
//
//   node --import tsx scripts/bench-chain/chain.ts [--json artifacts/bench.json] [--keep] [--only token,gallery]
// --only runs just the named groups (token, gallery, treasury, bid-to-meet, referral, validator-rewards, marketplace,
// influence, revenue) and prints their table without writing the json (a partial table must not replace the full one).
import fs from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { SigningCosmWasmClient, toBinary } from "@cosmjs/cosmwasm-stargate";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { Bip39, Random } from "@cosmjs/crypto";
import { startDevnet } from "../../tests/e2e/devnet";
import { ROOT, clientOptions, loadDevAccounts, loadNetwork, type Network } from "../deploy/config";
import { DeployContext } from "../deploy/context";
import { actors, bondedValidatorAccounts, type Actor } from "../deploy/accounts";
import { GENESIS_SUPPLY, MESI } from "../deploy/genesis";
import { changePins, chainQueries } from "../deploy/pin";
import { leafHash, parentHash, verify } from "../merkle/merkle.mjs";
import { sinkWasm } from "./sink";
import { marketplaceGroup } from "./marketplace";
import { influenceGroup } from "./influence";
import { revenueGroup } from "./revenue";

export type Phase = "warmup" | "unpinned" | "pinned";
/** one measured transaction: ours and (when the operation has one) the anchor's, same state, same pinning */
export interface Sample {
  contract: string;
  operation: string;
  gas: number;
  anchor?: string;
  anchorGas?: number;
}
/** A family of operations: `setup` once, then `run` three times (warm-up, unpinned, pinned). */
export interface Group {
  name: string;
  setup(): Promise<void>;
  run(phase: Phase, i: number): Promise<Sample[]>;
}
/** what every group gets */
export interface Bench {
  net: Network;
  who: Record<Name, Actor>;
  record: any;
  sink: string;
  codes: { cw20: number; cw721: number; sink: number };
  exec(a: Actor, contract: string, msg: Record<string, unknown>, funds?: { denom: string; amount: string }[]): Promise<number>;
  instantiate(a: Actor, codeId: number, msg: Record<string, unknown>, label: string): Promise<string>;
  fresh(name: string): Promise<Actor>;
  query<T = any>(contract: string, msg: Record<string, unknown>): Promise<T>;
}

const NAMES = ["deployer", "alice", "bob", "carol", "dave", "operator", "feeder", "arbiter", "liquidity", "community", "treasury-standin", "validator0"] as const;
type Name = (typeof NAMES)[number];
const AMOUNT = 1_000_000n; // base units moved by every transfer-like operation (and by the floor)
const m = (whole: number | bigint) => (BigInt(whole) * MESI).toString();
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const b64 = (o: unknown) => toBinary(o);

// ---------------------------------------------------------------- token (twin) beside cw20-base
function tokenGroup(b: Bench): Group {
  let ours = "", anchor = "";
  const { alice, bob, carol, deployer } = b.who;
  const both = async (operation: string, a: Actor, msg: (contract: string) => Record<string, unknown>, anchored = true): Promise<Sample> => {
    const gas = await b.exec(a, ours, msg(ours));
    const anchorGas = anchored ? await b.exec(a, anchor, msg(anchor)) : undefined;
    return { contract: "mesi_token", operation, gas, ...(anchored ? { anchor: "cw20_base", anchorGas } : {}) };
  };
  return {
    name: "token",
    async setup() {
      // the same genesis on both: alice holds all but 1,000,000 MESI, the stand-in the rest; minter = deployer
      const others = 1_000_000n * MESI;
      const balances = [
        { address: alice.address, amount: (GENESIS_SUPPLY - others).toString() },
        { address: b.who["treasury-standin"].address, amount: others.toString() },
      ];
      ours = await b.instantiate(deployer, b.record.contracts.token.codeId, {
        name: "Mesi", symbol: "MESI", decimals: 6,
        allocations: balances.map((x, i) => ({ label: i === 0 ? "bench" : "others", ...x })),
        mint: { minter: deployer.address, cap: null }, marketing: null,
        arbiter: b.who.arbiter.address, treasury: b.who["treasury-standin"].address,
      }, "bench mesi-token twin");
      anchor = await b.instantiate(deployer, b.codes.cw20, {
        name: "Anchor Token", symbol: "ANCHOR", decimals: 6, initial_balances: balances,
        mint: { minter: deployer.address, cap: null }, marketing: null,
      }, "bench cw20-base");
    },
    async run() {
      const amt = AMOUNT.toString();
      return [
        await both("transfer", alice, () => ({ transfer: { recipient: bob.address, amount: amt } })),
        await both("send", alice, () => ({ send: { contract: b.sink, amount: amt, msg: b64({ deposit: {} }) } })),
        await both("increase_allowance", alice, () => ({ increase_allowance: { spender: carol.address, amount: (10n * AMOUNT).toString(), expires: null } })),
        await both("transfer_from", carol, () => ({ transfer_from: { owner: alice.address, recipient: bob.address, amount: amt } })),
        await both("burn", alice, () => ({ burn: { amount: amt } })),
        await both("mint", deployer, () => ({ mint: { recipient: bob.address, amount: amt } })),
        await both("lock", alice, () => ({ lock: { amount: amt } }), false),
      ];
    },
  };
}

// ---------------------------------------------------------------- gallery beside cw721-base
const HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const TAGS = ["sunset", "sea"];
/**
 * The gallery beside two cw721-base 0.22 instances holding the same tokens: `anchor` mints them bare
 * (`extension: null`, what the issue compares against) and `anchorMeta` mints them carrying the same facts as
 * cw721's own NftExtension attributes (kind, content hash, tags, year, ad revenue, pay-per-view), so one row says
 * what the gallery's indexes cost beyond storing the same data in a plain cw721.
 */
function galleryGroup(b: Bench): Group {
  let gallery = "", anchor = "", anchorMeta = "";
  const { alice, bob, carol } = b.who;
  const stable = () => b.net.stableDenom;
  const attributes = (tags: string[]) => [
    ["media_kind", "photo"], ["content_hash", HASH], ...tags.map((t) => ["tag", t]), ["year", "2026"], ["ad_revenue", "royalty"], ["pay_per_view", "true"],
  ].map(([trait_type, value]) => ({ display_type: null, trait_type, value }));
  const mint = (contract: string, id: string, tags = TAGS) => ({
    mint: {
      token_id: id, owner: alice.address, token_uri: `ipfs://bafybeigdyrzt/${id}.json`,
      extension: contract === gallery
        ? { media_kind: "photo", content_hash: HASH, tags, year: 2026, ad_revenue: "royalty", pay_per_view: true, rights_confirmed: true }
        : contract === anchorMeta ? { attributes: attributes(tags) } : null,
    },
  });
  // per run i: tokens t<i> (transfer), s<i> (send), a<i> (approve), b<i> (burn), p<i> (pledge) exist; m<i> (2 tags)
  // and n<i> (no tags) are minted
  const PRE = ["t", "s", "a", "b", "p"];
  const both = async (operation: string, msg: (contract: string) => Record<string, unknown>, anchored = true, funds?: { denom: string; amount: string }[]): Promise<Sample> => {
    const gas = await b.exec(alice, gallery, msg(gallery), funds);
    const anchorGas = anchored ? await b.exec(alice, anchor, msg(anchor)) : undefined;
    return { contract: "mesi_gallery", operation, gas, ...(anchored ? { anchor: "cw721_base", anchorGas } : {}) };
  };
  return {
    name: "gallery",
    async setup() {
      gallery = b.record.contracts.gallery.address;
      const init = { name: "Anchor NFT", symbol: "ANFT", collection_info_extension: null, minter: alice.address, creator: alice.address, withdraw_address: null };
      anchor = await b.instantiate(b.who.deployer, b.codes.cw721, init, "bench cw721-base");
      anchorMeta = await b.instantiate(b.who.deployer, b.codes.cw721, init, "bench cw721-base with metadata");
      // the same tokens on every side (3 runs x 5 kinds = 15 each)
      for (let i = 0; i < 3; i++) for (const p of PRE) for (const c of [gallery, anchor, anchorMeta]) await b.exec(alice, c, mint(c, `${p}${i}`));
    },
    async run(_phase, i) {
      const minted = await both("mint (2 tags)", (c) => mint(c, `m${i}`));
      const metaGas = await b.exec(alice, anchorMeta, mint(anchorMeta, `m${i}`));
      return [
        minted,
        { contract: "mesi_gallery", operation: "mint (2 tags) vs same metadata", gas: minted.gas, anchor: "cw721_base+metadata", anchorGas: metaGas },
        await both("mint (no tags)", (c) => mint(c, `n${i}`, [])),
        await both("transfer_nft", () => ({ transfer_nft: { recipient: bob.address, token_id: `t${i}` } })),
        await both("send_nft", () => ({ send_nft: { contract: b.sink, token_id: `s${i}`, msg: b64({ list: {} }) } })),
        await both("approve", () => ({ approve: { spender: carol.address, token_id: `a${i}`, expires: null } })),
        await both("burn", () => ({ burn: { token_id: `b${i}` } })),
        await both("pledge", () => ({ pledge: { token_id: `p${i}` } }), false, [{ denom: stable(), amount: AMOUNT.toString() }]),
      ];
    },
  };
}

// ---------------------------------------------------------------- treasury: claim, claim_epoch (20-level proof), claim_vested
/**
 * A Merkle tree of 2^20 leaves (scripts/merkle encoding), built level by level so only the one claimer's proof is
 * kept: the claimer's proof has exactly 20 hashes, as a claim in an epoch of about a million earners would.
 */
export function bigTree(claimer: string, amount: string, depth = 20) {
  const n = 1 << depth;
  // leaves as hex (same bytes as merkle.mjs leafHash: sha256(address "|" amount)); hex order = byte order
  const hex: string[] = [leafHash(claimer, amount).toString("hex")];
  for (let i = 1; i < n; i++) hex.push(createHash("sha256").update(`bench-earner-${i}|1`).digest("hex"));
  const total = BigInt(amount) + BigInt(n - 1);
  const mine = hex[0];
  hex.sort();
  let idx = hex.indexOf(mine);
  let level: Buffer[] = hex.map((h) => Buffer.from(h, "hex"));
  const proof: string[] = [];
  while (level.length > 1) {
    const sib = idx ^ 1;
    if (sib < level.length) proof.push(level[sib].toString("hex"));
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? parentHash(level[i], level[i + 1]) : level[i]);
    level = next;
    idx >>= 1;
  }
  const root = level[0].toString("hex");
  if (proof.length !== depth || !verify(root, claimer, amount, proof)) throw new Error("bench tree: bad proof");
  return { root, total: total.toString(), proof };
}

function treasuryGroup(b: Bench, tree: ReturnType<typeof bigTree>): Group {
  let treasury = "";
  let vestee: Actor;
  const { operator, dave, carol, deployer } = b.who;
  return {
    name: "treasury",
    async setup() {
      treasury = b.record.contracts.treasury.address;
      // a vesting schedule with 2-second months (the treasury keeps each schedule's month length)
      vestee = await b.fresh("vestee");
      const cfg = await b.query(treasury, { config: {} });
      await b.exec(deployer, treasury, { update_config: { month_seconds: 2 } });
      await b.exec(deployer, treasury, { create_vesting: { beneficiary: vestee.address, cliff_months: 0, periods: 1000, total: m(1000) } });
      await b.exec(deployer, treasury, { update_config: { month_seconds: cfg.month_seconds } });
    },
    async run() {
      await b.exec(operator, treasury, { credit_earnings: { currency: "mesi", credits: [{ address: dave.address, amount: AMOUNT.toString() }] } });
      const claim = await b.exec(dave, treasury, { claim: {} });
      await b.exec(operator, treasury, { post_epoch: { root: tree.root, total: tree.total } });
      const epochs = await b.query(treasury, { epochs: { limit: 100 } });
      const epoch = epochs.epochs.at(-1).epoch;
      const claimEpoch = await b.exec(carol, treasury, { claim_epoch: { epoch, amount: AMOUNT.toString(), proof: tree.proof } });
      await sleep(2100); // at least one more vested month
      const vested = await b.exec(vestee, treasury, { claim_vested: {} });
      return [
        { contract: "mesi_treasury", operation: "claim", gas: claim },
        { contract: "mesi_treasury", operation: "claim_epoch_proof_20", gas: claimEpoch },
        { contract: "mesi_treasury", operation: "claim_vested", gas: vested },
      ];
    },
  };
}

// ---------------------------------------------------------------- bid-to-meet: bid, outbid, accept, release
function bidToMeetGroup(b: Bench): Group {
  let btm = "", token = "";
  const { alice, bob, carol, operator, liquidity } = b.who;
  const send = (a: Actor, amount: string, hook: unknown) => b.exec(a, token, { send: { contract: btm, amount, msg: b64(hook) } });
  return {
    name: "bid-to-meet",
    async setup() {
      btm = b.record.contracts["bid-to-meet"].address;
      token = b.record.contracts.token.address;
      for (const fan of [alice, bob]) {
        await b.exec(liquidity, token, { transfer: { recipient: fan.address, amount: m(10_000) } });
        await b.exec(fan, token, { lock: { amount: m(150) } }); // tier 1: bids up to USD 200
        await b.exec(operator, btm, { set_kyc: { address: fan.address, completed: true } });
      }
      await b.exec(carol, btm, { enable: { min_bid: m(100), formats: ["in_person", "virtual_video"] } });
    },
    async run(_phase, i) {
      const bid = await send(alice, m(1_000), { bid: { creator: carol.address, format: "virtual_video" } });
      const page = await b.query(btm, { bids_by_fan: { fan: alice.address, limit: 100 } });
      const id = page.bids.at(-1).id;
      const code = `bench-code-${i}-${Date.now()}`;
      const accept = await b.exec(carol, btm, { accept: { bid_id: id, code_hash: sha256(code), request_kyf: false } });
      const release = await b.exec(alice, btm, { release: { bid_id: id, code } });
      await b.exec(carol, btm, { open_slot: { format: "virtual_video", end_time: Math.floor(Date.now() / 1000) + 3600, min_bid: m(100), min_increment: m(10) } });
      const slots = await b.query(btm, { slots_by_creator: { creator: carol.address, limit: 100 } });
      const slot = slots.slots.at(-1).id;
      await send(alice, m(100), { slot_bid: { slot_id: slot } });
      const outbid = await send(bob, m(110), { slot_bid: { slot_id: slot } });
      const row = (operation: string, gas: number): Sample => ({ contract: "mesi_bid_to_meet", operation, gas });
      return [row("bid (token send)", bid), row("outbid (slot, token send)", outbid), row("accept", accept), row("release", release)];
    },
  };
}

// ---------------------------------------------------------------- referral: validate (pays from the treasury pool)
function referralGroup(b: Bench): Group {
  let referral = "";
  const { dave, operator, liquidity } = b.who;
  return {
    name: "referral",
    async setup() {
      referral = b.record.contracts.referral.address;
      const token = b.record.contracts.token.address;
      await b.exec(liquidity, token, { transfer: { recipient: dave.address, amount: m(1_000) } });
      await b.exec(dave, token, { lock: { amount: m(500) } });
      await b.exec(dave, referral, { register_code: { code: "bench-ref" } });
    },
    async run(_phase, i) {
      const referee = await b.fresh(`referee-${i}`);
      await b.exec(referee, referral, { refer: { code: "bench-ref" } });
      const gas = await b.exec(operator, referral, { validate: { referee: referee.address } });
      return [{ contract: "mesi_referral", operation: "validate (pays from the pool)", gas }];
    },
  };
}

// ---------------------------------------------------------------- validator-rewards: claim
function validatorRewardsGroup(b: Bench): Group {
  let vr = "";
  const { deployer, operator, liquidity, validator0 } = b.who;
  return {
    name: "validator-rewards",
    async setup() {
      vr = b.record.contracts["validator-rewards"].address;
      const token = b.record.contracts.token.address;
      const treasury = b.record.contracts.treasury.address;
      const valoper = (await bondedValidatorAccounts(b.net)).find((v) => v.name === "validator0")?.valoper;
      if (!valoper) throw new Error("validator0 is not a bonded validator of the bench devnet");
      const threshold = (await b.query(vr, { threshold: {} })).threshold as string;
      await b.exec(liquidity, token, { transfer: { recipient: validator0.address, amount: threshold } });
      await b.exec(validator0, token, { send: { contract: vr, amount: threshold, msg: b64({ apply: { validator: valoper } }) } });
      await b.exec(deployer, vr, { whitelist: { validator: valoper } });
      await b.exec(deployer, vr, { update_config: { stream_period: 3600 } });
      const amount = 1_000_000n * MESI;
      const pool = await b.query(treasury, { pool: { pool: "validator_rewards" } });
      if (BigInt(pool.balance) < amount) await b.exec(deployer, treasury, { fund_pool: { pool: "validator_rewards", amount: amount.toString() } });
      await b.exec(operator, vr, { pull_from_treasury: { amount: amount.toString() } });
    },
    async run() {
      await sleep(1000); // rewards accrue every second
      const gas = await b.exec(validator0, vr, { claim: {} });
      return [{ contract: "mesi_validator_rewards", operation: "claim", gas }];
    },
  };
}

// ---------------------------------------------------------------- the floor
function floorOf(b: Bench) {
  return async () => {
    const r = await b.who.alice.client.sendTokens(b.who.alice.address, b.who.bob.address, [{ denom: b.net.stableDenom, amount: AMOUNT.toString() }], "auto");
    return Number(r.gasUsed);
  };
}

// ---------------------------------------------------------------- table + json
export interface ChainRow {
  contract: string;
  operation: string;
  gas_used: number;
  anchor: string | null;
  anchor_gas_used: number | null;
  pinned: boolean;
}

function printTable(rows: ChainRow[], floor: number) {
  const key = (r: ChainRow) => `${r.contract}\u0000${r.operation}`;
  const keys = [...new Set(rows.map(key))];
  const get = (k: string, pinned: boolean) => rows.find((r) => key(r) === k && r.pinned === pinned);
  const n = (x: number | null | undefined) => (x == null ? "-" : x.toLocaleString("en-US"));
  const ratio = (a?: number | null, b?: number | null) => (a != null && b ? `${(a / b).toFixed(3)}x` : "-");
  const head = ["contract", "operation", "unpinned", "anchor", "ratio", "pinned", "anchor", "ratio", "x native", "pin saves"];
  const body = keys.map((k) => {
    const u = get(k, false)!, p = get(k, true)!;
    return [
      u.contract, u.operation, n(u.gas_used), u.anchor ? n(u.anchor_gas_used) : "-", ratio(u.gas_used, u.anchor_gas_used),
      n(p?.gas_used), p?.anchor ? n(p.anchor_gas_used) : "-", ratio(p?.gas_used, p?.anchor_gas_used),
      p ? `${(p.gas_used / floor).toFixed(2)}x` : "-", p ? n(u.gas_used - p.gas_used) : "-",
    ];
  });
  const w = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i < 2 ? c.padEnd(w[i]) : c.padStart(w[i]))).join("  ");
  console.log("\nOn-chain SDK gas (wasmd 0.61.14, one transaction each; anchors: cw20-base 2.0.0 / cw721-base 0.22.0 under the same pinning)");
  console.log(line(head));
  console.log(w.map((x) => "-".repeat(x)).join("  "));
  for (const r of body) console.log(line(r));
  console.log(`floor: native bank send of ${AMOUNT} base units = ${floor.toLocaleString("en-US")} gas ("x native" = pinned gas / floor)`);
  const pt = rows.find((r) => r.contract === "mesi_token" && r.operation === "transfer" && r.pinned);
  const ua = rows.find((r) => r.contract === "mesi_token" && r.operation === "transfer" && !r.pinned);
  if (pt && ua?.anchor_gas_used) {
    console.log(`pinned token transfer / unpinned cw20-base transfer = ${(pt.gas_used / ua.anchor_gas_used).toFixed(3)}x (issue 15 target <= 0.60x)`);
  }
}

export function mergeJson(file: string, rows: ChainRow[], floor: { operation: string; gas_used: number; amount: string; denom: string }) {
  let doc: Record<string, unknown> = {};
  if (fs.existsSync(file)) {
    try {
      doc = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch {
      doc = {};
    }
  }
  doc.chain = rows;
  doc.chain_floor = floor;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(doc, null, 2) + "\n");
}

// ---------------------------------------------------------------- main
async function main() {
  const t0 = Date.now();
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const jsonFile = path.resolve(arg("json") ?? path.join(ROOT, "artifacts", "bench.json"));
  const anchorsDir = path.join(ROOT, "artifacts", "anchors");
  for (const f of ["cw20_base.wasm", "cw721_base.wasm"]) {
    if (!fs.existsSync(path.join(anchorsDir, f))) throw new Error(`artifacts/anchors/${f} missing: run scripts/bench.sh (make bench) first`);
  }
  if (process.argv.includes("--keep")) process.env.MESI_E2E_KEEP = "1";
  // the 2^20-leaf tree first: building it blocks this process for a while (no RPC connection may idle meanwhile)
  const tt = Date.now();
  const tree = bigTree(loadDevAccounts()["carol"].address, AMOUNT.toString());
  console.log(`[bench-chain] Merkle tree of 2^20 leaves built in ${((Date.now() - tt) / 1000).toFixed(1)}s (the claim's proof: ${tree.proof.length} hashes)`);
  const dev = await startDevnet(1);
  console.log(`[bench-chain] devnet up in ${dev.startSeconds.toFixed(1)}s at ${dev.rpc()} (${dev.dir})`);
  try {
    const d = await dev.deploy({ MESI_PIN_CODES: "off" });
    console.log(`[bench-chain] suite deployed (unpinned) in ${d.seconds.toFixed(1)}s: ${Object.keys(d.record.contracts).join(", ")}`);
    const net = loadNetwork("devnet");
    const who = await actors(net, NAMES);
    const up = async (wasm: Uint8Array) => (await who.deployer.client.upload(who.deployer.address, wasm, 2)).codeId;
    const codes = {
      cw20: await up(fs.readFileSync(path.join(anchorsDir, "cw20_base.wasm"))),
      cw721: await up(fs.readFileSync(path.join(anchorsDir, "cw721_base.wasm"))),
      sink: await up(await sinkWasm()),
    };
    let funder = 0;
    const b: Bench = {
      net,
      who,
      record: d.record,
      sink: "",
      codes,
      async exec(a, contract, msg, funds) {
        const r = await a.client.execute(a.address, contract, msg, 1.6, undefined, funds);
        return Number(r.gasUsed);
      },
      async instantiate(a, codeId, msg, label) {
        return (await a.client.instantiate(a.address, codeId, msg, label, 1.6, { admin: a.address })).contractAddress;
      },
      async fresh(name) {
        const wallet = await DirectSecp256k1HdWallet.fromMnemonic(Bip39.encode(Random.getBytes(16)).toString(), { prefix: net.prefix });
        const [{ address }] = await wallet.getAccounts();
        const client = await SigningCosmWasmClient.connectWithSigner(net.rpc, wallet, clientOptions(net));
        const from = [who.community, who.carol][funder++ % 2];
        await from.client.sendTokens(from.address, address, [{ denom: net.feeDenom, amount: "10000000" }], "auto");
        return { name, address, client };
      },
      async query(contract, msg) {
        return who.alice.client.queryContractSmart(contract, msg);
      },
    };
    b.sink = await b.instantiate(who.deployer, codes.sink, {}, "bench sink");
    const groups: Group[] = [tokenGroup(b)];
    const has = (k: string) => Boolean(d.record.contracts[k]);
    if (has("gallery")) groups.push(galleryGroup(b));
    if (has("treasury") && has("token")) groups.push(treasuryGroup(b, tree));
    if (has("bid-to-meet")) groups.push(bidToMeetGroup(b));
    if (has("referral")) groups.push(referralGroup(b));
    if (has("validator-rewards")) groups.push(validatorRewardsGroup(b));
    const market = marketplaceGroup(b);
    if (market) groups.push(market);
    const influence = influenceGroup(b);
    if (influence) groups.push(influence);
    const revenue = revenueGroup(b);
    if (revenue) groups.push(revenue);
    const only = arg("only")?.split(",");
    if (only) {
      const unknown = only.filter((n) => !groups.some((g) => g.name === n));
      if (unknown.length) throw new Error(`--only: no group ${unknown.join(", ")} (groups: ${groups.map((g) => g.name).join(", ")})`);
      groups.splice(0, groups.length, ...groups.filter((g) => only.includes(g.name)));
    }
    // feeder price for the USD conversions (bid limits, referral bonus)
    if (has("treasury")) await b.exec(who.feeder, d.record.contracts.treasury.address, { post_price: { price: "0.05" } });
    for (const g of groups) {
      const t = Date.now();
      await g.setup();
      console.log(`[bench-chain] ${g.name}: set up in ${((Date.now() - t) / 1000).toFixed(1)}s`);
    }
    const floor = floorOf(b);
    const rows: ChainRow[] = [];
    const measure = async (phase: Phase, i: number) => {
      for (const g of groups) {
        const samples = await g.run(phase, i);
        if (phase === "warmup") continue;
        for (const s of samples) {
          rows.push({ contract: s.contract, operation: s.operation, gas_used: s.gas, anchor: s.anchor ?? null, anchor_gas_used: s.anchorGas ?? null, pinned: phase === "pinned" });
        }
      }
    };
    await measure("warmup", 0);
    await measure("unpinned", 1);
    const floorUnpinned = await floor();
    // ONE proposal pins every code of the run: the suite's, the anchors', the sink's
    const ctx = await DeployContext.connect(net);
    const all = [...new Set([...Object.values(d.record.contracts).map((c: any) => c.codeId as number), codes.cw20, codes.cw721, codes.sink])];
    const tp = Date.now();
    await changePins(ctx, { pin: all, why: "make bench-chain: measure every operation pinned" });
    const q = await chainQueries(net.rpc);
    const pinned = await q.pinned();
    q.disconnect();
    const missing = all.filter((c) => !pinned.includes(c));
    if (missing.length) throw new Error(`codes ${missing.join(", ")} are not pinned after the proposal`);
    console.log(`[bench-chain] pinned codes ${all.join(", ")} by governance in ${((Date.now() - tp) / 1000).toFixed(1)}s`);
    await measure("pinned", 2);
    const floorGas = await floor();
    if (floorGas !== floorUnpinned) console.log(`[bench-chain] note: bank send gas ${floorUnpinned} before the pin, ${floorGas} after`);
    printTable(rows, floorGas);
    if (only) return console.log(`[bench-chain] --only ${only.join(",")}: ${rows.length} rows printed, ${path.relative(ROOT, jsonFile)} left as it was`);
    mergeJson(jsonFile, rows, { operation: "bank_send", gas_used: floorGas, amount: AMOUNT.toString(), denom: net.stableDenom });
    console.log(`[bench-chain] wrote "chain" (${rows.length} rows) and "chain_floor" into ${path.relative(ROOT, jsonFile)}; wall time ${((Date.now() - t0) / 1000).toFixed(0)}s`);
  } finally {
    dev.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    () => process.exit(0),
    (e) => {
      console.error(`[bench-chain] FAILED: ${(e as Error).stack ?? e}`);
      process.exit(1);
    },
  );
}
