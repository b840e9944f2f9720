// Signing clients for the DEVNET-ONLY accounts (demo and e2e tests).
import { CosmWasmClient, SigningCosmWasmClient } from "@cosmjs/cosmwasm-stargate";
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { fromBech32, toBech32 } from "@cosmjs/encoding";
import { QueryClient, setupStakingExtension } from "@cosmjs/stargate";
import { connectComet } from "@cosmjs/tendermint-rpc";
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

/**
 * The DEVNET accounts that are bonded validators of the chain at `rpc` (their account bytes equal the validator's
 * operator address bytes), with the operator address; sorted by account name. Used by the deploy's pin vote and the
 * on-chain bench.
 */
export async function bondedValidatorAccounts(net: Network, rpc = net.rpc): Promise<{ name: string; address: string; valoper: string }[]> {
  const comet = await connectComet(rpc);
  try {
    const { validators } = await QueryClient.withExtensions(comet, setupStakingExtension).staking.validators("BOND_STATUS_BONDED");
    const out: { name: string; address: string; valoper: string }[] = [];
    for (const v of validators) {
      const account = toBech32(net.prefix, fromBech32(v.operatorAddress).data);
      const acc = Object.values(net.accounts).find((a) => a.address === account);
      if (acc) out.push({ name: acc.name, address: acc.address, valoper: v.operatorAddress });
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  } finally {
    comet.disconnect();
  }
}
