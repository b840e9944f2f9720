// Signing clients for the DEVNET-ONLY accounts (demo and e2e tests).
import { CosmWasmClient, SigningCosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { ConfigError, clientOptions, type Network } from "./config";

export interface Actor {
  name: string;
  address: string;
  client: SigningCosmWasmClient;
}

export async function actor(net: Network, name: string, rpc = net.rpc): Promise<Actor> {
  const acc = net.accounts[name];
  if (!acc) throw new ConfigError(`no devnet account "${name}" in networks/devnet-accounts.json`);
  const wallet = await DirectSecp256k1HdWallet.fromMnemonic(acc.mnemonic, { prefix: net.prefix });
  const [{ address }] = await wallet.getAccounts();
  const client = await SigningCosmWasmClient.connectWithSigner(rpc, wallet, clientOptions(net));
  return { name, address, client };
}

export async function actors<N extends string>(net: Network, names: readonly N[], rpc = net.rpc): Promise<Record<N, Actor>> {
  const out = {} as Record<N, Actor>;
  for (const n of names) out[n] = await actor(net, n, rpc);
  return out;
}

export const queryClient = (rpc: string) => CosmWasmClient.connect(rpc);
