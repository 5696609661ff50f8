//! `-v`: the library's request log (target `code42::http`, which never holds secrets) on
//! stderr; `-vv` adds everything else the library logs at debug level and below.

use log::{Level, LevelFilter, Log, Metadata, Record};

struct Stderr {
    level: Level,
}

impl Log for Stderr {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.level() <= self.level && metadata.target().starts_with("code42")
    }

    fn log(&self, record: &Record<'_>) {
        if self.enabled(record.metadata()) {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "c42: [{} {}] {}",
                record.level().as_str().to_ascii_lowercase(),
                record.target(),
                record.args()
            );
        }
    }

    fn flush(&self) {}
}

/// Installs the logger for `-v` given `verbosity` times (nothing at 0).
pub fn install(verbosity: u8) {
    let level = match verbosity {
        0 => return,
        1 => Level::Debug,
        _ => Level::Trace,
    };
    if log::set_logger(Box::leak(Box::new(Stderr { level }))).is_ok() {
        log::set_max_level(match level {
            Level::Debug => LevelFilter::Debug,
            _ => LevelFilter::Trace,
        });
    }
}
