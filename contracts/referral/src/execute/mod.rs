//! Execute handlers, one module per message family.

pub mod code;
pub mod config;
pub mod refer;
pub mod settle;
pub mod validate;

use cosmwasm_std::{OverflowError, OverflowOperation};

use crate::error::ContractError;

pub(crate) fn overflow() -> ContractError {
    OverflowError::new(OverflowOperation::Add).into()
}

pub(crate) fn checked_inc(n: u64) -> Result<u64, ContractError> {
    n.checked_add(1).ok_or_else(overflow)
}

pub(crate) fn checked_dec(n: u64) -> Result<u64, ContractError> {
    n.checked_sub(1)
        .ok_or_else(|| OverflowError::new(OverflowOperation::Sub).into())
}
