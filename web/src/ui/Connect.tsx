// The connect control: Keplr (or a Keplr-compatible wallet) and, in end-to-end builds only, the test wallet. Used by
// the header and by the first screen; `testid` prefixes the buttons' test ids (connect-keplr, welcome-connect-keplr).
import { useState } from "react";
import { useSession } from "../chain/session";
import { hasKeplr, testWalletAvailable } from "../chain/wallet";

export function ConnectButtons({ testid = "connect", big = false }: { testid?: string; big?: boolean }) {
  const { connect } = useSession();
  const [err, setErr] = useState<string>();
  const [busy, setBusy] = useState(false);
  const go = async (kind: "keplr" | "test") => {
    setBusy(true);
    setErr(undefined);
    try {
      await connect(kind);
    } catch (e) {
      setErr(String((e as Error)?.message ?? e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={big ? "connect big" : "wallet"}>
      {testWalletAvailable() && (
        <button className="ghost" data-testid={`${testid}-test`} disabled={busy} onClick={() => go("test")}>Test wallet</button>
      )}
      <button className="primary" data-testid={`${testid}-keplr`} disabled={busy} onClick={() => go("keplr")}>
        {hasKeplr() ? "Connect Keplr" : "Connect wallet"}
      </button>
      {err && <div className={big ? "connect-error" : "wallet-error"} role="alert" data-testid={`${testid}-error`}>{err}</div>}
    </div>
  );
}
