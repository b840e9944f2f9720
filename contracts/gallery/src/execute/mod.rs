//! Execute handlers, one module per message family.

pub mod admin;
pub mod mint;
pub mod nft;
pub mod pledge;
