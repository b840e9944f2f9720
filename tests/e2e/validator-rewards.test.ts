// Validator rewards on the FOUR-validator devnet (SPEC §6): the four devnet validators apply with their real
// operator addresses (read from the chain's staking module) and stake through the token's Send, the contract checks
// each one exists on chain (a made-up operator address is refused), the owner whitelists them, the contract draws
// from its treasury pool into the stake stream and pays the four pro rata; the work stream pays contributors pro
// rata to reported units; a slash goes to the treasury; unbonded stake is not claimable before the period ends;
// tokens held == tokens owed. Needs artifacts/mesi_{token,treasury,validator_rewards}.wasm (make wasm).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { toBinary } from "@cosmjs/cosmwasm-stargate";
import { fromBech32, toBech32 } from "@cosmjs/encoding";
import { QueryClient, setupStakingExtension } from "@cosmjs/stargate";
import { Comet38Client } from "@cosmjs/tendermint-rpc";
import { MesiTokenClient, MesiTokenQueryClient } from "../../clients/src/MesiToken.client";
import { MesiTreasuryQueryClient } from "../../clients/src/MesiTreasury.client";
import {
  MesiValidatorRewardsClient,
  MesiValidatorRewardsQueryClient,
} from "../../clients/src/MesiValidatorRewards.client";
import { loadNetwork } from "../../scripts/deploy/config";
import { actors, type Actor } from "../../scripts/deploy/accounts";
import { MESI } from "../../scripts/deploy/genesis";
import { ROOT, failure, sleep, startDevnet, type Devnet } from "./devnet";

const ARTIFACTS = ["mesi_token", "mesi_treasury", "mesi_validator_rewards"].map((a) => path.join(ROOT, "artifacts", `${a}.wasm`));
const missing = ARTIFACTS.filter((a) => !fs.existsSync(a)).map((a) => path.basename(a));
const STREAM_SECONDS = 12;

