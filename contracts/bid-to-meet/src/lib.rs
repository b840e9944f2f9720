//! Mesi bid-to-meet: escrowed MESI bids on creators, slot auctions, KYF window and QR-code release.

pub mod bid;
pub mod config;
pub mod contract;
pub mod creator;
pub mod error;
pub mod helpers;
pub mod meeting;
pub mod query;
pub mod slot;
pub mod state;

#[cfg(test)]
mod tests;

pub use crate::error::ContractError;
