pub mod dot_check;
pub mod seed;
pub mod story;
pub mod xml;
