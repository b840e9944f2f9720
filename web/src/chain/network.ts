// The network the page talks to: static settings from networks/networks.json (imported, not copied) and the live
// deployment record (deployments/<chain-id>.json, served beside the page as ./deployment.json) for the contract
// addresses and the RPC the suite was deployed through.
import { GasPrice } from "@cosmjs/stargate";
import networks from "../../../networks/networks.json";

/** one entry of networks/networks.json */
interface NetworkEntry {
  chainId: string;
  rpc: string;
  rest?: string;
  prefix: string;
  gasPrice: string;
  feeDenom: string;
  stableDenom: string;
  local?: boolean;
}

/** the contracts of the suite the page drives (keys of the deployment record's `contracts`) */
export type ContractName = "token" | "treasury" | "gallery" | "bid-to-meet" | "referral" | "validator-rewards" | "marketplace" | "influence" | "revenue";

export interface Network {
  /** key in networks.json (devnet, juno-testnet, ...) */
  name: string;
  chainId: string;
  rpc: string;
  rest?: string;
  prefix: string;
  gasPrice: GasPrice;
  gasPriceText: string;
  feeDenom: string;
  stableDenom: string;
  local: boolean;
  /** contract name -> address, from the deployment record */
  contracts: Partial<Record<ContractName, string>>;
}

export class NoDeploymentError extends Error {}

/**
 * Loads the network. `?network=<name>` picks an entry of networks.json (default devnet); ./deployment.json (the
 * deployment record) supplies the addresses and, for a local devnet, the RPC the record was written with.
 */
export async function loadNetwork(): Promise<Network> {
  const params = new URLSearchParams(location.search);
  const name = params.get("network") ?? "devnet";
  const entry = (networks as unknown as Record<string, NetworkEntry>)[name];
  if (!entry || name.startsWith("_")) throw new NoDeploymentError(`Unknown network "${name}" in networks.json.`);
  let record: { chainId?: string; rpc?: string; contracts?: Record<string, { address: string }> };
  try {
    const res = await fetch("./deployment.json", { cache: "no-store" });
    if (!res.ok) throw new Error(String(res.status));
    record = await res.json();
  } catch {
    throw new NoDeploymentError("No deployment record was found next to this page (deployment.json). Run `make demo`, which deploys the suite and serves the page with its record.");
  }
  if (record.chainId && record.chainId !== entry.chainId && !entry.local) {
    throw new NoDeploymentError(`The deployment record is for chain ${record.chainId}, not ${entry.chainId}.`);
  }
  const contracts: Network["contracts"] = {};
  for (const [k, v] of Object.entries(record.contracts ?? {})) contracts[k as ContractName] = v.address;
  const rpc = entry.local && record.rpc ? record.rpc : entry.rpc;
  // Keplr needs the REST (LCD) endpoint too; `?rest=` overrides it for a devnet on moved ports
  const rest = params.get("rest") ?? entry.rest;
  return {
    name,
    chainId: record.chainId ?? entry.chainId,
    rpc,
    rest,
    prefix: entry.prefix,
    gasPrice: GasPrice.fromString(entry.gasPrice),
    gasPriceText: entry.gasPrice,
    feeDenom: entry.feeDenom,
    stableDenom: entry.stableDenom,
    local: entry.local === true,
    contracts,
  };
}
