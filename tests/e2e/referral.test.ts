// Referral rewards on a real devnet (SPEC §5): deploy wires the referral contract as the treasury's referral-pool
// drawer (idempotent), a tier >= 1 user registers a code, self-referral / second referrer / unauthorised validation
// are refused, validation pays USD 10 x tier multiplier at the treasury price from the pool, an empty pool makes
// the next referral owed, settling reports the exhausted budget, a refill lets it settle; totals == pool drawn.
// Needs artifacts/mesi_{token,treasury,referral}.wasm (make wasm).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { MesiReferralClient, MesiReferralQueryClient } from "../../clients/src/MesiReferral.client";
import { MesiTokenClient, MesiTokenQueryClient } from "../../clients/src/MesiToken.client";
import { MesiTreasuryClient, MesiTreasuryQueryClient } from "../../clients/src/MesiTreasury.client";
import { loadNetwork } from "../../scripts/deploy/config";
import { actors, type Actor } from "../../scripts/deploy/accounts";
import { MESI } from "../../scripts/deploy/genesis";
import { ROOT, failure, deployedDevnet, type Devnet } from "./devnet";

const ARTIFACTS = ["mesi_token", "mesi_treasury", "mesi_referral"].map((a) => path.join(ROOT, "artifacts", `${a}.wasm`));
const missing = ARTIFACTS.filter((a) => !fs.existsSync(a)).map((a) => path.basename(a));
const m = (whole: number) => (BigInt(whole) * MESI).toString();
const MULTIPLIERS = [0n, 1n, 2n, 5n, 10n, 15n];

