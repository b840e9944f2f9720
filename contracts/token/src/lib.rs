//! $MESI token: cw20 with genesis allocations, a 7-day holding score, a withdrawal-limit lock
//! with arbiter slashing, and tiers. See README.md.

pub mod account;
pub mod contract;
pub mod error;
pub mod execute;
pub mod json;
pub mod ownership;
pub mod query;
pub mod state;

#[cfg(test)]
mod tests;

pub use crate::error::ContractError;
