use super::suite::*;
use mesi_testing::M;

#[test]
fn a_tip_is_split_and_the_books_balance() {
    let mut r = rev();
    r.tip("bob", "alice", 10 * M).unwrap();
    assert_eq!(r.balance("alice"), 9 * M);
    r.assert_books();
}
