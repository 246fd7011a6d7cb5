//! footcare: patient information about the foot and calf, in the terminal.
//!
//! The data flows one way: files are read ([`source`], [`builtin`], [`folder`], [`load`]),
//! parsed into topics ([`parse`], [`markdown`], [`tiers`], [`patch`], [`topic`]), rendered as text
//! ([`render`], [`formats`], [`handout`], [`search`], [`check`]) and written out
//! ([`output`], [`pager`]). [`app`] ties each command to them; the binary is a thin shell
//! over [`app::run`]. Parsing and rendering are pure functions of strings.

pub mod app;
pub mod browser;
pub mod builtin;
pub mod check;
pub mod cli;
pub mod clinic;
pub mod complete;
pub mod date;
pub mod folder;
pub mod formats;
pub mod handout;
pub mod hints;
pub mod labels;
pub mod lang;
pub mod letters;
pub mod load;
pub mod lookup;
pub mod manual;
pub mod markdown;
pub mod output;
pub mod pager;
pub mod parse;
pub mod patch;
pub mod paths;
pub mod picture;
pub mod placeholders;
pub mod profile;
pub mod readability;
pub mod render;
pub mod sanitize;
pub mod search;
pub mod similar;
pub mod source;
pub mod template;
pub mod terminal;
pub mod tiers;
pub mod topic;
pub mod wrap;
pub mod yaml_words;
