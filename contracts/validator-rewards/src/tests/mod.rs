mod admin;
mod adversarial;
mod rules;
mod suite;
