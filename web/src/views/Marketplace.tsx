// The marketplace view arrives with contracts/marketplace (issue 11: whichever of the two lands second adds it).
// It plugs in here: read its address from the deployment record (net.contracts.marketplace), add its generated
// clients to chain/session.tsx, and drive it with useTx/TxProgress like the other views.
import { useSession } from "../chain/session";
import { Card, ViewHead } from "../ui/bits";

export function MarketplaceView() {
  const { net } = useSession();
  return (
    <>
      <ViewHead title="Marketplace" sub="Buy-now listings, auctions with anti-sniping and private offers for gallery NFTs." />
      <Card testid="marketplace-soon">
        <p>
          {net.contracts.marketplace
            ? "The marketplace contract is deployed; its view is on the way."
            : "The marketplace is not deployed on this network yet."}{" "}
          Until then, your gallery items stay in your gallery and pledges move with them when they are sold.
        </p>
      </Card>
    </>
  );
}
