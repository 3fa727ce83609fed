//! A writer that only counts bytes, so that exports are timed without the cost of keeping
//! their text.

use std::io::{self, Write};

/// Counts the bytes written to it.
pub struct Counter(pub u64);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
