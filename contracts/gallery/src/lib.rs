//! mesi-gallery: the platform's cw721 collection. Each token is one upload in its creator's gallery,
//! with creator-declared data (media kind, content hash, tags, year, ad-revenue model, pay-per-view) and
//! an optional trust pledge in a native stablecoin that the arbiter can liquidate.
//!
//! The cw721 0.22 JSON surface is implemented directly (the `cw721` crate supplies only the message and
//! response types), which keeps the artifact small. See README.md.

pub mod contract;
pub mod error;
pub mod execute;
pub mod query;
pub mod state;

#[cfg(test)]
mod tests;
