mod adversarial;
mod identity;
mod invariant;
mod o1;
mod revenue;
mod rules;
mod suite;
mod sweep;
