// The deploy order. A contract that depends on another comes after it.
import { tokenStep } from "./token";
import { treasuryStep, treasurySetTokenStep } from "./treasury";
import { galleryStep } from "./gallery";
import { bidToMeetStep } from "./bid-to-meet";
import { referralStep } from "./referral";
import { validatorRewardsStep } from "./validator-rewards";
import { marketplaceStep } from "./marketplace";
import { influenceStep } from "./influence";
import { revenueStep } from "./revenue";
import type { Step } from "./types";

export const STEPS: Step[] = [
  treasuryStep, // treasury first, without the token
  tokenStep, // token: genesis allocations to the treasury, minter = treasury
  treasurySetTokenStep, // treasury learns the token
  galleryStep,
  bidToMeetStep,
  referralStep,
  validatorRewardsStep,
  marketplaceStep, // after gallery, token and treasury
  influenceStep, // after token and gallery (reads both)
  revenueStep, // after marketplace (sets its `revenue`) and treasury (engagement-rewards drawer)
];
