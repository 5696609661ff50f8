//! Files c42 writes (outputs, exports, downloads, cursors, `--failed` lists): checked before
//! the first request, written to a temporary file in the target's folder and renamed over the
//! target, so an existing file survives any failure and no reader sees half a file.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use tempfile::TempPath;

use crate::exit::{Usage, usage};

/// Checks that `path` can be a file c42 writes: its folder exists and is a folder, the path is
/// not a folder, and the folder takes a new file. `what` names it in messages (`output`,
/// `cursor file`).
pub fn check_target(path: &Path, what: &str) -> Result<()> {
    if path.as_os_str().is_empty() {
        bail!(usage(format!("the {what} path is empty")));
    }
    if path.is_dir() {
        bail!(usage(format!("{what} {} is a folder", path.display())));
    }
    let folder = folder_of(path);
    match fs::metadata(&folder) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => bail!(usage(format!(
            "{what} {}: {} is not a folder",
            path.display(),
            folder.display()
        ))),
        Err(e) => {
            return Err(e).context(Usage(format!(
                "{what} {}: its folder {} cannot be used",
                path.display(),
                folder.display()
            )));
        }
    }
    Ok(())
}

/// The folder a file goes in (`.` for a bare name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A temporary file beside `target`.
fn temp_beside(target: &Path, what: &str) -> Result<(File, TempPath)> {
    let folder = folder_of(target);
    let temp = tempfile::Builder::new()
        .prefix(".c42-")
        .suffix(".tmp")
        .tempfile_in(&folder)
        .with_context(|| {
            format!(
                "creating a temporary file in {} for the {what} {}",
                folder.display(),
                target.display()
            )
        })?;
    Ok(temp.into_parts())
}

/// Renames `temp` over `target`, keeping the target's permissions if it existed.
fn rename_over(temp: TempPath, target: &Path, what: &str) -> Result<()> {
    if let Ok(meta) = fs::metadata(target) {
        let _ = fs::set_permissions(&temp, meta.permissions());
    }
    temp.persist(target)
        .map_err(|e| e.error)
        .with_context(|| format!("renaming the {what} into place as {}", target.display()))
}

/// A file written through a temporary file and renamed into place by [`AtomicFile::commit`];
/// dropped uncommitted, the temporary file is removed and the target is left as it was.
pub struct AtomicFile {
    target: PathBuf,
    what: &'static str,
    temp: Option<TempPath>,
    out: BufWriter<File>,
}

impl AtomicFile {
    /// Checks `target` and opens a temporary file beside it (before any request).
    pub fn create(target: &Path, what: &'static str) -> Result<AtomicFile> {
        check_target(target, what)?;
        let (file, temp) = temp_beside(target, what)?;
        Ok(AtomicFile {
            target: target.to_path_buf(),
            what,
            temp: Some(temp),
            out: BufWriter::with_capacity(64 * 1024, file),
        })
    }

