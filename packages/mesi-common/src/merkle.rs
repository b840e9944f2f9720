//! Merkle trees with domain-separated hashing (SPEC §8 distribution epochs; the treasury's epochs,
//! SPEC §2, use the same sorted-pair approach without prefixes, see contracts/treasury/src/execute/epochs.rs).
//!
//! Leaf  = sha256(0x00 || leaf bytes)          ([`LEAF_PREFIX`])
//! Inner = sha256(0x01 || min(a, b) || max(a, b))   ([`NODE_PREFIX`]; byte-wise order, no index bits)
//!
//! A leaf can never be passed off as an inner node (or the reverse), since their preimages start with
//! different bytes. A one-leaf tree has root = leaf and an empty proof. An odd node at a level is carried
//! up unchanged (no duplication). [`tree`] builds the root and every proof (tests, off-chain builders).

use sha2::{Digest, Sha256};

/// First byte hashed into every leaf.
pub const LEAF_PREFIX: u8 = 0x00;
/// First byte hashed into every inner node.
pub const NODE_PREFIX: u8 = 0x01;

/// Why a proof could not be checked.
#[derive(Debug, PartialEq, Eq)]
pub enum ProofError {
    /// More than `max` siblings.
    TooLong { len: usize, max: usize },
    /// Sibling `index` is not 64 hex characters.
    BadElement { index: usize },
}

/// A leaf over the concatenation of `parts`, prefixed with [`LEAF_PREFIX`]. Callers make `parts`
/// unambiguous (fixed widths or length prefixes, see [`len_prefixed`]).
pub fn leaf(parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update([LEAF_PREFIX]);
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

/// `len as u16 big-endian || bytes`: an unambiguous encoding of a variable-length field (at most
/// 65,535 bytes; longer input is truncated in the length, which callers never reach with addresses).
pub fn len_prefixed(bytes: &[u8]) -> Vec<u8> {
    let len = u16::try_from(bytes.len()).unwrap_or(u16::MAX);
    let mut v = Vec::with_capacity(bytes.len() + 2);
    v.extend_from_slice(&len.to_be_bytes());
    v.extend_from_slice(bytes);
    v
}

/// The inner node over two children (sorted pair, [`NODE_PREFIX`]).
pub fn node(a: &[u8; 32], b: &[u8; 32]) -> [u8; 32] {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    let mut h = Sha256::new();
    h.update([NODE_PREFIX]);
    h.update(lo);
    h.update(hi);
    h.finalize().into()
}

/// 64 hex characters (either case) as 32 bytes.
pub fn decode32(hex_str: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    hex::decode_to_slice(hex_str, &mut out).ok()?;
    Some(out)
}

/// The root a leaf and its proof (sibling hashes, leaf to root, hex) lead to.
pub fn compute_root(leaf: [u8; 32], proof: &[String], max: usize) -> Result<[u8; 32], ProofError> {
    if proof.len() > max {
        return Err(ProofError::TooLong {
            len: proof.len(),
            max,
        });
    }
    let mut acc = leaf;
    for (index, sibling) in proof.iter().enumerate() {
        let sibling = decode32(sibling).ok_or(ProofError::BadElement { index })?;
        acc = node(&acc, &sibling);
    }
    Ok(acc)
}

/// The root of `leaves` (in the given order) and the proof of each leaf (hex siblings, leaf to root).
/// An empty list has the all-zero root and no proofs.
pub fn tree(leaves: &[[u8; 32]]) -> ([u8; 32], Vec<Vec<String>>) {
    let mut proofs: Vec<Vec<String>> = vec![vec![]; leaves.len()];
    if leaves.is_empty() {
        return ([0u8; 32], proofs);
    }
    // members[i] = the leaf indexes under node i of the current level
    let mut level: Vec<[u8; 32]> = leaves.to_vec();
    let mut members: Vec<Vec<usize>> = (0..leaves.len()).map(|i| vec![i]).collect();
    while level.len() > 1 {
        let mut next = Vec::with_capacity(level.len().div_ceil(2));
        let mut next_members = Vec::with_capacity(next.capacity());
        let mut i = 0;
        while i < level.len() {
            if i + 1 < level.len() {
                for &m in &members[i] {
                    proofs[m].push(hex::encode(level[i + 1]));
                }
                for &m in &members[i + 1] {
                    proofs[m].push(hex::encode(level[i]));
                }
                next.push(node(&level[i], &level[i + 1]));
                let mut both = std::mem::take(&mut members[i]);
                both.append(&mut members[i + 1]);
                next_members.push(both);
            } else {
                next.push(level[i]);
                next_members.push(std::mem::take(&mut members[i]));
            }
            i += 2;
        }
        level = next;
        members = next_members;
    }
    (level[0], proofs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_proof_of_a_built_tree_leads_to_its_root() {
        for n in 1..=9usize {
            let leaves: Vec<[u8; 32]> = (0..n as u8).map(|i| leaf(&[&[i]])).collect();
            let (root, proofs) = tree(&leaves);
            for (l, p) in leaves.iter().zip(&proofs) {
                assert_eq!(compute_root(*l, p, 32).unwrap(), root, "n = {n}");
            }
        }
    }

    #[test]
    fn leaves_and_nodes_are_domain_separated() {
        let a = leaf(&[b"a"]);
        let b = leaf(&[b"b"]);
        assert_eq!(node(&a, &b), node(&b, &a));
        // an inner node's preimage presented as a leaf does not give the node
        let mut inner = Vec::new();
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        inner.extend_from_slice(&lo);
        inner.extend_from_slice(&hi);
        assert_ne!(leaf(&[&inner]), node(&a, &b));
        // sha256(0x00 || "abc")
        assert_eq!(
            hex::encode(leaf(&[b"abc"])),
            "609f6e36d2405585188d5cfd761f407c7cc46a7d3f314c88270469dde315fcd1"
        );
    }

    #[test]
    fn proofs_are_bounded_and_checked() {
        let l = leaf(&[b"x"]);
        assert_eq!(compute_root(l, &[], 0).unwrap(), l);
        assert_eq!(
            compute_root(l, &vec!["00".repeat(32); 3], 2),
            Err(ProofError::TooLong { len: 3, max: 2 })
        );
        assert_eq!(
            compute_root(l, &["zz".into()], 2),
            Err(ProofError::BadElement { index: 0 })
        );
        assert_eq!(len_prefixed(b"ab"), vec![0, 2, b'a', b'b']);
    }
}
