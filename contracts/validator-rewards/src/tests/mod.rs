mod rules;
mod suite;
