import type { DeployContext } from "../context";

/**
 * One deploy step. Steps run in the order of steps/index.ts; each one must be idempotent
 * (use ctx.upload / ctx.instantiate / ctx.wire, which skip what is already done).
 */
export interface Step {
  /** short name printed in the progress, e.g. "token" */
  name: string;
  /** contract artifacts the step needs (artifacts/mesi_<name>.wasm); the step is skipped when one is missing */
  needs: string[];
  /** a one-line description */
  about: string;
  run(ctx: DeployContext): Promise<void>;
}
