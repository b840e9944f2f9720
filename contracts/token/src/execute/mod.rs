pub mod admin;
pub mod allowances;
pub mod base;
pub mod lock;
pub mod marketing;
