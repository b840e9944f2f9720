//! Merkle epochs: one transaction per epoch whatever the number of earners; each earner
//! claims its leaf once with a proof.
//!
//! Leaf   = sha256(utf8(address) || "|" || utf8(amount as a decimal integer string))
//! Parent = sha256(min(a, b) || max(a, b))   (byte-wise order: sorted pairs, no index bits)
//! A one-leaf tree has root = leaf and an empty proof. scripts/merkle/merkle.mjs builds trees.
//!
//! Claim deadline (SPEC §2, issue 12 §5): an epoch takes the config's `epoch_claim_seconds` when posted;
//! its leaves are claimable until `posted_at + window` (inclusive); after that anyone may close it, and
//! its unclaimed amount stops being a liability (it stays in the reserve it would have been paid from).

use cosmwasm_std::{Addr, DepsMut, Empty, Env, HexBinary, MessageInfo, Response, Uint128};
use sha2::{Digest, Sha256};

use crate::error::ContractError;
use crate::execute::earnings::assert_operator;
use crate::helpers::{load_token, nonzero, pay_with_shortfall};
use crate::state::{Epoch, CONFIG, EPOCHS, EPOCH_CLAIMS, EPOCH_COUNT, MAX_PROOF_DEPTH, TOTALS};

pub fn leaf_hash(address: &str, amount: Uint128) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(address.as_bytes());
    h.update(b"|");
    h.update(amount.to_string().as_bytes());
    h.finalize().into()
}

pub fn parent_hash(a: &[u8; 32], b: &[u8; 32]) -> [u8; 32] {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    let mut h = Sha256::new();
    h.update(lo);
    h.update(hi);
    h.finalize().into()
}

fn decode32(hex_str: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    hex::decode_to_slice(hex_str, &mut out).ok()?;
    Some(out)
}

/// Recomputes the root from a leaf and its proof.
pub fn compute_root(leaf: [u8; 32], proof: &[String]) -> Result<[u8; 32], ContractError> {
    if proof.len() > MAX_PROOF_DEPTH {
        return Err(ContractError::ProofTooLong {
            len: proof.len(),
            max: MAX_PROOF_DEPTH,
        });
    }
    let mut node = leaf;
    for (index, sibling) in proof.iter().enumerate() {
        let sibling = decode32(sibling).ok_or(ContractError::InvalidProofElement { index })?;
        node = parent_hash(&node, &sibling);
    }
    Ok(node)
}

/// Operator: posts an epoch root and the sum of its leaves.
pub fn post_epoch(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    root: String,
    total: Uint128,
) -> Result<Response, ContractError> {
    assert_operator(&deps, &info)?;
    let root = decode32(&root).ok_or(ContractError::InvalidRoot {})?;
    let total = nonzero(total)?;
    let epoch = EPOCH_COUNT
        .load(deps.storage)?
        .checked_add(1)
        .ok_or(ContractError::Overflow(cosmwasm_std::OverflowError::new(
            cosmwasm_std::OverflowOperation::Add,
        )))?;
    EPOCH_COUNT.save(deps.storage, &epoch)?;
    let posted_at = env.block.time.seconds();
    let deadline = posted_at.saturating_add(CONFIG.load(deps.storage)?.epoch_claim_seconds);
    EPOCHS.save(
        deps.storage,
        epoch,
        &Epoch {
            root: HexBinary::from(root.to_vec()),
            total,
            claimed: Uint128::zero(),
            posted_at,
            deadline: Some(deadline),
            closed: None,
        },
    )?;
    let mut totals = TOTALS.load(deps.storage)?;
    totals.epochs_outstanding = totals.epochs_outstanding.checked_add(total)?;
    TOTALS.save(deps.storage, &totals)?;
    Ok(Response::new()
        .add_attribute("action", "post_epoch")
        .add_attribute("epoch", epoch.to_string())
        .add_attribute("root", hex::encode(root))
        .add_attribute("total", total)
        .add_attribute("deadline", deadline.to_string()))
}

