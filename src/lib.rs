//! footcare: patient information about the foot and calf, in the terminal.
//!
//! The binary is a thin shell over [`app::run`]. Parsing ([`parse`], [`markdown`]) and
//! rendering ([`render`]) are pure; reading files is confined to [`content`] and writing
//! output to [`app`].

pub mod app;
mod binary;
pub mod check;
pub mod cli;
pub mod content;
pub mod date;
pub mod entry;
pub mod formats;
pub mod handout;
pub mod index;
pub mod lookup;
pub mod manual;
pub mod markdown;
pub mod output;
pub mod pager;
pub mod parallel;
pub mod parse;
pub mod paths;
// build.rs compiles this module too, and only it encodes; the tests check both halves.
#[cfg_attr(not(test), allow(dead_code))]
mod precompiled;
pub mod readability;
pub mod render;
pub mod sanitize;
pub mod search;
mod simple_yaml;
pub mod template;
pub mod topic;
