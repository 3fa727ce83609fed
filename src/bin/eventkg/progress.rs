//! A spinner on stderr for work that takes more than a second, or a bar over files, and only
//! where stderr is a terminal: scripts and pipes see nothing.

use std::io::{IsTerminal, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

use eventkg::io::GraphFileReader;
use indicatif::{ProgressBar, ProgressBarIter, ProgressStyle};

/// A spinner or a bar that appears after a second, until it is dropped.
pub struct Progress {
    done: Arc<AtomicBool>,
    bar: Option<ProgressBar>,
}

impl Progress {
    /// A spinner.
    pub fn start(message: impl Into<String>) -> Progress {
        Progress::after_a_second(None, message.into(), "{spinner} {msg} ({elapsed})")
    }

    /// A bar over `total` files, which a reader built by [`Progress::reader`] moves on; only
    /// for more than one file.
    pub fn files(total: usize, message: &str) -> Progress {
        Progress::after_a_second(
            Some(total).filter(|&n| n > 1),
            message.to_owned(),
            "{msg} {wide_bar} {pos}/{len} files ({elapsed}, {eta} left)",
        )
    }

    /// A bar over `total` bytes, moved on by [`Progress::set_position`].
    pub fn bytes(total: u64, message: &str) -> Progress {
        Progress::after_a_second(
            Some(total as usize),
            message.to_owned(),
            "{msg} {wide_bar} {bytes}/{total_bytes} ({elapsed}, {eta} left)",
        )
    }

    /// Moves the bar to `position`.
    pub fn set_position(&self, position: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(position);
        }
    }

    fn after_a_second(length: Option<usize>, message: String, template: &str) -> Progress {
        let done = Arc::new(AtomicBool::new(false));
        if !std::io::stderr().is_terminal() {
            return Progress { done, bar: None };
        }
        let bar = ProgressBar::hidden();
        if let Some(length) = length {
            bar.set_length(length as u64);
        }
        bar.set_message(message);
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        let (flag, shown) = (Arc::clone(&done), bar.clone());
        thread::spawn(move || {
            thread::sleep(Duration::from_secs(1));
            if !flag.load(Ordering::SeqCst) {
                shown.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(120));
            }
        });
        Progress {
            done,
            bar: Some(bar),
        }
    }

    /// `input`, moving this bar on by the bytes read from it (a hidden bar where none is
    /// shown).
    pub fn read<R: Read>(&self, input: R) -> ProgressBarIter<R> {
        self.bar
            .clone()
            .unwrap_or_else(ProgressBar::hidden)
            .wrap_read(input)
    }

    /// `reader`, moving this bar on by one as each file is read in.
    pub fn reader(&self, reader: &GraphFileReader) -> GraphFileReader {
        match &self.bar {
            Some(bar) => {
                let bar = bar.clone();
                reader.clone().with_progress(move |_| bar.inc(1))
            }
            None => reader.clone(),
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.done.store(true, Ordering::SeqCst);
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
