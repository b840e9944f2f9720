//! Placeholder: this crate only pins the anchors (cw20-base 2.0.0, cw721-base 0.22.0); see Cargo.toml.
