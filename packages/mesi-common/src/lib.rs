//! Helpers every Mesi contract shares: the cross-contract calls ([`interface`]), Merkle proofs with
//! domain-separated hashing ([`merkle`]), the migration guard and pagination bounds.

pub mod interface;
pub mod merkle;
pub mod sweep;

use cosmwasm_std::{StdError, Storage};
use thiserror::Error;

/// Page size when a query gives no `limit`.
pub const DEFAULT_LIMIT: u32 = 10;
/// Largest page any list query returns, whatever `limit` asks for.
pub const MAX_LIMIT: u32 = 100;

/// The number of items a paginated query returns: `limit` bounded by [`MAX_LIMIT`].
pub fn page_limit(limit: Option<u32>) -> usize {
    limit.unwrap_or(DEFAULT_LIMIT).min(MAX_LIMIT) as usize
}

#[derive(Error, Debug, PartialEq)]
pub enum MigrateError {
    #[error("{0}")]
    Std(#[from] StdError),

    #[error("cannot migrate from contract {found} to {expected}")]
    WrongContract { expected: String, found: String },

    #[error("cannot migrate from version {stored} to older version {new}")]
    Downgrade { stored: String, new: String },

    #[error("invalid semantic version: {version}")]
    InvalidVersion { version: String },
}

fn parse(version: &str) -> Result<semver::Version, MigrateError> {
    semver::Version::parse(version).map_err(|_| MigrateError::InvalidVersion {
        version: version.to_string(),
    })
}

/// Checks the cw2 record before a migration: same contract name, no downgrade.
/// Writes the new version on success and returns the version migrated from.
pub fn migrate_version(
    storage: &mut dyn Storage,
    contract_name: &str,
    new_version: &str,
) -> Result<String, MigrateError> {
    let stored = cw2::get_contract_version(storage)?;
    if stored.contract != contract_name {
        return Err(MigrateError::WrongContract {
            expected: contract_name.to_string(),
            found: stored.contract,
        });
    }
    if parse(&stored.version)? > parse(new_version)? {
        return Err(MigrateError::Downgrade {
            stored: stored.version,
            new: new_version.to_string(),
        });
    }
    cw2::set_contract_version(storage, contract_name, new_version)?;
    Ok(stored.version)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cosmwasm_std::testing::MockStorage;

    #[test]
    fn page_limit_is_bounded() {
        assert_eq!(page_limit(None), DEFAULT_LIMIT as usize);
        assert_eq!(page_limit(Some(3)), 3);
        assert_eq!(page_limit(Some(u32::MAX)), MAX_LIMIT as usize);
    }

    #[test]
    fn migrate_refuses_foreign_contract_and_downgrade() {
        let mut store = MockStorage::new();
        cw2::set_contract_version(&mut store, "crates.io:mesi-token", "0.2.0").unwrap();
        assert_eq!(
            migrate_version(&mut store, "crates.io:cw20-base", "0.3.0"),
            Err(MigrateError::WrongContract {
                expected: "crates.io:cw20-base".into(),
                found: "crates.io:mesi-token".into()
            })
        );
        assert_eq!(
            migrate_version(&mut store, "crates.io:mesi-token", "0.1.0"),
            Err(MigrateError::Downgrade {
                stored: "0.2.0".into(),
                new: "0.1.0".into()
            })
        );
        assert_eq!(
            migrate_version(&mut store, "crates.io:mesi-token", "0.2.1"),
            Ok("0.2.0".to_string())
        );
        assert_eq!(
            cw2::get_contract_version(&store).unwrap().version,
            "0.2.1".to_string()
        );
    }
}
