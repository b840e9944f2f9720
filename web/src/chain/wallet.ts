// The wallet port: one function, getOfflineSigner(chainId), behind which sit Keplr (and Keplr-compatible wallets)
// and, only in end-to-end builds, the test signer. The page never sees a key or a mnemonic.
import type { OfflineSigner } from "@cosmjs/proto-signing";
import type { Network } from "./network";

export type WalletKind = "keplr" | "test";

/** The part of window.keplr the page uses (Keplr's injected API; Leap and Cosmostation inject the same shape). */
interface KeplrLike {
  experimentalSuggestChain(info: unknown): Promise<void>;
  enable(chainId: string): Promise<void>;
  getOfflineSigner(chainId: string): OfflineSigner;
  getKey(chainId: string): Promise<{ name: string; bech32Address: string }>;
}

declare global {
  interface Window {
    keplr?: KeplrLike;
  }
}

export class WalletError extends Error {}

export const hasKeplr = () => typeof window !== "undefined" && !!window.keplr;

/**
 * Keplr's chain description for a network of networks.json: the devnet is not a registered chain, so it is
 * suggested (chain id, RPC, REST, bech32 prefix, the fee currency with low/average/high gas prices, cosmwasm).
 */
const step = (gp: number, factor: number) => Number((gp * factor).toPrecision(10)); // 0.025 x 1.5 = 0.0375, not 0.037500000000000006

export function keplrChainInfo(net: Network) {
  const gp = net.gasPrice.amount.toFloatApproximation();
  const fee = { coinDenom: net.feeDenom.replace(/^u/, "").toUpperCase(), coinMinimalDenom: net.feeDenom, coinDecimals: 6, gasPriceStep: { low: gp, average: step(gp, 1.5), high: step(gp, 2) } };
  const stable = { coinDenom: net.stableDenom.replace(/^u/, "").toUpperCase(), coinMinimalDenom: net.stableDenom, coinDecimals: 6 };
  const p = net.prefix;
  return {
    chainId: net.chainId,
    chainName: net.local ? `Mesi devnet (${net.chainId})` : net.chainId,
    rpc: net.rpc,
    rest: net.rest ?? net.rpc,
    bip44: { coinType: 118 },
    bech32Config: {
      bech32PrefixAccAddr: p,
      bech32PrefixAccPub: `${p}pub`,
      bech32PrefixValAddr: `${p}valoper`,
      bech32PrefixValPub: `${p}valoperpub`,
      bech32PrefixConsAddr: `${p}valcons`,
      bech32PrefixConsPub: `${p}valconspub`,
    },
    currencies: [fee, stable],
    feeCurrencies: [fee],
    stakeCurrency: { coinDenom: fee.coinDenom, coinMinimalDenom: fee.coinMinimalDenom, coinDecimals: 6 },
    features: ["cosmwasm"],
  };
}

/**
 * The wallet port: a wallet is anything with getOfflineSigner(chainId). The page knows no other wallet API, so a
 * front end adds a wallet by adding one WalletPort.
 */
export interface WalletPort {
  kind: WalletKind;
  getOfflineSigner(chainId: string): Promise<OfflineSigner>;
}

/** Keplr (and Keplr-compatible wallets): suggests a local chain first, asks the user to connect, returns its signer. */
export function keplrWallet(networks: Network[]): WalletPort {
  return {
    kind: "keplr",
    async getOfflineSigner(chainId: string) {
      const k = window.keplr;
      if (!k) throw new WalletError("No Keplr wallet found in this browser. Install the Keplr extension and reload the page.");
      const net = networks.find((n) => n.chainId === chainId);
      if (net?.local) await k.experimentalSuggestChain(keplrChainInfo(net));
      await k.enable(chainId);
      return k.getOfflineSigner(chainId);
    },
  };
}

/**
 * The end-to-end test wallet: exists only in `--mode e2e` builds (see testSigner.ts); a production bundle replaces
 * that module by testSigner.disabled.ts and never reaches it (tests/web checks the bundle).
 */
export function testWallet(): WalletPort {
  return {
    kind: "test",
    async getOfflineSigner(chainId: string) {
      if (!__MESI_E2E__) throw new WalletError("The test wallet exists only in end-to-end builds.");
      const { testSigner } = await import("./testSigner");
      return testSigner(chainId);
    },
  };
}

export const walletPort = (kind: WalletKind, net: Network): WalletPort => (kind === "test" ? testWallet() : keplrWallet([net]));

/** true when this bundle can offer the test wallet (e2e builds driven by the test process) */
export const testWalletAvailable = () => __MESI_E2E__ && typeof (window as unknown as Record<string, unknown>).mesiTestSignerAccounts === "function";
