// Referral (issue 11, SPEC §5): register a code (tier 1+), share a link with ?ref=CODE, and for a new user the link
// pre-fills the referral. Rewards: USD 10 x the referrer's tier multiplier, paid once the platform validates.
import { useState } from "react";
import { useLive, useSession } from "../chain/session";
import { Card, NeedWallet, Stat, ViewHead } from "../ui/bits";
import { fmtAmount, shortAddr } from "../ui/format";
import { TxProgress, useTx } from "../ui/Tx";

export const refFromUrl = () => new URLSearchParams(location.search).get("ref") ?? "";

export function ReferralView() {
  const { address } = useSession();
  return (
    <>
      <ViewHead title="Referral" sub="Bring friends to Mesi. When the platform confirms a referral you earn USD 10 in MESI times your tier’s multiplier (1x to 15x)." />
      {!address ? <Card><NeedWallet what="register a code or name who referred you" /></Card> : (
        <div className="grid two">
          <MyCode />
          <ReferredBy />
        </div>
      )}
    </>
  );
}

function MyCode() {
  const { q, exec, address } = useSession();
  const tx = useTx();
  const [code, setCode] = useState("");
  const [copied, setCopied] = useState(false);
  const live = useLive(async () => {
    const [c, stats, tier] = await Promise.all([q.referral.codeOf({ address: address! }), q.referral.referrerStats({ referrer: address! }), q.token.tier({ address: address! })]);
    return { code: c.code, stats, tier: tier.tier };
  }, [address]);
  const d = live.data;
  const link = d?.code ? `${location.origin}${location.pathname}?ref=${encodeURIComponent(d.code)}#referral` : "";
  return (
    <Card title="Your code" testid="my-code">
      {!d ? <p className="muted">{live.error ?? "Loading…"}</p> : d.code ? (
        <>
          <p>Share this link. Whoever opens it gets your code filled in.</p>
          <div className="row">
            <input readOnly value={link} className="grow" data-testid="share-link" onFocus={(e) => e.target.select()} />
            <button className="ghost" onClick={() => navigator.clipboard?.writeText(link).then(() => setCopied(true), () => {})}>{copied ? "Copied" : "Copy"}</button>
          </div>
          <div className="grid stats" style={{ marginTop: 12 }}>
            <Stat label="Referred" value={d.stats.referees} />
            <Stat label="Paid to you" value={fmtAmount(d.stats.paid)} unit="MESI" />
            <Stat label="Owed" value={fmtAmount(d.stats.owed)} unit="MESI" hint="paid when the budget is refilled" />
          </div>
        </>
      ) : (
        <>
          <p className="muted small">3 to 20 letters, digits, - or _. {d.tier < 1 && "You need tier 1 first (see Account)."}</p>
          <div className="row">
            <input placeholder="your-code" value={code} onChange={(e) => setCode(e.target.value)} data-testid="register-code" />
            <button className="primary" disabled={tx.busy || !code.trim()} onClick={() => tx.run(`Register code “${code.trim()}”`, () => exec!.referral.registerCode({ code: code.trim() }))} data-testid="register-submit">Register</button>
          </div>
        </>
      )}
      <TxProgress tx={tx} />
    </Card>
  );
}

function ReferredBy() {
  const { q, exec, address } = useSession();
  const tx = useTx();
  const [code, setCode] = useState(refFromUrl);
  const live = useLive(() => q.referral.referrerOf({ address: address! }), [address]);
  const r = live.data?.referral;
  return (
    <Card title="Who referred you" testid="referred-by">
      {live.data === undefined ? <p className="muted">{live.error ?? "Loading…"}</p> : r ? (
        <p>
          Referred by <span className="mono">{shortAddr(r.referrer)}</span> · <span className={`status ${r.status}`}>{r.status}</span>
        </p>
      ) : (
        <>
          <p className="muted small">You can name one referrer, once.</p>
          <div className="row">
            <input placeholder="their code" value={code} onChange={(e) => setCode(e.target.value)} data-testid="refer-code" />
            <button className="primary" disabled={tx.busy || !code.trim()} onClick={() => tx.run(`Name “${code.trim()}” as your referrer`, () => exec!.referral.refer({ code: code.trim() }))} data-testid="refer-submit">Confirm</button>
          </div>
        </>
      )}
      <TxProgress tx={tx} />
    </Card>
  );
}
