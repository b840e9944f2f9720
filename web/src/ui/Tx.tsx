// Every transaction's progress, in one component: checking -> signing -> broadcasting (tx hash) -> included at
// height N (gas used / wanted); a refused transaction shows the chain's reason in plain words.
import { useCallback, useState } from "react";
import { useSession } from "../chain/session";
import { chainReason, type TxStage } from "../chain/tx";
import { shortHash } from "./format";

export interface TxState {
  label: string;
  stage: TxStage;
  /** an included transaction folds into one line after a while, so old successes do not crowd the page */
  compact?: boolean;
}

const FOLD_AFTER_MS = 15_000;

export interface TxRunner {
  state?: TxState;
  busy: boolean;
  /** runs `fn` with the session's signing client and reports every stage; resolves true when included */
  run(label: string, fn: () => Promise<unknown>): Promise<boolean>;
  /** shows a refusal that happened before anything reached the chain (bad input) */
  refuse(label: string, reason: string): void;
  clear(): void;
}

export function useTx(): TxRunner {
  const { signer, refresh } = useSession();
  const [state, setState] = useState<TxState | undefined>();
  const [busy, setBusy] = useState(false);
  const run = useCallback(
    async (label: string, fn: () => Promise<unknown>) => {
      if (!signer) {
        setState({ label, stage: { stage: "refused", reason: "Connect a wallet first." } });
        return false;
      }
      setBusy(true);
      let last = { stage: "checking" } as TxStage;
      setState({ label, stage: last });
      signer.onStage = (s) => {
        last = s;
        setState({ label, stage: s });
      };
      try {
        await fn();
        setTimeout(() => setState((cur) => (cur && cur.stage.stage === "included" && cur.stage === last ? { ...cur, compact: true } : cur)), FOLD_AFTER_MS);
        return true;
      } catch (e) {
        const refused: TxStage =
          last.stage === "broadcasting" || last.stage === "included"
            ? { stage: "refused", reason: chainReason(e), hash: last.hash }
            : { stage: "refused", reason: chainReason(e) };
        setState({ label, stage: refused });
        return false;
      } finally {
        signer.onStage = () => {};
        setBusy(false);
        refresh();
      }
    },
    [signer, refresh],
  );
  const refuse = useCallback((label: string, reason: string) => setState({ label, stage: { stage: "refused", reason } }), []);
  const clear = useCallback(() => setState(undefined), []);
  return { state, busy, run, refuse, clear };
}

const STEPS = [
  ["checking", "Check"],
  ["signing", "Sign"],
  ["broadcasting", "Broadcast"],
  ["included", "In a block"],
] as const;

export function TxProgress({ tx }: { tx: TxRunner }) {
  const s = tx.state;
  if (!s) return null;
  const st = s.stage;
  const idx = STEPS.findIndex(([k]) => k === st.stage);
  if (st.stage === "included" && s.compact) {
    return (
      <div className="tx tx-compact" data-testid="tx-status" data-stage="included" role="status">
        <span className="tx-icon ok">✓</span> {s.label} · block <b data-testid="tx-height">{st.height.toLocaleString("en-US")}</b> · gas{" "}
        <span data-testid="tx-gas">{st.gasUsed.toLocaleString("en-US")}</span> · tx{" "}
        <code data-testid="tx-hash" data-hash={st.hash} title={st.hash}>{shortHash(st.hash)}</code>
      </div>
    );
  }
  if (st.stage === "refused") {
    return (
      <div className="tx tx-refused" data-testid="tx-status" data-stage="refused" role="alert">
        <div className="tx-title">
          <span className="tx-icon">!</span> {s.label}: not done
        </div>
        <div className="tx-reason" data-testid="tx-reason">
          {st.reason}
        </div>
        <div className="tx-meta">
          {st.hash ? (
            <>The transaction was included but failed; only its fee was charged. Tx <code>{shortHash(st.hash)}</code></>
          ) : (
            <>Nothing was sent and nothing changed.</>
          )}
        </div>
        <button className="link" onClick={tx.clear}>Dismiss</button>
      </div>
    );
  }
  return (
    <div className={`tx ${st.stage === "included" ? "tx-done" : "tx-busy"}`} data-testid="tx-status" data-stage={st.stage} role="status">
      <div className="tx-title">
        {st.stage === "included" ? <span className="tx-icon ok">✓</span> : <span className="spinner" />} {s.label}
      </div>
      <ol className="tx-steps">
        {STEPS.map(([k, name], i) => (
          <li key={k} className={i < idx || st.stage === "included" ? "done" : i === idx ? "now" : ""}>
            {name}
          </li>
        ))}
      </ol>
      <div className="tx-meta">
        {st.stage === "checking" && "Asking the chain whether this will succeed…"}
        {st.stage === "signing" && <>Waiting for your wallet’s signature (gas limit {st.gasWanted.toLocaleString("en-US")})…</>}
        {st.stage === "broadcasting" && (
          <>
            Sent. Waiting for a block… tx <code title={st.hash}>{shortHash(st.hash)}</code>
          </>
        )}
        {st.stage === "included" && (
          <>
            Included at height <b data-testid="tx-height">{st.height.toLocaleString("en-US")}</b> · gas{" "}
            <span data-testid="tx-gas">{st.gasUsed.toLocaleString("en-US")}</span> of {st.gasWanted.toLocaleString("en-US")} · tx{" "}
            <code data-testid="tx-hash" data-hash={st.hash} title={st.hash}>
              {shortHash(st.hash)}
            </code>
          </>
        )}
      </div>
    </div>
  );
}
