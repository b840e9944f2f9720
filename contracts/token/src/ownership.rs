//! Two-step ownership with cw-ownable 2.1's messages, errors and semantics (`Action`,
//! `Ownership`, `OwnershipError`: propose with an optional expiry, accept, renounce), stored as a
//! compact binary record instead of JSON (the JSON `Item<Ownership>` costs ~9 KB of wasm).

use cosmwasm_std::{Addr, Api, BlockInfo, StdError, StdResult, Storage, Timestamp};
use cw_ownable::{Action, Expiration, Ownership, OwnershipError};

use crate::account::{put, put_str, Reader};

const KEY: &[u8] = b"ow";

pub fn load(storage: &dyn Storage) -> StdResult<Ownership<Addr>> {
    let raw = storage
        .get(KEY)
        .ok_or_else(|| StdError::not_found("ownership"))?;
    let mut r = Reader { buf: &raw, pos: 0 };
    let flags = r.byte()?;
    let owner = if flags & 1 != 0 {
        Some(Addr::unchecked(r.string()?))
    } else {
        None
    };
    let pending_owner = if flags & 2 != 0 {
        Some(Addr::unchecked(r.string()?))
    } else {
        None
    };
    let pending_expiry = if flags & 4 != 0 {
        let tag = r.byte()?;
        let v = r.int64()?;
        Some(match tag {
            0 => Expiration::AtHeight(v),
            1 => Expiration::AtTime(Timestamp::from_nanos(v)),
            _ => Expiration::Never {},
        })
    } else {
        None
    };
    Ok(Ownership {
        owner,
        pending_owner,
        pending_expiry,
    })
}

fn save(storage: &mut dyn Storage, o: &Ownership<Addr>) {
    let mut out = Vec::with_capacity(160);
    let flags = o.owner.is_some() as u8
        | (o.pending_owner.is_some() as u8) << 1
        | (o.pending_expiry.is_some() as u8) << 2;
    out.push(flags);
    if let Some(a) = &o.owner {
        put_str(&mut out, a.as_str());
    }
    if let Some(a) = &o.pending_owner {
        put_str(&mut out, a.as_str());
    }
    if let Some(e) = &o.pending_expiry {
        let (tag, v) = match e {
            Expiration::AtHeight(h) => (0, *h),
            Expiration::AtTime(t) => (1, t.nanos()),
            Expiration::Never {} => (2, 0),
        };
        out.push(tag);
        put(&mut out, v as u128);
    }
    storage.set(KEY, &out);
}

pub fn initialize(storage: &mut dyn Storage, api: &dyn Api, owner: &str) -> StdResult<()> {
    let o = Ownership {
        owner: Some(api.addr_validate(owner)?),
        pending_owner: None,
        pending_expiry: None,
    };
    save(storage, &o);
    Ok(())
}

fn check_owner(o: &Ownership<Addr>, sender: &Addr) -> Result<(), OwnershipError> {
    match &o.owner {
        None => Err(OwnershipError::NoOwner),
        Some(owner) if owner != sender => Err(OwnershipError::NotOwner),
        Some(_) => Ok(()),
    }
}

pub fn assert_owner(storage: &dyn Storage, sender: &Addr) -> Result<(), OwnershipError> {
    check_owner(&load(storage)?, sender)
}

pub fn update(
    storage: &mut dyn Storage,
    api: &dyn Api,
    block: &BlockInfo,
    sender: &Addr,
    action: Action,
) -> Result<Ownership<Addr>, OwnershipError> {
    let o = load(storage)?;
    let new = match action {
        Action::TransferOwnership { new_owner, expiry } => {
            check_owner(&o, sender)?;
            Ownership {
                pending_owner: Some(api.addr_validate(&new_owner)?),
                pending_expiry: expiry,
                ..o
            }
        }
        Action::AcceptOwnership => {
            let pending = o
                .pending_owner
                .as_ref()
                .ok_or(OwnershipError::TransferNotFound)?;
            if sender != pending {
                return Err(OwnershipError::NotPendingOwner);
            }
            if let Some(e) = &o.pending_expiry {
                if e.is_expired(block) {
                    return Err(OwnershipError::TransferExpired);
                }
            }
            Ownership {
                owner: o.pending_owner,
                pending_owner: None,
                pending_expiry: None,
            }
        }
        Action::RenounceOwnership => {
            check_owner(&o, sender)?;
            Ownership {
                owner: None,
                pending_owner: None,
                pending_expiry: None,
            }
        }
    };
    save(storage, &new);
    Ok(new)
}