    /// The target path.
    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Writes out what is buffered and renames the file into place; later writes go on into
    /// the same file (under its new name). Idempotent.
    pub fn commit(&mut self) -> Result<()> {
        self.flush()
            .with_context(|| format!("writing the {} {}", self.what, self.target.display()))?;
        if let Some(temp) = self.temp.take() {
            rename_over(temp, &self.target, self.what)?;
        }
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        // Whole writes: a process killed between items leaves whole items in the file.
        self.out.write_all(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Where a command's main output goes: stdout, or a file (`-o FILE`).
pub enum Output {
    /// Standard output.
    Stdout(io::StdoutLock<'static>),
    /// `-o FILE`.
    File(AtomicFile),
}

impl Output {
    /// `-o` as given: `None` or `-` is stdout; a file is checked and opened before any request.
    pub fn open(path: Option<&Path>) -> Result<Output> {
        match path {
            None => Ok(Output::Stdout(io::stdout().lock())),
            Some(p) if p.as_os_str() == "-" => Ok(Output::Stdout(io::stdout().lock())),
            Some(p) => Ok(Output::File(AtomicFile::create(p, "output")?)),
        }
    }

    /// Whether it is stdout.
    pub fn is_stdout(&self) -> bool {
        matches!(self, Output::Stdout(_))
    }

    /// Writes out everything so far; a file is renamed into place (kept from then on).
    pub fn commit(&mut self) -> Result<()> {
        match self {
            Output::Stdout(out) => out.flush().context("writing to stdout"),
            Output::File(file) => file.commit(),
        }
    }

    /// What it is, for messages.
    pub fn describe(&self) -> String {
        match self {
            Output::Stdout(_) => "stdout".to_owned(),
            Output::File(file) => file.target().display().to_string(),
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(out) => out.write(buf),
            Output::File(file) => file.write(buf),
        }
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Output::Stdout(out) => out.write_all(buf),
            Output::File(file) => file.write_all(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(out) => out.flush(),
            Output::File(file) => file.flush(),
        }
    }
}

/// Writes `bytes` to `target` at once through a temporary file (cursor files).
pub fn write_atomically(target: &Path, bytes: &[u8], what: &'static str) -> Result<()> {
    let (mut file, temp) = temp_beside(target, what)?;
    file.write_all(bytes)
        .and_then(|()| file.flush())
        .with_context(|| format!("writing the {what} {}", target.display()))?;
    drop(file);
    rename_over(temp, target, what)
}

/// A cursor file: read before the first request, saved atomically at most about once a second
/// ([`CursorFile::due`]) and at the end.
pub struct CursorFile {
    path: PathBuf,
    last_save: Option<Instant>,
    every: Duration,
}

impl CursorFile {
    /// How often a cursor is rewritten while items are written.
    pub const EVERY: Duration = Duration::from_secs(1);

    /// Checks the path (its folder exists and takes files; it is not a folder) and reads what
    /// it holds, if it exists.
    pub fn open(path: &Path) -> Result<(CursorFile, Option<String>)> {
        check_target(path, "cursor file")?;
        // The folder takes new files (the first save must not fail after items were written).
        drop(temp_beside(path, "cursor file")?);
        let text = match fs::read_to_string(path) {
            Ok(text) => Some(text),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(e)
                    .with_context(|| format!("reading the cursor file {}", path.display()));
            }
        };
        Ok((
            CursorFile {
                path: path.to_path_buf(),
                last_save: None,
                every: Self::EVERY,
            },
            text,
        ))
    }

    /// The path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether a save is due (the first one is due at once).
    pub fn due(&self) -> bool {
        self.last_save.is_none_or(|at| at.elapsed() >= self.every)
    }

    /// Saves `text` atomically.
    pub fn save(&mut self, text: &str) -> Result<()> {
        write_atomically(&self.path, text.as_bytes(), "cursor file")?;
        self.last_save = Some(Instant::now());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_uncommitted_file_leaves_the_target_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.csv");
        fs::write(&target, "old").unwrap();
        let mut file = AtomicFile::create(&target, "output").unwrap();
        file.write_all(b"new").unwrap();
        drop(file);
        assert_eq!(fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );

        let mut file = AtomicFile::create(&target, "output").unwrap();
        file.write_all(b"new").unwrap();
        file.commit().unwrap();
        file.write_all(b" and more").unwrap();
        file.commit().unwrap();
        drop(file);
        assert_eq!(fs::read_to_string(&target).unwrap(), "new and more");
    }

    #[test]
    fn bad_targets_are_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        assert!(check_target(dir.path(), "output").is_err());
        assert!(check_target(&dir.path().join("missing/x.json"), "output").is_err());
        let file = dir.path().join("f");
        fs::write(&file, "").unwrap();
        assert!(check_target(&file.join("x.json"), "output").is_err());
        assert!(check_target(&dir.path().join("ok.json"), "output").is_ok());
    }
}