/// Claims the sender's leaf of an epoch, once, until the epoch's deadline (inclusive).
/// Errors: `UnknownEpoch`, `EpochClosed`, `ClaimDeadlinePassed`, `AlreadyClaimed`, `InvalidProof`,
/// `EpochTotalExceeded`.
pub fn claim_epoch(
    deps: DepsMut,
    env: Env,
    info: MessageInfo,
    epoch: u64,
    amount: Uint128,
    proof: Vec<String>,
) -> Result<Response, ContractError> {
    let (_, token) = load_token(deps.storage)?;
    let amount = nonzero(amount)?;
    let mut record = EPOCHS
        .may_load(deps.storage, epoch)?
        .ok_or(ContractError::UnknownEpoch { epoch })?;
    if record.closed.is_some() {
        return Err(ContractError::EpochClosed { epoch });
    }
    let now = env.block.time.seconds();
    let deadline = record.deadline();
    if now > deadline {
        return Err(ContractError::ClaimDeadlinePassed {
            epoch,
            deadline,
            now,
        });
    }
    let key: (u64, &Addr) = (epoch, &info.sender);
    if EPOCH_CLAIMS.has(deps.storage, key) {
        return Err(ContractError::AlreadyClaimed { epoch });
    }
    let root = compute_root(leaf_hash(info.sender.as_str(), amount), &proof)?;
    if root.as_slice() != record.root.as_slice() {
        return Err(ContractError::InvalidProof {});
    }
    let remaining = record.total.checked_sub(record.claimed)?;
    if amount > remaining {
        return Err(ContractError::EpochTotalExceeded { remaining, amount });
    }
    record.claimed = record.claimed.checked_add(amount)?;
    EPOCHS.save(deps.storage, epoch, &record)?;
    EPOCH_CLAIMS.save(deps.storage, key, &Empty {})?;

    let mut totals = TOTALS.load(deps.storage)?;
    totals.epochs_outstanding = totals.epochs_outstanding.checked_sub(amount)?;
    let (msgs, minted) = pay_with_shortfall(&mut totals, &token, &info.sender, amount)?;
    TOTALS.save(deps.storage, &totals)?;
    Ok(Response::new()
        .add_messages(msgs)
        .add_attribute("action", "claim_epoch")
        .add_attribute("epoch", epoch.to_string())
        .add_attribute("recipient", info.sender)
        .add_attribute("amount", amount)
        .add_attribute("minted", minted))
}

/// Anyone, after the deadline (block time > deadline): closes an epoch. Its unclaimed amount
/// (`total - claimed`) leaves `epochs_outstanding`; the reserve, which pays epoch claims only when they
/// happen, keeps it. Errors: `UnknownEpoch`, `EpochClosed`, `EpochStillOpen`. SPEC §2, issue 12 §5.
pub fn close_epoch(deps: DepsMut, env: Env, epoch: u64) -> Result<Response, ContractError> {
    let mut record = EPOCHS
        .may_load(deps.storage, epoch)?
        .ok_or(ContractError::UnknownEpoch { epoch })?;
    if record.closed.is_some() {
        return Err(ContractError::EpochClosed { epoch });
    }
    let now = env.block.time.seconds();
    let deadline = record.deadline();
    if now <= deadline {
        return Err(ContractError::EpochStillOpen {
            epoch,
            deadline,
            now,
        });
    }
    let returned = record.total.checked_sub(record.claimed)?;
    record.closed = Some(returned);
    EPOCHS.save(deps.storage, epoch, &record)?;
    let mut totals = TOTALS.load(deps.storage)?;
    totals.epochs_outstanding = totals.epochs_outstanding.checked_sub(returned)?;
    TOTALS.save(deps.storage, &totals)?;
    Ok(Response::new()
        .add_attribute("action", "close_epoch")
        .add_attribute("epoch", epoch.to_string())
        .add_attribute("returned", returned)
        .add_attribute("reserve", totals.reserve)
        .add_attribute("epochs_outstanding", totals.epochs_outstanding))
}
