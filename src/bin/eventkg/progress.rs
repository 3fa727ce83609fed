//! A spinner on stderr for work that takes more than a second, and only where stderr is a
//! terminal: scripts and pipes see nothing.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

/// A spinner that appears after a second, until it is dropped.
pub struct Progress {
    done: Arc<AtomicBool>,
    bar: Option<ProgressBar>,
}

impl Progress {
    pub fn start(message: impl Into<String>) -> Progress {
        let done = Arc::new(AtomicBool::new(false));
        if !std::io::stderr().is_terminal() {
            return Progress { done, bar: None };
        }
        let bar = ProgressBar::hidden();
        bar.set_message(message.into());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
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
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.done.store(true, Ordering::SeqCst);
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
