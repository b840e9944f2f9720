// The shell: loads the network and deployment, the wallet button, and the views.
import { CosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { useEffect, useState, type ReactNode } from "react";
import { loadNetwork, type Network } from "./chain/network";
import { SessionProvider, useSession } from "./chain/session";
import { ConnectButtons } from "./ui/Connect";
import { shortAddr } from "./ui/format";
import { NavIcon } from "./ui/icons";
import { AccountView } from "./views/Account";
import { GalleryView } from "./views/Gallery";
import { InfluenceView } from "./views/Influence";
import { MeetView } from "./views/Meet";
import { EarningsView } from "./views/Earnings";
import { ReferralView } from "./views/Referral";
import { ValidatorsView } from "./views/Validators";
import { VIEW_LIST } from "./views/list";
import { MarketplaceView } from "./views/Marketplace";

/** what each view renders; the order, titles and descriptions are views/list.ts */
const RENDER: Record<string, () => ReactNode> = {
  account: () => <AccountView />,
  gallery: () => <GalleryView />,
  influence: () => <InfluenceView />,
  meet: () => <MeetView />,
  earnings: () => <EarningsView />,
  referral: () => <ReferralView />,
  validators: () => <ValidatorsView />,
  marketplace: () => <MarketplaceView />,
};

/** the views, in the order of the navigation; the hash (#gallery) selects one */
const VIEWS = VIEW_LIST.map((v) => ({ ...v, render: RENDER[v.id] }));

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
  const { address, disconnect, wallet } = useSession();
  if (address)
    return (
      <div className="wallet">
        <span className="dot" /> <span className="addr" data-testid="address" title={address}>{shortAddr(address)}</span>
        <span className="muted small">{wallet === "test" ? "test wallet" : "Keplr"}</span>
        <button className="ghost small" onClick={disconnect}>Disconnect</button>
      </div>
    );
  return <ConnectButtons />;
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
          {/* the account view without a wallet is the first screen, which explains connecting itself */}
          {!address && current.id !== "account" && (
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
