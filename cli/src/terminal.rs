//! Ctrl-C under burn-train's dashboard. The dashboard puts the terminal in raw mode, where Ctrl-C
//! is only a key (which it ignores) instead of the signal `sw2` stops on; while a run shows the
//! dashboard, this turns the terminal's signal keys back on whenever they are off, so Ctrl-C
//! still stops the run after the next checkpoint. The dashboard restores the terminal as it
//! found it when it closes.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Keeps Ctrl-C a signal until `running` turns false.
#[cfg(unix)]
pub fn keep_ctrl_c(running: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        while running.load(Ordering::SeqCst) {
            // SAFETY: tcgetattr/tcsetattr on standard input with a termios we own; a failure (not
            // a terminal) leaves everything as it was.
            unsafe {
                let mut attrs: libc::termios = std::mem::zeroed();
                if libc::tcgetattr(libc::STDIN_FILENO, &mut attrs) == 0 && attrs.c_lflag & libc::ISIG == 0 {
                    attrs.c_lflag |= libc::ISIG;
                    libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &attrs);
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    });
}

/// Elsewhere the console delivers Ctrl-C as a signal already.
#[cfg(not(unix))]
pub fn keep_ctrl_c(_running: Arc<AtomicBool>) {}
