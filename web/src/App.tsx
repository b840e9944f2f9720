// The shell: loads the network and deployment, the wallet button, and the views.
import { CosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { useEffect, useState, type ReactNode } from "react";
import { loadNetwork, type Network } from "./chain/network";
import { SessionProvider, useSession } from "./chain/session";
import { hasKeplr, testWalletAvailable } from "./chain/wallet";
import { shortAddr } from "./ui/format";
import { NavIcon } from "./ui/icons";
import { AccountView } from "./views/Account";
import { GalleryView } from "./views/Gallery";
import { InfluenceView } from "./views/Influence";
import { MeetView } from "./views/Meet";
import { EarningsView } from "./views/Earnings";
import { ReferralView } from "./views/Referral";
import { ValidatorsView } from "./views/Validators";
import { MarketplaceView } from "./views/Marketplace";

/** the views, in the order of the navigation; the hash (#gallery) selects one */
const VIEWS: { id: string; title: string; render: () => ReactNode }[] = [
  { id: "account", title: "Account", render: () => <AccountView /> },
  { id: "gallery", title: "Gallery", render: () => <GalleryView /> },
  { id: "influence", title: "Influence", render: () => <InfluenceView /> },
  { id: "meet", title: "Bid to meet", render: () => <MeetView /> },
  { id: "earnings", title: "Earnings", render: () => <EarningsView /> },
  { id: "referral", title: "Referral", render: () => <ReferralView /> },
  { id: "validators", title: "Validators", render: () => <ValidatorsView /> },
  // issue 11: the marketplace view lands with contracts/marketplace
  { id: "marketplace", title: "Marketplace", render: () => <MarketplaceView /> },
];

function useHashView(): [string, (id: string) => void] {
  const read = () => location.hash.replace(/^#\/?/, "").split("?")[0] || "account";
  const [view, setView] = useState(read);
  useEffect(() => {
    const on = () => setView(read());
    addEventListener("hashchange", on);
    return () => removeEventListener("hashchange", on);
  }, []);
  return [view, (id) => (location.hash = id)];
}

export function App() {
  const [boot, setBoot] = useState<{ net: Network; chain: CosmWasmClient } | { error: string } | undefined>();
  useEffect(() => {
    (async () => {
      try {
        const net = await loadNetwork();
        let chain: CosmWasmClient;
        try {
          chain = await CosmWasmClient.connect(net.rpc);
        } catch {
          throw new Error(`The chain ${net.chainId} cannot be reached at ${net.rpc}.${net.local ? " Is the devnet running? (make devnet)" : ""}`);
        }
        setBoot({ net, chain });
      } catch (e) {
        setBoot({ error: String((e as Error)?.message ?? e) });
      }
    })();
  }, []);
  if (!boot) return <div className="boot">Connecting to the chain…</div>;
  if ("error" in boot)
    return (
      <div className="boot">
        <h1>Mesi</h1>
        <p className="error" data-testid="boot-error">{boot.error}</p>
      </div>
    );
  return (
    <SessionProvider net={boot.net} chain={boot.chain}>
      <Shell />
    </SessionProvider>
  );
}

function WalletButton() {
  const { address, connect, disconnect, wallet } = useSession();
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
  if (address)
    return (
      <div className="wallet">
        <span className="dot" /> <span className="addr" data-testid="address" title={address}>{shortAddr(address)}</span>
        <span className="muted small">{wallet === "test" ? "test wallet" : "Keplr"}</span>
        <button className="ghost small" onClick={disconnect}>Disconnect</button>
      </div>
    );
  return (
    <div className="wallet">
      {testWalletAvailable() && (
        <button className="ghost" data-testid="connect-test" disabled={busy} onClick={() => go("test")}>Test wallet</button>
      )}
      <button className="primary" data-testid="connect-keplr" disabled={busy} onClick={() => go("keplr")}>
        {hasKeplr() ? "Connect Keplr" : "Connect wallet"}
      </button>
      {err && <div className="wallet-error" role="alert">{err}</div>}
    </div>
  );
}

function Shell() {
  const { net, address } = useSession();
  const [view, go] = useHashView();
  const current = VIEWS.find((v) => v.id === view) ?? VIEWS[0];
  return (
    <div className="app">
      <header className="top">
        <a className="brand" href="#account">
          <span className="logo">M</span> Mesi
        </a>
        <span className="chip" title={net.rpc}>
          <span className="dot live" /> {net.chainId}
        </span>
        <div className="grow" />
        <WalletButton />
      </header>
      <div className="body">
        <nav className="side">
          {VIEWS.map((v) => (
            <a key={v.id} href={`#${v.id}`} className={v.id === current.id ? "active" : ""} data-testid={`nav-${v.id}`} onClick={() => go(v.id)}>
              <span className="nav-icon"><NavIcon id={v.id} /></span> {v.title}
            </a>
          ))}
        </nav>
        <main className="main" data-testid={`view-${current.id}`}>
          {!address && (
            <div className="banner">
              Connect a wallet to act. Everything below is read live from <b>{net.chainId}</b>.
            </div>
          )}
          {current.render()}
        </main>
      </div>
    </div>
  );
}
