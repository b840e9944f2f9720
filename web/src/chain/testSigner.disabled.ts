// Production stand-in for testSigner.ts (vite.config.ts aliases it in every build but `--mode e2e`).
import type { OfflineDirectSigner } from "@cosmjs/proto-signing";

export function testSigner(_chainId: string): OfflineDirectSigner {
  throw new Error("no test wallet in this build");
}
