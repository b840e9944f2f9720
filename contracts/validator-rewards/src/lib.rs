//! mesi-validator-rewards: validator stake, whitelisting and two reward streams (SPEC section 6).
//!
//! - [`execute::stake`]: apply, top up, unstake / leave, unbonding.
//! - [`execute::admin`]: whitelist, reject, slash, config.
//! - [`execute::rewards`]: the stake stream (fund, claim, eligibility re-check).
//! - [`execute::work`]: the work stream (report, close, fund and claim epochs).
//! - [`stream`]: the reward-per-stake accumulator (O(1) per claim and per stake change).

pub mod contract;
pub mod error;
pub mod execute;
pub mod query;
pub mod state;
pub mod stream;

#[cfg(test)]
mod tests;