describe("referral on the devnet", { skip: missing.length > 0 && `${missing.join(", ")} not built (make wasm)` }, () => {
  let dev: Devnet;
  let record: any;
  let referral: string, token: string, treasury: string;
  let who: Record<"deployer" | "alice" | "bob" | "carol" | "dave" | "operator" | "feeder" | "liquidity", Actor>;
  let q: MesiReferralQueryClient;
  let tq: MesiTokenQueryClient;
  let trq: MesiTreasuryQueryClient;
  const ref = (a: Actor) => new MesiReferralClient(a.client, a.address, referral);
  const tok = (a: Actor) => new MesiTokenClient(a.client, a.address, token);
  const tre = (a: Actor) => new MesiTreasuryClient(a.client, a.address, treasury);
  const balance = async (a: Actor) => BigInt((await tq.balance({ address: a.address })).balance);

  before(async () => {
    const d = await deployedDevnet();
    dev = d.dev;
    record = d.record;
    referral = record.contracts.referral.address;
    token = record.contracts.token.address;
    treasury = record.contracts.treasury.address;
    who = await actors(loadNetwork("devnet"), ["deployer", "alice", "bob", "carol", "dave", "operator", "feeder", "liquidity"] as const);
    q = new MesiReferralQueryClient(who.alice.client, referral);
    tq = new MesiTokenQueryClient(who.alice.client, token);
    trq = new MesiTreasuryQueryClient(who.alice.client, treasury);
    await tre(who.feeder).postPrice({ price: "0.05" });
  });
  after(() => dev?.stop());

  test("deploy wires the referral contract as the referral-pool drawer, funded; re-deploy changes nothing", async () => {
    const c = await q.config();
    assert.equal(c.token, token);
    assert.equal(c.treasury, treasury);
    assert.equal(c.operator, who.operator.address);
    const drawer = await trq.drawer({ address: referral });
    assert.equal(drawer.pool, "referral");
    const pool = await trq.pool({ pool: "referral" });
    assert.ok(BigInt(pool.balance) > 0n && BigInt(pool.yearly_cap) > 0n);
    const again = await dev.deploy();
    assert.match(again.out, /instantiate referral: already at/);
    assert.match(again.out, /wire referral.register-drawer: done earlier/);
    assert.equal(again.record.contracts.referral.address, referral);
  });

  test("a tier 0 user cannot register a code; at tier >= 1 the code is unique case-insensitively", async () => {
    assert.match(await failure(ref(who.alice).registerCode({ code: "alice" })), /needs tier 1 or above/);
    await tok(who.liquidity).transfer({ recipient: who.alice.address, amount: m(1_000) });
    await tok(who.alice).lock({ amount: m(500) });
    assert.ok((await tq.tier({ address: who.alice.address })).tier >= 1);
    const r = await ref(who.alice).registerCode({ code: "Alice-E2E" });
    console.log(`# gas: register_code ${r.gasUsed}`);
    assert.equal((await q.codeOwner({ code: "ALICE-e2e" })).owner, who.alice.address);
    assert.match(await failure(ref(who.alice).registerCode({ code: "x" })), /3 to 20 characters/);
  });

  test("refer: self-referral and a second referrer are refused", async () => {
    assert.match(await failure(ref(who.alice).refer({ code: "alice-e2e" })), /cannot refer themself/);
    const r = await ref(who.bob).refer({ code: "ALICE-E2E" });
    console.log(`# gas: refer ${r.gasUsed}`);
    assert.match(await failure(ref(who.bob).refer({ code: "alice-e2e" })), /already named referrer/);
    assert.equal((await q.referrerOf({ address: who.bob.address })).referral?.status, "pending");
  });

  test("validation by the operator pays USD 10 x tier multiplier at the current price from the pool", async () => {
    assert.match(await failure(ref(who.bob).validate({ referee: who.bob.address })), /fraud-check operator/);
    const tier = (await tq.tier({ address: who.alice.address })).tier;
    const [a0, p0] = [await balance(who.alice), await trq.pool({ pool: "referral" })];
    const r = await ref(who.operator).validate({ referee: who.bob.address });
    console.log(`# gas: validate_and_pay ${r.gasUsed} (tier ${tier})`);
    const expected = 200n * MESI * MULTIPLIERS[tier]; // USD 10 at USD 0.05 = 200 MESI
    assert.equal(await balance(who.alice), a0 + expected);
    const p1 = await trq.pool({ pool: "referral" });
    assert.equal(BigInt(p1.drawn_this_year) - BigInt(p0.drawn_this_year), expected);
    const info = (await q.referrerOf({ address: who.bob.address })).referral!;
    assert.equal(info.status, "paid");
    assert.equal(BigInt(info.bonus), expected);
    assert.match(await failure(ref(who.operator).validate({ referee: who.bob.address })), /not pending/);
  });

  test("empty pool: the referral is owed, settle reports the budget, a refill settles it; nothing lost", async () => {
    const pool = await trq.pool({ pool: "referral" });
    await tre(who.deployer).defundPool({ pool: "referral", amount: pool.balance });
    await ref(who.carol).refer({ code: "alice-e2e" });
    const a0 = await balance(who.alice);
    await ref(who.operator).validate({ referee: who.carol.address });
    assert.equal(await balance(who.alice), a0);
    const owed = (await q.referrerOf({ address: who.carol.address })).referral!;
    assert.equal(owed.status, "owed");
    const st = await q.status();
    assert.equal(st.owed_count, 1);
    assert.equal(st.can_settle, false);
    assert.match(await failure(ref(who.dave).settleOwed({ limit: 10 })), /referral budget exhausted/);
    await tre(who.deployer).fundPool({ pool: "referral", amount: pool.balance });
    const r = await ref(who.dave).settleOwed({ limit: 10 });
    console.log(`# gas: settle_owed(1) ${r.gasUsed}`);
    assert.equal(await balance(who.alice), a0 + BigInt(owed.bonus));
    const t = await q.totals();
    assert.equal(t.owed_count, 0);
    assert.equal(t.paid_count, 2);
    assert.equal((await trq.pool({ pool: "referral" })).drawn_this_year, t.paid);
  });

  test("issue 12: a bonus that rounds to 0 MESI or can never fit the yearly cap is refused and stays pending", async () => {
    await ref(who.dave).refer({ code: "alice-e2e" });
    await tre(who.feeder).postPrice({ price: "1000000000" }); // USD 10 x multiplier (<= 150) < 1 base unit
    assert.match(await failure(ref(who.operator).validate({ referee: who.dave.address })), /converts to 0 MESI/);
    assert.equal((await q.referrerOf({ address: who.dave.address })).referral!.status, "pending");
    await tre(who.feeder).postPrice({ price: "0.05" });
    const cap = (await trq.pool({ pool: "referral" })).yearly_cap;
    await tre(who.deployer).updateConfig({ poolCaps: [{ pool: "referral", yearly_cap: "1" }] });
    assert.match(await failure(ref(who.operator).validate({ referee: who.dave.address })), /can never fit the referral pool's yearly cap/);
    assert.equal((await q.referrerOf({ address: who.dave.address })).referral!.status, "pending");
    await tre(who.deployer).updateConfig({ poolCaps: [{ pool: "referral", yearly_cap: cap }] });
    const a0 = await balance(who.alice);
    await ref(who.operator).validate({ referee: who.dave.address });
    const paid = (await q.referrerOf({ address: who.dave.address })).referral!;
    assert.equal(paid.status, "paid");
    assert.ok(BigInt(paid.bonus) > 0n);
    assert.equal(await balance(who.alice), a0 + BigInt(paid.bonus));
  });
});
