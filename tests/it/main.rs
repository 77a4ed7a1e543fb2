//! Integration tests: one binary, a module per area.

mod cli;
mod edits;
#[cfg(feature = "gui")]
mod gui;
mod store;
mod support;
