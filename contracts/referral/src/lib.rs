//! Mesi referral rewards (SPEC §5): referral codes, one referrer per user, validation by the
//! fraud-check operator, tier-multiplied USD bonus paid in MESI from the treasury's referral pool,
//! owed referrals settled in FIFO order once the pool is refilled.

pub mod contract;
pub mod error;
pub mod execute;
pub mod external;
pub mod query;
pub mod state;

#[cfg(test)]
mod tests;
