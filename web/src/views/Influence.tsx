// Influence (issue 13, SPEC §1 "Influence allocation"): a user's split of its influence points (holding score +
// locked MESI) between creators' galleries, editable and withdrawable at any time without fees; and the "Back this
// creator" card the Gallery view shows on another creator's gallery. Shares (bps of the user's total) are stored, so
// the points each gallery gets follow the user's total and keep the split.
import { useEffect, useState } from "react";
import { useLive, useSession } from "../chain/session";
import { Card, Empty, NeedWallet, Stat, ViewHead } from "../ui/bits";
import { fmtAmount, shortAddr } from "../ui/format";
import { TxProgress, useTx } from "../ui/Tx";

/** "40" or "12.5" (percent) -> basis points; a plain-words error for anything else */
export function parsePercent(text: string): number {
  const t = text.trim().replace(/%$/, "").trim();
  if (!/^\d+(\.\d{0,2})?$/.test(t)) throw new Error("Enter a percentage between 0 and 100, e.g. 40 or 12.5.");
  const bps = Math.round(Number(t) * 100);
  if (bps > 10_000) throw new Error("A share is at most 100%.");
  return bps;
}

const pct = (bps: number) => `${(bps / 100).toFixed(bps % 100 === 0 ? 0 : 2)}%`;

export function InfluenceView() {
  const { address } = useSession();
  return (
    <>
      <ViewHead
        title="Influence"
        sub="Your influence points (7-day holding score + locked MESI) back the creators you choose. You give shares, so when your points grow or shrink every gallery's part follows and your split stays the same. Change or withdraw it any time, free."
      />
      {!address ? <Card><NeedWallet what="see and change your split" /></Card> : <MySplit user={address} />}
    </>
  );
}

function MySplit({ user }: { user: string }) {
  const { q, exec } = useSession();
  const tx = useTx();
  const live = useLive(() => q.influence.allocation({ user }), [user]);
  const a = live.data;
  const [edit, setEdit] = useState<Record<string, string>>({});
  const key = a ? a.galleries.map((g) => `${g.creator}:${g.share_bps}`).join() : "";
  useEffect(() => {
    if (a) setEdit(Object.fromEntries(a.galleries.map((g) => [g.creator, String(g.share_bps / 100)])));
    // reset the inputs when the stored split changes
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const save = () => {
    let shares;
    try {
      shares = (a?.galleries ?? []).map((g) => ({ creator: g.creator, share_bps: parsePercent(edit[g.creator] ?? "") }));
    } catch (e) {
      return tx.refuse("Save your split", (e as Error).message);
    }
    const changed = shares.filter((s) => s.share_bps !== a!.galleries.find((g) => g.creator === s.creator)!.share_bps);
    if (changed.length === 0) return tx.refuse("Save your split", "Nothing changed.");
    void tx.run("Save your split", () => exec!.influence.allocate({ shares: changed }));
  };
  return (
    <Card title="Your split" testid="influence-split">
      {!a ? (
        <p className="muted">{live.error ?? "Loading…"}</p>
      ) : (
        <>
          <div className="grid stats">
            <Stat label="Influence points" value={fmtAmount(a.influence_points)} unit="MESI" testid="influence-points" hint="holding score + locked, live" />
            <Stat label="Allocated" value={pct(a.total_share_bps)} testid="influence-total" hint={`${fmtAmount(a.allocated_points)} points`} />
          </div>
          {a.galleries.length === 0 ? (
            <Empty>You back no gallery yet. Open a creator's gallery and choose “Back this creator”.</Empty>
          ) : (
            <table className="list" style={{ marginTop: 12 }}>
              <thead><tr><th>Creator</th><th>Share %</th><th>Points now</th></tr></thead>
              <tbody>
                {a.galleries.map((g) => (
                  <tr key={g.creator} data-testid="influence-row">
                    <td><a className="mono" href={`?creator=${encodeURIComponent(g.creator)}#gallery`} title={g.creator}>{shortAddr(g.creator)}</a></td>
                    <td><input className="amount" value={edit[g.creator] ?? ""} onChange={(e) => setEdit((s) => ({ ...s, [g.creator]: e.target.value }))} data-testid="influence-share" /></td>
                    <td data-testid="influence-row-points">{fmtAmount(g.points)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {a.galleries.length > 0 && (
            <div className="row" style={{ marginTop: 12 }}>
              <button className="primary" disabled={tx.busy} onClick={save} data-testid="influence-save">Save split</button>
              <button className="ghost" disabled={tx.busy} onClick={() => void tx.run("Withdraw all support", () => exec!.influence.withdrawAll())} data-testid="influence-withdraw-all">Withdraw all</button>
              <span className="muted small">0% removes a gallery. No fee.</span>
            </div>
          )}
        </>
      )}
      <TxProgress tx={tx} />
    </Card>
  );
}

/** On another creator's gallery: the viewer's share for it, its supporters, and a form to set the share. */
export function BackCreator({ creator }: { creator: string }) {
  const { q, exec, address } = useSession();
  const tx = useTx();
  const [text, setText] = useState("");
  const live = useLive(async () => {
    const [stats, mine] = await Promise.all([
      q.influence.galleryStats({ creator }),
      address ? q.influence.allocation({ user: address }) : Promise.resolve(undefined),
    ]);
    return { stats, mine: mine?.galleries.find((g) => g.creator === creator), total: mine?.total_share_bps ?? 0 };
  }, [creator, address]);
  const d = live.data;
  const submit = () => {
    let share_bps: number;
    try {
      share_bps = parsePercent(text);
    } catch (e) {
      return tx.refuse("Back this creator", (e as Error).message);
    }
    void tx.run(`Back this creator with ${pct(share_bps)} of your influence`, () => exec!.influence.allocate({ shares: [{ creator, share_bps }] }));
  };
  return (
    <Card title="Back this creator" testid="back-creator">
      {!d ? (
        <p className="muted">{live.error ?? "Loading…"}</p>
      ) : (
        <>
          <div className="grid stats">
            <Stat label="Supporters" value={d.stats.supporters} testid="creator-supporters" />
            <Stat label="Your share" value={pct(d.mine?.share_bps ?? 0)} testid="creator-my-share" hint={d.mine ? `${fmtAmount(d.mine.points)} points now` : undefined} />
          </div>
          {!address ? (
            <NeedWallet what="back this creator" />
          ) : (
            <div className="row" style={{ marginTop: 12 }}>
              <input className="amount" placeholder="%" value={text} onChange={(e) => setText(e.target.value)} data-testid="back-percent" />
              <button className="primary" disabled={tx.busy || !text.trim()} onClick={submit} data-testid="back-submit">Back</button>
              <span className="muted small">of your influence points; {pct(10_000 - d.total + (d.mine?.share_bps ?? 0))} available. See your split under Influence.</span>
            </div>
          )}
        </>
      )}
      <TxProgress tx={tx} />
    </Card>
  );
}
