// Account (issue 11): MESI and stablecoin balances, holding score, lock with pending unlock and release time, tier
// with what the next tier needs; lock and unlock. Tier rules: SPEC §1 (influence points = holding score + locked).
import { useState } from "react";
import { useLive, useSession } from "../chain/session";
import { Card, Stat, ViewHead } from "../ui/bits";
import { dateTime, duration, fmtAmount, nowSeconds, parseAmount, tierName } from "../ui/format";
import { useChainNow } from "../ui/time";
import { TxProgress, useTx } from "../ui/Tx";
import { Welcome } from "./Welcome";

export function AccountView() {
  const { q, chain, net, address, exec } = useSession();
  const data = useLive(async () => {
    if (!address) return undefined;
    const [bal, usdc, fee, lock, tier, score, cfg] = await Promise.all([
      q.token.balance({ address }),
      chain.getBalance(address, net.stableDenom),
      chain.getBalance(address, net.feeDenom),
      q.token.lock({ address }),
      q.token.tier({ address }),
      q.token.holdingScore({ address }),
      q.token.config(),
    ]);
    return { bal: bal.balance, usdc: usdc.amount, fee: fee.amount, lock, tier, score, cfg };
  }, [address]);
  const d = data.data;
  // a visitor without a wallet: the first screen says what Mesi is and how to take part
  if (!address) return <Welcome />;
  return (
    <>
      <ViewHead title="Your account" sub="Your MESI, your lock and your tier. The tier sets your meeting bid limit and your referral reward." />
      {!d ? (
        <Card>{data.error ? <p className="error">{data.error}</p> : <p className="muted">Loading…</p>}</Card>
      ) : (
        <>
          <div className="grid stats">
            <Stat label="MESI balance" value={fmtAmount(d.bal)} unit="MESI" testid="mesi-balance" hint={<>{fmtAmount(d.lock.available)} free to move</>} />
            <Stat label="Stablecoin" value={fmtAmount(d.usdc)} unit={net.stableDenom.replace(/^u/, "").toUpperCase()} testid="usdc-balance" hint="for trust pledges" />
            <Stat label="Holding score" value={fmtAmount(d.score.score)} unit="MESI" testid="holding-score" hint={`your average balance over the last ${Math.round(d.score.window_seconds / 86400)} days`} />
            <Stat label="Locked" value={fmtAmount(d.lock.locked)} unit="MESI" testid="locked" hint={<PendingUnlock pending={d.lock.pending_unlock} at={d.lock.release_at} />} />
          </div>
          <TierCard tier={d.tier.tier} points={d.tier.influence_points} locked={d.tier.locked} rows={d.cfg.tiers} />
          <div className="grid two">
            <LockCard available={d.lock.available} unlockDelay={d.cfg.unlock_delay} locked={d.lock.locked} exec={exec} />
          </div>
          <p className="muted small">Fees are paid in {net.feeDenom.replace(/^u/, "").toUpperCase()}: you have {fmtAmount(d.fee)}.</p>
        </>
      )}
    </>
  );
}

/**
 * The pending unlock and its release time. The token frees it by block time (no transaction needed), so "free now"
 * is said when the chain's latest block has reached `at`, not when this page's clock has.
 */
function PendingUnlock({ pending, at }: { pending: string; at?: number | null }) {
  const waiting = pending !== "0" && !!at;
  const chainNow = useChainNow(waiting);
  if (!waiting) return <>nothing waiting to unlock</>;
  const released = chainNow !== undefined && chainNow >= at;
  const left = at - (chainNow ?? nowSeconds());
  return (
    <span data-testid="pending-unlock" data-released={released}>
      {fmtAmount(pending)} {released ? <>unlocked: free to move</> : left > 0 ? <>unlocking in {duration(left)} ({dateTime(at)})</> : <>unlocking with the chain’s next block</>}
    </span>
  );
}

function TierCard({ tier, points, locked, rows }: { tier: number; points: string; locked: string; rows: { fan_hold: string; creator_locked: string }[] }) {
  const next = rows[tier];
  const p = BigInt(points), l = BigInt(locked);
  let fanPct = 100;
  if (next) fanPct = Math.min(100, Number((p * 100n) / BigInt(next.fan_hold)));
  return (
    <Card className="tier-card" testid="tier-card">
      <div className="tier">
        <div className={`tier-badge t${tier}`} data-testid="tier" data-tier={tier}>
          <span className="tier-num">{tier}</span>
          <span className="tier-word">tier</span>
        </div>
        <div className="grow">
          <h2>{tierName(tier)}</h2>
          <p className="muted">
            Influence points <b data-testid="influence">{fmtAmount(points)}</b> = holding score + locked MESI.
          </p>
          {next ? (
            <>
              <div className="bar"><span style={{ width: `${fanPct}%` }} /></div>
              <p className="next" data-testid="next-tier">
                <b>Tier {tier + 1}</b> needs {fmtAmount(next.fan_hold, 0)} influence points
                {p < BigInt(next.fan_hold) && <> ({fmtAmount(BigInt(next.fan_hold) - p)} more: lock them, or hold them for 7 days)</>}
                , or {fmtAmount(next.creator_locked, 0)} MESI locked as a creator
                {l < BigInt(next.creator_locked) && <> ({fmtAmount(BigInt(next.creator_locked) - l)} more)</>}.
              </p>
            </>
          ) : (
            <p className="next" data-testid="next-tier">The highest tier: no bid limit, the largest referral reward.</p>
          )}
        </div>
      </div>
    </Card>
  );
}

function LockCard({ available, locked, unlockDelay, exec }: { available: string; locked: string; unlockDelay: number; exec: ReturnType<typeof useSession>["exec"] }) {
  const [amount, setAmount] = useState("");
  const lockTx = useTx();
  const doIt = async (kind: "lock" | "unlock") => {
    let base: string;
    try {
      base = parseAmount(amount);
    } catch (e) {
      lockTx.refuse(kind === "lock" ? "Lock" : "Unlock", (e as Error).message);
      return;
    }
    const ok = await lockTx.run(kind === "lock" ? `Lock ${amount} MESI` : `Unlock ${amount} MESI`, () =>
      kind === "lock" ? exec!.token.lock({ amount: base }) : exec!.token.unlock({ amount: base }),
    );
    if (ok) setAmount("");
  };
  return (
    <Card title="Lock MESI" testid="lock-card">
      <p className="muted">
        Locked MESI stays in your wallet but cannot be moved. It counts toward your tier at once. Raising is instant;
        lowering waits {duration(unlockDelay)}.
      </p>
      <div className="row">
        <input className="amount" inputMode="decimal" placeholder="Amount in MESI" value={amount} onChange={(e) => setAmount(e.target.value)} data-testid="lock-amount" />
        <button className="primary" disabled={lockTx.busy || !exec} onClick={() => doIt("lock")} data-testid="lock-submit">Lock</button>
        <button className="ghost" disabled={lockTx.busy || !exec || locked === "0"} onClick={() => doIt("unlock")} data-testid="unlock-submit">Unlock</button>
      </div>
      <p className="muted small">Free to lock: {fmtAmount(available)} MESI · locked now: {fmtAmount(locked)} MESI</p>
      <TxProgress tx={lockTx} />
    </Card>
  );
}
