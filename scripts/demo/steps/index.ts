// Demo order: one walkthrough per deployed contract (see scripts/deploy/README.md to add yours).
import { tokenDemo } from "./token";
import { treasuryDemo } from "./treasury";
import { referralDemo } from "./referral";
import { bidToMeetDemo } from "./bid-to-meet";
import { galleryDemo } from "./gallery";
import { validatorRewardsDemo } from "./validator-rewards";
import { marketplaceDemo } from "./marketplace";
import { influenceDemo } from "./influence";
import { revenueDemo } from "./revenue";
import type { DemoStep } from "../context";

export const DEMO_STEPS: DemoStep[] = [tokenDemo, treasuryDemo, galleryDemo, bidToMeetDemo, referralDemo, validatorRewardsDemo, marketplaceDemo, influenceDemo, revenueDemo];
