//! The integration tests, in one binary so typst is linked once.

#![allow(dead_code)]

mod aggregate;
mod bad_inputs;
mod batch;
mod check;
mod check_hazards;
mod cli;
mod common;
mod drafting;
mod escaping;
mod fonts;
mod fuzz;
mod geometry;
mod grid;
mod hostile;
mod hostile_fuzz;
mod hostile_markup;
mod html;
mod import;
mod import_places;
mod layout;
mod load;
mod page;
mod pdf;
mod review;
mod structure;
mod unseen;
mod word;
