// The views of the page, in the order of the navigation, with what a user does in each: the navigation (App.tsx)
// and the first screen for a visitor without a wallet (Welcome.tsx) both read this list.

export interface ViewInfo {
  /** the hash that selects the view (#gallery) and its data-testid (nav-gallery, view-gallery) */
  id: string;
  title: string;
  /** one or two plain sentences: what a person does there */
  does: string;
}

export const VIEW_LIST: ViewInfo[] = [
  { id: "account", title: "Account", does: "Your MESI and stablecoin balances, your lock and your tier, and what the next tier needs." },
  { id: "gallery", title: "Gallery", does: "A creator's gallery of NFTs by kind, year and tag. Creators mint a work (its file's fingerprint goes on chain) and back it with a trust pledge." },
  { id: "influence", title: "Influence", does: "Split your influence points between the creators you back; change or withdraw the split at any time." },
  { id: "meet", title: "Bid to meet", does: "Fans bid MESI for a meeting with a creator; creators accept with a one-time QR code or run timed slot auctions." },
  { id: "earnings", title: "Earnings", does: "Claim what the platform owes you: earnings, reward epochs and vested MESI." },
  { id: "referral", title: "Referral", does: "Register a referral code and share your link; the reward grows with your tier." },
  { id: "validators", title: "Validators", does: "The validators whitelisted for MESI rewards, their stake and rewards; a validator claims." },
  { id: "marketplace", title: "Marketplace", does: "Buy and sell gallery NFTs: buy-now listings, auctions and private offers." },
];
