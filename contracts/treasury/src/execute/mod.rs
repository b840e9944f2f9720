//! One module per message family.
pub mod admin;
pub mod earnings;
pub mod epochs;
pub mod pools;
pub mod price;
pub mod supply;
pub mod vesting;
