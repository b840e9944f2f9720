// Earnings (issue 11, SPEC §2): what the treasury owes (claim), a Merkle epoch claim from the proof file the platform
// hands out (scripts/merkle/merkle.mjs output: {root, total, claims: {address: {amount, proof}}}), and the
// vesting schedule with vested / claimable amounts and its claim.
import { useState } from "react";
import { useLive, useSession } from "../chain/session";
import { Card, Empty, NeedWallet, Stat, ViewHead } from "../ui/bits";
import { dateTime, fmtAmount } from "../ui/format";
import { TxProgress, useTx } from "../ui/Tx";

interface ProofFile {
  root: string;
  total?: string;
  claims: Record<string, { amount: string; proof: string[] }>;
}

export function EarningsView() {
  const { address } = useSession();
  return (
    <>
      <ViewHead title="Earnings" sub="What the platform owes you in MESI, claimable at any time; epoch payouts with their proof; your vesting." />
      {!address ? <Card><NeedWallet what="see and claim your earnings" /></Card> : (
        <>
          <OwedCard />
          <EpochCard />
          <VestingCard />
        </>
      )}
    </>
  );
}

function OwedCard() {
  const { q, exec, address } = useSession();
  const tx = useTx();
  const live = useLive(async () => {
    const [owed, price] = await Promise.all([q.treasury.owed({ address: address! }), q.treasury.price()]);
    return { owed: owed.owed, price };
  }, [address]);
  const d = live.data;
  return (
    <Card title="Owed to you" testid="owed-card">
      {!d ? <p className="muted">{live.error ?? "Loading…"}</p> : (
        <div className="row">
          <Stat label="Claimable now" value={fmtAmount(d.owed)} unit="MESI" testid="owed" hint="credited by the platform" />
          {d.price.price && <Stat label="MESI price" value={`$${Number(d.price.price).toFixed(4)}`} hint={d.price.fresh ? "fresh" : "stale: conversions wait for a new price"} />}
          <div className="grow" />
          <button className="primary" disabled={tx.busy || d.owed === "0" || !exec} onClick={() => tx.run("Claim earnings", () => exec!.treasury.claim())} data-testid="claim-owed">Claim</button>
        </div>
      )}
      <TxProgress tx={tx} />
    </Card>
  );
}

function EpochCard() {
  const { q, exec, address } = useSession();
  const tx = useTx();
  const [file, setFile] = useState<ProofFile>();
  const [err, setErr] = useState<string>();
  const mine = file?.claims[address!];
  const match = useLive(async () => {
    if (!file) return undefined;
    const { epochs } = await q.treasury.epochs({ limit: 100 });
    const e = epochs.find((x) => x.root.toLowerCase() === file.root.toLowerCase());
    if (!e) return { epoch: undefined, claimed: false };
    const c = await q.treasury.epochClaimed({ address: address!, epoch: e.epoch });
    return { epoch: e, claimed: c.claimed };
  }, [file?.root, address]);
  const pick = async (f?: File) => {
    setErr(undefined);
    setFile(undefined);
    if (!f) return;
    try {
      const j = JSON.parse(await f.text()) as ProofFile;
      if (typeof j.root !== "string" || typeof j.claims !== "object") throw new Error();
      setFile(j);
    } catch {
      setErr("That file is not an epoch proof file (expected the JSON the platform hands out).");
    }
  };
  const m = match.data;
  return (
    <Card title="Epoch payouts" testid="epoch-card">
      <p className="muted small">The platform publishes each payout epoch as one Merkle root. Load the proof file it gave you to claim your share.</p>
      <input type="file" accept="application/json,.json" onChange={(e) => pick(e.target.files?.[0])} data-testid="epoch-file" />
      {err && <p className="error">{err}</p>}
      {file && !mine && <p className="error">This file has no payout for your address.</p>}
      {file && mine && m && (
        m.epoch === undefined ? <p className="error">No epoch on chain has this file’s root.</p> : (
          <div className="row" style={{ marginTop: 10 }}>
            <span>Epoch {m.epoch.epoch} (posted {dateTime(m.epoch.posted_at)}): <b data-testid="epoch-amount">{fmtAmount(mine.amount)}</b> MESI for you{m.claimed && " · already claimed"}</span>
            <div className="grow" />
            <button className="primary" disabled={tx.busy || m.claimed} onClick={() => tx.run(`Claim epoch ${m.epoch!.epoch}`, () => exec!.treasury.claimEpoch({ epoch: m.epoch!.epoch, amount: mine.amount, proof: mine.proof }))} data-testid="claim-epoch">Claim</button>
          </div>
        )
      )}
      <TxProgress tx={tx} />
    </Card>
  );
}

function VestingCard() {
  const { q, exec, address } = useSession();
  const tx = useTx();
  const live = useLive(() => q.treasury.vesting({ address: address! }).catch(() => null), [address]);
  const v = live.data;
  return (
    <Card title="Vesting" testid="vesting-card">
      {live.loading && v === undefined ? <p className="muted">Loading…</p> : !v ? <Empty>You have no vesting schedule.</Empty> : (
        <>
          <div className="grid stats">
            <Stat label="Total" value={fmtAmount(v.total)} unit="MESI" hint={v.label} />
            <Stat label="Vested" value={fmtAmount(v.vested)} unit="MESI" hint={`${v.cliff_months ? `${v.cliff_months}-month cliff, then ` : ""}${v.periods} monthly steps`} />
            <Stat label="Claimable" value={fmtAmount(v.claimable)} unit="MESI" testid="vesting-claimable" hint={`claimed so far ${fmtAmount(v.claimed)}`} />
          </div>
          <div className="row" style={{ marginTop: 10 }}>
            <span className="muted small">From {dateTime(v.start)} to {dateTime(v.end)}</span>
            <div className="grow" />
            <button className="primary" disabled={tx.busy || v.claimable === "0"} onClick={() => tx.run("Claim vested MESI", () => exec!.treasury.claimVested())} data-testid="claim-vested">Claim</button>
          </div>
        </>
      )}
      <TxProgress tx={tx} />
    </Card>
  );
}
