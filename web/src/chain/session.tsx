// The page's session: the network and its query client, the connected account and its signing client, and the
// generated contract clients (clients/src) bound to the deployment's addresses.
import { CosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { MesiBidToMeetClient, MesiBidToMeetQueryClient } from "../../../clients/src/MesiBidToMeet.client";
import { MesiGalleryClient, MesiGalleryQueryClient } from "../../../clients/src/MesiGallery.client";
import { MesiInfluenceClient, MesiInfluenceQueryClient } from "../../../clients/src/MesiInfluence.client";
import { MesiMarketplaceClient, MesiMarketplaceQueryClient } from "../../../clients/src/MesiMarketplace.client";
import { MesiRevenueClient, MesiRevenueQueryClient } from "../../../clients/src/MesiRevenue.client";
import { MesiReferralClient, MesiReferralQueryClient } from "../../../clients/src/MesiReferral.client";
import { MesiTokenClient, MesiTokenQueryClient } from "../../../clients/src/MesiToken.client";
import { MesiTreasuryClient, MesiTreasuryQueryClient } from "../../../clients/src/MesiTreasury.client";
import { MesiValidatorRewardsClient, MesiValidatorRewardsQueryClient } from "../../../clients/src/MesiValidatorRewards.client";
import type { ContractName, Network } from "./network";
import { TrackedClient } from "./tx";
import { walletPort, type WalletKind } from "./wallet";

/** a stand-in for a contract this deployment lacks: every call fails with a sentence the views show */
function notDeployed<T>(name: ContractName): T {
  const fail = () => Promise.reject(new Error(`The ${name} contract is not deployed on this network yet.`));
  return new Proxy({}, { get: (_t, prop) => (prop === "then" ? undefined : fail) }) as T;
}

/** `make(address)` when the deployment has the contract, else a stand-in that explains */
function bind<T>(net: Network, name: ContractName, make: (address: string) => T): T {
  const address = net.contracts[name];
  return address ? make(address) : notDeployed<T>(name);
}

/** read-only clients (no wallet needed) */
export function queryClients(net: Network, c: CosmWasmClient) {
  return {
    token: bind(net, "token", (a) => new MesiTokenQueryClient(c, a)),
    treasury: bind(net, "treasury", (a) => new MesiTreasuryQueryClient(c, a)),
    gallery: bind(net, "gallery", (a) => new MesiGalleryQueryClient(c, a)),
    btm: bind(net, "bid-to-meet", (a) => new MesiBidToMeetQueryClient(c, a)),
    referral: bind(net, "referral", (a) => new MesiReferralQueryClient(c, a)),
    validators: bind(net, "validator-rewards", (a) => new MesiValidatorRewardsQueryClient(c, a)),
    influence: bind(net, "influence", (a) => new MesiInfluenceQueryClient(c, a)),
    market: bind(net, "marketplace", (a) => new MesiMarketplaceQueryClient(c, a)),
    revenue: bind(net, "revenue", (a) => new MesiRevenueQueryClient(c, a)),
  };
}

/** signing clients for the connected account */
export function execClients(net: Network, c: TrackedClient, sender: string) {
  return {
    token: bind(net, "token", (a) => new MesiTokenClient(c, sender, a)),
    treasury: bind(net, "treasury", (a) => new MesiTreasuryClient(c, sender, a)),
    gallery: bind(net, "gallery", (a) => new MesiGalleryClient(c, sender, a)),
    btm: bind(net, "bid-to-meet", (a) => new MesiBidToMeetClient(c, sender, a)),
    referral: bind(net, "referral", (a) => new MesiReferralClient(c, sender, a)),
    validators: bind(net, "validator-rewards", (a) => new MesiValidatorRewardsClient(c, sender, a)),
    influence: bind(net, "influence", (a) => new MesiInfluenceClient(c, sender, a)),
    market: bind(net, "marketplace", (a) => new MesiMarketplaceClient(c, sender, a)),
    revenue: bind(net, "revenue", (a) => new MesiRevenueClient(c, sender, a)),
  };
}

export type Query = ReturnType<typeof queryClients>;
export type Exec = ReturnType<typeof execClients>;

export interface Session {
  net: Network;
  chain: CosmWasmClient;
  q: Query;
  address?: string;
  wallet?: WalletKind;
  signer?: TrackedClient;
  exec?: Exec;
  connect(kind: WalletKind): Promise<void>;
  disconnect(): void;
  /** bumps after every included transaction and every few seconds: views reload their chain data on it */
  tick: number;
  refresh(): void;
}

const Ctx = createContext<Session | null>(null);

export function SessionProvider({ net, chain, children }: { net: Network; chain: CosmWasmClient; children: ReactNode }) {
  const [conn, setConn] = useState<{ address: string; wallet: WalletKind; signer: TrackedClient } | undefined>();
  const [tick, setTick] = useState(0);
  const q = useMemo(() => queryClients(net, chain), [net, chain]);
  const refresh = useCallback(() => setTick((t) => t + 1), []);
  const connRef = useRef(conn);
  connRef.current = conn;
  useEffect(() => {
    const id = setInterval(refresh, 6000);
    return () => clearInterval(id);
  }, [refresh]);
  const connect = useCallback(
    async (kind: WalletKind) => {
      const signer = await walletPort(kind, net).getOfflineSigner(net.chainId);
      const [account] = await signer.getAccounts();
      if (!account) throw new Error("The wallet has no account for this chain.");
      const client = await TrackedClient.connectTracked(net.rpc, signer, net.gasPrice, net.local);
      connRef.current?.signer.disconnect();
      setConn({ address: account.address, wallet: kind, signer: client });
      refresh();
    },
    [net, refresh],
  );
  const disconnect = useCallback(() => {
    connRef.current?.signer.disconnect();
    setConn(undefined);
  }, []);
  const exec = useMemo(() => (conn ? execClients(net, conn.signer, conn.address) : undefined), [net, conn]);
  const value: Session = { net, chain, q, address: conn?.address, wallet: conn?.wallet, signer: conn?.signer, exec, connect, disconnect, tick, refresh };
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): Session {
  const s = useContext(Ctx);
  if (!s) throw new Error("useSession outside SessionProvider");
  return s;
}

/**
 * Live chain data: runs `load` at mount, whenever `deps` change and on every session tick (after each transaction
 * and every 6 s). Keeps the last good value while reloading; `error` holds a failed read in plain words.
 */
export function useLive<T>(load: () => Promise<T>, deps: unknown[]): { data?: T; error?: string; loading: boolean } {
  const { tick } = useSession();
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const key = JSON.stringify(deps);
  const keyRef = useRef(key);
  useEffect(() => {
    let alive = true;
    if (keyRef.current !== key) {
      keyRef.current = key;
      setState({ loading: true });
    }
    load().then(
      (data) => alive && setState({ data, loading: false }),
      (e) => alive && setState((s) => ({ data: s.data, error: String((e as Error)?.message ?? e), loading: false })),
    );
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, tick]);
  return state;
}
