// Validator rewards walkthrough (SPEC §6): the chain's validators (read from the staking module, by operator
// address) stake 25 bps of the current supply through the token's Send and apply; a made-up operator address and a
// stake below the threshold are refused; the owner whitelists them; the operator draws from the treasury's
// validator_rewards pool into the stake stream (30-day stream); a few seconds later a validator claims its share;
// the work stream pays contributors pro rata to reported units; unauthorised whitelist / slash, an application in
// another operator's name and a sweep of owed tokens are refused; the accounting shows tokens held == tokens owed. Re-runnable: applications that exist are kept, epochs are fresh.
import { toBinary } from "@cosmjs/cosmwasm-stargate";
import { fromBech32, toBech32 } from "@cosmjs/encoding";
import { QueryClient, setupStakingExtension } from "@cosmjs/stargate";
import { Comet38Client } from "@cosmjs/tendermint-rpc";
import { MesiTokenClient, MesiTokenQueryClient } from "../../../clients/src/MesiToken.client";
import { MesiTreasuryClient, MesiTreasuryQueryClient } from "../../../clients/src/MesiTreasury.client";
import {
  MesiValidatorRewardsClient,
  MesiValidatorRewardsQueryClient,
} from "../../../clients/src/MesiValidatorRewards.client";
import { actor, type Actor } from "../../deploy/accounts";
import { MESI, fmtMesi } from "../../deploy/genesis";
import type { DemoStep } from "../context";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const validatorRewardsDemo: DemoStep = {
  name: "validator-rewards",
  needs: ["validator-rewards", "token", "treasury"],
  async run(demo) {
    const vr = demo.contract("validator-rewards")!;
    const token = demo.contract("token")!;
    const deployer = demo.actor("deployer"), operator = demo.actor("operator"), liq = demo.actor("liquidity");
    const alice = demo.actor("alice"), bob = demo.actor("bob");
    const q = new MesiValidatorRewardsQueryClient(alice.client, vr);
    const tq = new MesiTokenQueryClient(alice.client, token);
    const vrc = (a: Actor) => new MesiValidatorRewardsClient(a.client, a.address, vr);
    const tok = (a: Actor) => new MesiTokenClient(a.client, a.address, token);
    const bal = async (a: Actor) => BigInt((await tq.balance({ address: a.address })).balance);

    demo.section(`Validator rewards at ${vr}`);
    const cfg = await q.config();
    demo.say(`threshold ${cfg.threshold_bps} bps of supply, unbonding ${cfg.unbonding_period / 86_400} days, ` +
      `stream period ${cfg.stream_period / 86_400} days, operator ${cfg.operator}`);

    // The chain's validators, by operator address, and their own devnet accounts.
    const comet = await Comet38Client.connect(demo.net.rpc);
    const staking = QueryClient.withExtensions(comet, setupStakingExtension);
    const { validators } = await staking.staking.validators("BOND_STATUS_BONDED");
    comet.disconnect();
    const vals: { valoper: string; staker: Actor }[] = [];
    for (const v of validators) {
      const account = toBech32(demo.net.prefix, fromBech32(v.operatorAddress).data);
      const name = Object.keys(demo.net.accounts).find((n) => demo.net.accounts[n].address === account);
      if (name) vals.push({ valoper: v.operatorAddress, staker: await actor(demo.net, name) });
    }
    vals.sort((a, b) => a.staker.name.localeCompare(b.staker.name));
    demo.say(`chain validators: ${vals.map((v) => `${v.staker.name} = ${v.valoper}`).join(", ")}`);
    if (vals.length === 0) return demo.say("no validator with a devnet key: nothing to show");

    const t = await q.threshold();
    const threshold = BigInt(t.threshold);
    demo.say(`threshold now: ${fmtMesi(threshold)} (25 bps of the supply ${fmtMesi(t.total_supply)})`);
    const v0 = vals[0];
    const fake = toBech32(fromBech32(v0.valoper).prefix, new Uint8Array(20).fill(7));
    const active = async (valoper: string) => {
      try {
        return (await q.validator({ validator: valoper })).status;
      } catch {
        return undefined;
      }
    };

    for (const v of vals) {
      if (await active(v.valoper)) {
        demo.say(`${v.staker.name} already applied (${await active(v.valoper)})`);
        continue;
      }
      const have = await bal(v.staker);
      if (have < threshold) {
        await demo.tx(`liquidity sends ${fmtMesi(threshold - have)} to ${v.staker.name}`, () =>
          tok(liq).transfer({ recipient: v.staker.address, amount: (threshold - have).toString() }));
      }
      if (v === v0) {
        await demo.refused("apply naming a made-up operator address (not the sender's own, no such validator)", () =>
          tok(v.staker).send({ contract: vr, amount: threshold.toString(), msg: toBinary({ apply: { validator: fake } }) }));
        await demo.refused("apply with 1 base unit less than the threshold", () =>
          tok(v.staker).send({ contract: vr, amount: (threshold - 1n).toString(), msg: toBinary({ apply: { validator: v.valoper } }) }));
      }
      await demo.tx(`${v.staker.name} stakes ${fmtMesi(threshold)} and applies as ${v.valoper}`, () =>
        tok(v.staker).send({ contract: vr, amount: threshold.toString(), msg: toBinary({ apply: { validator: v.valoper } }) }));
    }
    // SPEC §6 / issue 12 §4: only the operator's own account (same address bytes) may apply.
    await demo.refused(`liquidity applies in ${v0.staker.name}'s name (not its operator account)`, () =>
      tok(liq).send({ contract: vr, amount: threshold.toString(), msg: toBinary({ apply: { validator: v0.valoper } }) }));
    await demo.refused("a validator whitelists itself (not the owner)", () => vrc(v0.staker).whitelist({ validator: v0.valoper }));
    for (const v of vals) {
      if ((await active(v.valoper)) === "pending") {
        await demo.tx(`owner whitelists ${v.staker.name}`, () => vrc(deployer).whitelist({ validator: v.valoper }));
      }
    }

    // Stake stream from the treasury pool.
    const amount = 1_000_000n * MESI;
    const treasury = demo.contract("treasury")!;
    const pool = await new MesiTreasuryQueryClient(alice.client, treasury).pool({ pool: "validator_rewards" });
    demo.say(`treasury validator_rewards pool: balance ${fmtMesi(pool.balance)}, available this year ${fmtMesi(pool.available)}`);
    if (BigInt(pool.balance) < amount) {
      await demo.tx(`owner moves ${fmtMesi(amount)} from the treasury reserve into the validator_rewards pool`, () =>
        new MesiTreasuryClient(deployer.client, deployer.address, treasury).fundPool({ pool: "validator_rewards", amount: amount.toString() }));
    }
    await demo.tx(`operator draws ${fmtMesi(amount)} from the treasury's validator_rewards pool into the stream`, () =>
      vrc(operator).pullFromTreasury({ amount: amount.toString() }));
    await sleep(6_000);
    const before = await bal(v0.staker);
    const pending = (await q.staker({ address: v0.staker.address })).pending_rewards;
    demo.say(`${v0.staker.name} has ${fmtMesi(pending)} claimable (its share of what has streamed so far)`);
    await demo.tx(`${v0.staker.name} claims`, () => vrc(v0.staker).claim());
    demo.say(`${v0.staker.name} received ${fmtMesi((await bal(v0.staker)) - before)}`);

    // Work stream.
    const epoch = Math.floor(Date.now() / 1000);
    await demo.tx(`liquidity funds work epoch ${epoch} with 900 MESI`, () =>
      tok(liq).send({ contract: vr, amount: (900n * MESI).toString(), msg: toBinary({ fund_epoch: { epoch } }) }));
    await demo.tx(`operator reports work: alice (compute provider) 2 units, ${v0.staker.name} 1 unit`, () =>
      vrc(operator).reportWork({ epoch, entries: [
        { contributor: alice.address, units: "2" },
        { contributor: v0.staker.address, units: "1" },
      ] }));
    await demo.refused("operator reports alice twice in the same epoch", () =>
      vrc(operator).reportWork({ epoch, entries: [{ contributor: alice.address, units: "1" }] }));
    await demo.tx(`operator closes epoch ${epoch}`, () => vrc(operator).closeEpoch({ epoch }));
    const a0 = await bal(alice);
    await demo.tx("alice claims her work reward", () => vrc(alice).claimWork({ epochs: [epoch] }));
    demo.say(`alice received ${fmtMesi((await bal(alice)) - a0)} (2/3 of 900)`);

    await demo.refused("bob slashes a validator (not the owner)", () =>
      vrc(bob).slash({ validator: v0.valoper, penalty: { bps: { bps: 1_000 } } }));
    // Issue 12 §7: the owner may sweep only tokens nobody is owed (none here).
    await demo.refused("owner sweeps: nothing beyond what the contract owes", () => vrc(deployer).sweep({}));
    const s = await q.stream();
    const a = await q.accounting();
    demo.say(`stream: funded ${fmtMesi(s.funded)}, distributed ${fmtMesi(s.distributed)}, claimed ${fmtMesi(s.claimed)}, ` +
      `undistributed ${fmtMesi(s.undistributed)}, eligible stake ${fmtMesi(s.total_eligible)}`);
    demo.say(`accounting: held ${fmtMesi(a.balance)} = staked ${fmtMesi(a.staked)} + unbonding ${fmtMesi(a.unbonding)} + ` +
      `unclaimed ${fmtMesi(a.stream_unclaimed)} + undistributed ${fmtMesi(a.stream_undistributed)} + work ${fmtMesi(a.work_unclaimed)}`);
  },
};
