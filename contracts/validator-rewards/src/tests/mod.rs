mod admin;
mod adversarial;
mod invariants;
mod o1;
mod rules;
mod suite;
