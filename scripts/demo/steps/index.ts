// Demo order: one walkthrough per deployed contract (see scripts/deploy/README.md to add yours).
import { tokenDemo } from "./token";
import type { DemoStep } from "../context";

export const DEMO_STEPS: DemoStep[] = [tokenDemo];
