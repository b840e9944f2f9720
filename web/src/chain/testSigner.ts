// MESI_TEST_SIGNER: the end-to-end test wallet. Compiled only into `vite build --mode e2e` bundles; a production
// build aliases this module to testSigner.disabled.ts (tests/web/web.test.ts greps the production bundle for the
// marker above and for every devnet mnemonic).
//
// The page holds no key: the Node test process exposes two functions through the browser driver
// (playwright's page.exposeFunction), and every signature is made there with the devnet account the test chose.
import { fromBase64, toBase64 } from "@cosmjs/encoding";
import type { AccountData, DirectSignResponse, OfflineDirectSigner } from "@cosmjs/proto-signing";

type SignDoc = Parameters<OfflineDirectSigner["signDirect"]>[1];

interface WireAccount {
  address: string;
  pubkey: string;
}
interface WireSignDoc {
  bodyBytes: string;
  authInfoBytes: string;
  chainId: string;
  accountNumber: string;
}
interface WireSigned {
  signed: WireSignDoc;
  signature: { pub_key: { type: string; value: string }; signature: string };
}
type Exposed = {
  mesiTestSignerAccounts(chainId: string): Promise<WireAccount[]>;
  mesiTestSignerSignDirect(address: string, doc: WireSignDoc): Promise<WireSigned>;
};

export function testSigner(chainId: string): OfflineDirectSigner {
  const w = window as unknown as Partial<Exposed>;
  if (typeof w.mesiTestSignerAccounts !== "function" || typeof w.mesiTestSignerSignDirect !== "function") {
    throw new Error("MESI_TEST_SIGNER: the test process did not expose a signer to this page");
  }
  const exposed = w as Exposed;
  return {
    async getAccounts(): Promise<readonly AccountData[]> {
      const accounts = await exposed.mesiTestSignerAccounts(chainId);
      return accounts.map((a) => ({ address: a.address, algo: "secp256k1" as const, pubkey: fromBase64(a.pubkey) }));
    },
    async signDirect(address: string, doc: SignDoc): Promise<DirectSignResponse> {
      const wire: WireSignDoc = {
        bodyBytes: toBase64(doc.bodyBytes),
        authInfoBytes: toBase64(doc.authInfoBytes),
        chainId: doc.chainId,
        accountNumber: doc.accountNumber.toString(),
      };
      const r = await exposed.mesiTestSignerSignDirect(address, wire);
      return {
        signed: {
          bodyBytes: fromBase64(r.signed.bodyBytes),
          authInfoBytes: fromBase64(r.signed.authInfoBytes),
          chainId: r.signed.chainId,
          accountNumber: BigInt(r.signed.accountNumber),
        },
        signature: r.signature,
      };
    },
  };
}