describe("validator rewards on the four-validator devnet", { skip: missing.length > 0 && `${missing.join(", ")} not built (make wasm)` }, () => {
  let dev: Devnet;
  let record: any;
  let vr: string, token: string, treasury: string;
  type Name = "deployer" | "operator" | "liquidity" | "alice" | "bob" | "validator0" | "validator1" | "validator2" | "validator3";
  let who: Record<Name, Actor>;
  /** [operator address, staker (the validator's own account)] of every bonded validator */
  let vals: { valoper: string; staker: Actor }[] = [];
  let q: MesiValidatorRewardsQueryClient;
  let tq: MesiTokenQueryClient;
  const vrc = (a: Actor) => new MesiValidatorRewardsClient(a.client, a.address, vr);
  const tok = (a: Actor) => new MesiTokenClient(a.client, a.address, token);
  const balance = async (address: string) => BigInt((await tq.balance({ address })).balance);
  const accounting = async () => {
    const a = await q.accounting();
    const owed = [a.staked, a.unbonding, a.stream_unclaimed, a.stream_undistributed, a.work_unclaimed].reduce((s, x) => s + BigInt(x), 0n);
    assert.equal(BigInt(a.balance), owed, "tokens held == staked + unbonding + unclaimed + undistributed + work");
    return a;
  };

  before(async () => {
    dev = await startDevnet(4);
    console.log(`# 4-validator devnet up in ${dev.startSeconds.toFixed(1)}s`);
    const d = await dev.deploy();
    console.log(`# deploy took ${d.seconds.toFixed(1)}s`);
    record = d.record;
    vr = record.contracts["validator-rewards"].address;
    token = record.contracts.token.address;
    treasury = record.contracts.treasury.address;
    const net = loadNetwork("devnet");
    who = await actors(net, ["deployer", "operator", "liquidity", "alice", "bob", "validator0", "validator1", "validator2", "validator3"] as const);
    q = new MesiValidatorRewardsQueryClient(who.alice.client, vr);
    tq = new MesiTokenQueryClient(who.alice.client, token);
    // The chain's own validator set, by operator address.
    const comet = await Comet38Client.connect(dev.rpc(0));
    const staking = QueryClient.withExtensions(comet, setupStakingExtension);
    const { validators } = await staking.staking.validators("BOND_STATUS_BONDED");
    for (const v of validators) {
      const account = toBech32(net.prefix, fromBech32(v.operatorAddress).data);
      const name = (Object.keys(who) as Name[]).find((n) => who[n].address === account);
      assert.ok(name, `validator ${v.operatorAddress} has no devnet account`);
      vals.push({ valoper: v.operatorAddress, staker: who[name] });
    }
    vals.sort((a, b) => a.staker.name.localeCompare(b.staker.name));
    comet.disconnect();
  });
  after(() => dev?.stop());

  test("deploy: contract wired as the validator_rewards pool drawer, pool funded; re-deploy changes nothing", async () => {
    const c = await q.config();
    assert.equal(c.token, token);
    assert.equal(c.treasury, treasury);
    assert.equal(c.operator, who.operator.address);
    assert.equal(c.threshold_bps, 25);
    assert.equal(c.unbonding_period, 21 * 86_400);
    const trq = new MesiTreasuryQueryClient(who.alice.client, treasury);
    assert.equal((await trq.drawer({ address: vr })).pool, "validator_rewards");
    assert.ok(BigInt((await trq.pool({ pool: "validator_rewards" })).balance) > 0n);
    const again = await dev.deploy();
    assert.match(again.out, /instantiate validator-rewards: already at/);
    assert.match(again.out, /wire validator-rewards.register-drawer: done earlier/);
  });

  test("the chain has four bonded validators; a made-up operator address and a stake below threshold are refused", async () => {
    assert.equal(vals.length, 4);
    const t = await q.threshold();
    // 25 bps of the current supply (100,000,000,000 MESI at genesis) = 250,000,000 MESI.
    assert.equal(BigInt(t.threshold), (BigInt(t.total_supply) * 25n + 9_999n) / 10_000n);
    const stake = BigInt(t.threshold);
    for (const v of vals) await tok(who.liquidity).transfer({ recipient: v.staker.address, amount: stake.toString() });
    const v0 = vals[0];
    const fake = toBech32(fromBech32(v0.valoper).prefix, new Uint8Array(20).fill(7));
    assert.match(
      await failure(tok(v0.staker).send({ contract: vr, amount: stake.toString(), msg: toBinary({ apply: { validator: fake } }) })),
      /is not the operator account of validator/,
    );
    // alice's own bytes as an operator address: hers to name, but the chain has no such validator.
    const alicesValoper = toBech32(fromBech32(v0.valoper).prefix, fromBech32(who.alice.address).data);
    await tok(who.liquidity).transfer({ recipient: who.alice.address, amount: stake.toString() });
    const a0 = await balance(who.alice.address);
    assert.match(
      await failure(tok(who.alice).send({ contract: vr, amount: stake.toString(), msg: toBinary({ apply: { validator: alicesValoper } }) })),
      /does not exist on this chain/,
    );
    assert.equal(await balance(who.alice.address), a0);
    assert.match(
      await failure(tok(v0.staker).send({ contract: vr, amount: (stake - 1n).toString(), msg: toBinary({ apply: { validator: v0.valoper } }) })),
      /is below the threshold/,
    );
    assert.equal(await balance(v0.staker.address), stake);
  });

  test("the liquidity account cannot apply in validator0's name; the real operators apply and are whitelisted", async () => {
    const stake = (await q.threshold()).threshold;
    console.log(`# stake (25 bps of the supply): ${BigInt(stake) / MESI} MESI`);
    // SPEC §6 / issue 12 §4: only the account whose address bytes are the operator address's bytes.
    const v0 = vals[0];
    assert.notEqual(toBech32(fromBech32(v0.valoper).prefix, fromBech32(who.liquidity.address).data), v0.valoper);
    const l0 = await balance(who.liquidity.address);
    assert.match(
      await failure(tok(who.liquidity).send({ contract: vr, amount: stake, msg: toBinary({ apply: { validator: v0.valoper } }) })),
      /is not the operator account of validator/,
    );
    assert.equal(await balance(who.liquidity.address), l0);
    await assert.rejects(q.validator({ validator: v0.valoper }));
    for (const v of vals) {
      const r = await tok(v.staker).send({ contract: vr, amount: stake, msg: toBinary({ apply: { validator: v.valoper } }) });
      console.log(`# gas: apply (${v.staker.name}) ${r.gasUsed}`);
      assert.equal((await q.validator({ validator: v.valoper })).status, "pending");
    }
    assert.match(await failure(vrc(vals[0].staker).whitelist({ validator: vals[1].valoper })), /not the contract's current owner/);
    for (const v of vals) {
      const r = await vrc(who.deployer).whitelist({ validator: v.valoper });
      console.log(`# gas: whitelist ${r.gasUsed}`);
      const s = await q.validator({ validator: v.valoper });
      assert.equal(s.status, "whitelisted");
      assert.equal(s.eligible, true);
      assert.equal(s.staker, v.staker.address);
    }
    await accounting();
  });

  test("the contract draws from its treasury pool and the stream pays the four validators pro rata", async () => {
    // A short stream so the devnet sees it end (the default is 30 days).
    await vrc(who.deployer).updateConfig({ streamPeriod: STREAM_SECONDS });
    const amount = 1_000_000n * MESI;
    assert.match(await failure(vrc(who.bob).pullFromTreasury({ amount: amount.toString() })), /not the contract's current owner/);
    const r = await vrc(who.operator).pullFromTreasury({ amount: amount.toString() });
    console.log(`# gas: pull_from_treasury (treasury draw + Send + fund hook) ${r.gasUsed}`);
    assert.equal(BigInt((await q.stream()).funded), amount);
    await sleep((STREAM_SECONDS + 3) * 1000);
    const before = await Promise.all(vals.map((v) => balance(v.staker.address)));
    let paid = 0n;
    for (const [i, v] of vals.entries()) {
      const pending = BigInt((await q.staker({ address: v.staker.address })).pending_rewards);
      const c = await vrc(v.staker).claim();
      console.log(`# gas: claim (${v.staker.name}) ${c.gasUsed}`);
      const got = (await balance(v.staker.address)) - before[i];
      assert.ok(got >= pending && got > 0n);
      // Equal stakes, whitelisted before the funding: a quarter each (rounded down).
      assert.ok(got <= amount / 4n && got >= amount / 4n - 1n, `${v.staker.name} got ${got}`);
      paid += got;
    }
    assert.ok(paid <= amount && amount - paid <= 4n, `dust ${amount - paid}`);
    const s = await q.stream();
    assert.equal(BigInt(s.distributed), amount);
    assert.equal(BigInt(s.claimed), paid);
    await accounting();
  });

  test("the work stream pays contributors pro rata to reported units", async () => {
    const epoch = 1;
    await tok(who.liquidity).send({ contract: vr, amount: (900n * MESI).toString(), msg: toBinary({ fund_epoch: { epoch } }) });
    assert.match(
      await failure(vrc(who.bob).reportWork({ epoch, entries: [{ contributor: who.bob.address, units: "1" }] })),
      /only the operator/,
    );
    await vrc(who.operator).reportWork({
      epoch,
      entries: [
        { contributor: who.alice.address, units: "2" },
        { contributor: vals[0].staker.address, units: "1" },
      ],
    });
    assert.match(
      await failure(vrc(who.operator).reportWork({ epoch, entries: [{ contributor: who.alice.address, units: "5" }] })),
      /appears twice/,
    );
    await vrc(who.operator).closeEpoch({ epoch });
    const a0 = await balance(who.alice.address);
    await vrc(who.alice).claimWork({ epochs: [epoch] });
    assert.equal((await balance(who.alice.address)) - a0, 600n * MESI);
    await vrc(vals[0].staker).claimWork({ epochs: [epoch] });
    assert.match(await failure(vrc(who.alice).claimWork({ epochs: [epoch] })), /already claimed/);
    await accounting();
  });

  test("the owner slashes a validator to the treasury; its remaining stake unbonds for 21 days", async () => {
    const v = vals[3];
    const stake = BigInt((await q.validator({ validator: v.valoper })).stake);
    const t0 = await balance(treasury);
    const r = await vrc(who.deployer).slash({ validator: v.valoper, penalty: { bps: { bps: 1_000 } } });
    console.log(`# gas: slash ${r.gasUsed}`);
    assert.equal((await balance(treasury)) - t0, (stake + 9n) / 10n);
    const s = await q.staker({ address: v.staker.address });
    assert.equal(s.status, "removed");
    const u = await q.unbondings({ address: v.staker.address });
    assert.equal(u.entries.length, 1);
    assert.equal(BigInt(u.entries[0].amount), stake - (stake + 9n) / 10n);
    assert.match(await failure(vrc(v.staker).claimUnbonded()), /nothing to claim/);
    // A leaving validator: same unbonding.
    await vrc(vals[2].staker).leave();
    assert.equal((await q.staker({ address: vals[2].staker.address })).status, "left");
    assert.match(await failure(vrc(vals[2].staker).claimUnbonded()), /nothing to claim/);
    // Issue 12 §3: unbonding stake stays slashable until paid out (50% of what it left with).
    const left = (await q.unbondings({ address: vals[2].staker.address })).entries.reduce((s, e) => s + BigInt(e.amount), 0n);
    const t1 = await balance(treasury);
    const rs = await vrc(who.deployer).slash({ validator: vals[2].valoper, penalty: { bps: { bps: 5_000 } } });
    console.log(`# gas: slash of unbonding stake ${rs.gasUsed}; slashed ${(left + 1n) / 2n} of ${left} base units`);
    assert.equal((await balance(treasury)) - t1, (left + 1n) / 2n);
    const rest = (await q.unbondings({ address: vals[2].staker.address })).entries.reduce((s, e) => s + BigInt(e.amount), 0n);
    assert.equal(rest, left - (left + 1n) / 2n);
    // Nothing beyond what is owed can be swept.
    assert.match(await failure(vrc(who.deployer).sweep({})), /nothing to sweep/);
    const a = await accounting();
    console.log(`# accounting: ${JSON.stringify(a)}`);
  });
});
