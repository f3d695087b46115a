//! Writing a linked module to its file, atomically: either the whole new
//! module is at `path`, or `path` is exactly as it was.
//!
//! The bytes go to a temporary file in the destination's directory
//! ([`tempfile::NamedTempFile`]), which is flushed to disk and then renamed
//! over `path` (`persist`): a rename within one directory is atomic, so a
//! reader never sees half a module, and a failure (a full disk, a killed
//! process) leaves at most the temporary file, which `tempfile` removes
//! when it can.
//!
//! - A symbolic link is followed: the file it points to is replaced and the
//!   link itself stays (`out.wasm -> build/out.wasm` writes
//!   `build/out.wasm`).
//! - An existing file keeps its permissions; a new one gets the ones
//!   `std::fs::write` would give it.
//! - Anything at `path` that is not a regular file (a directory, a FIFO, a
//!   character device such as `/dev/null`) is refused: renaming over it
//!   would replace it, or fail, rather than write into it. That is judged
//!   by the kernel's own resolution of `path`, so a link to
//!   `/proc/self/fd/1` is whatever standard output is (a pipe, a terminal).
//! - A directory that does not exist is not created: the error says which
//!   one is missing (never the temporary file's name), in terms of `path`
//!   and, when `path` is a link, where it points.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically (see the [module](self) docs).
/// Errors describe the problem without naming `path`, so the caller can
/// say `` cannot write `out.wasm`: ... ``.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let (target, existing) = destination(path)?;
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".wasmer-link-").suffix(".tmp");
    #[cfg(unix)]
    if existing.is_none() {
        // Like `std::fs::write`: 0o666 less the umask (tempfile's default is
        // 0o600, private to the owner).
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut file = builder.tempfile_in(dir).map_err(|err| {
        // `tempfile` names its temporary file in the message (`... at path
        // "dir/.wasmer-link-XXXX.tmp"`): the user knows nothing of it.
        let why = err.to_string();
        let why = why.split(" at path ").next().unwrap_or_default();
        io::Error::new(err.kind(), format!("cannot create a file in the directory `{}`: {why}", dir.display()))
    })?;
    if let Some(permissions) = existing {
        file.as_file().set_permissions(permissions)?;
    }
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(&target).map_err(|err| err.error)?;
    Ok(())
}

/// Whether [`write_atomically`] would refuse `path` before writing anything
/// (it is a directory, a FIFO, a device, ...), so that a caller can say so
/// before doing the work whose result it would write.
pub fn check_destination(path: &Path) -> io::Result<()> {
    destination(path).map(|_| ())
}

/// The file to replace (`path` with its links followed) and, if it exists,
/// its permissions.
fn destination(path: &Path) -> io::Result<(PathBuf, Option<std::fs::Permissions>)> {
    let (target, first_hop) = resolve_links(path)?;
    // "it is a symbolic link to `x`, " where `path` is one.
    let via =
        first_hop.as_ref().map_or_else(String::new, |to| format!("it is a symbolic link to `{}`, ", to.display()));
    // The kernel's resolution first: `/proc/self/fd/1` and its kind are only
    // known to it (reading the link gives `pipe:[1234]` or `/dev/pts/0`).
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => return Ok((target, Some(meta.permissions()))),
        Ok(meta) => return Err(not_a_file(&meta, &via)),
        // Missing, or under something that is not a directory: said below.
        Err(err) if matches!(err.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) => {}
        Err(err) => return Err(err),
    }
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let and = if via.is_empty() { String::new() } else { format!("{via}and ") };
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => Ok((target, None)),
        Ok(_) => Err(io::Error::new(
            io::ErrorKind::NotADirectory,
            format!("{and}`{}` is not a directory, so no file can be created in it", dir.display()),
        )),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Err(io::Error::new(
            io::ErrorKind::NotFound,
            format!(
                "{and}the directory `{}` does not exist: create it first, or write the output elsewhere",
                dir.display()
            ),
        )),
        Err(err) => {
            Err(io::Error::new(err.kind(), format!("{and}the directory `{}` cannot be read: {err}", dir.display())))
        }
    }
}

/// `path`, or the file its chain of symbolic links ends at (which need not
/// exist yet), and where `path` itself points if it is a link.
fn resolve_links(path: &Path) -> io::Result<(PathBuf, Option<PathBuf>)> {
    let mut path = path.to_path_buf();
    let mut first_hop = None;
    // As many links as Linux follows before it gives up (`ELOOP`).
    for _ in 0..40 {
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let to = std::fs::read_link(&path)?;
                path = match path.parent() {
                    Some(dir) => dir.join(to),
                    None => to,
                };
                first_hop.get_or_insert_with(|| path.clone());
            }
            Ok(_) => return Ok((path, first_hop)),
            Err(err) if matches!(err.kind(), io::ErrorKind::NotFound | io::ErrorKind::NotADirectory) => {
                return Ok((path, first_hop))
            }
            Err(err) => return Err(err),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// `via` is "it is a symbolic link to `x`, " when the path is one.
fn not_a_file(meta: &std::fs::Metadata, via: &str) -> io::Error {
    let what = if meta.is_dir() { "a directory" } else { special_kind(meta) };
    let it = if via.is_empty() { "it is".to_string() } else { format!("{via}which is") };
    io::Error::other(format!(
        "{it} {what}, not a regular file: the output is written to a new file and renamed into place, which would replace it"
    ))
}

#[cfg(unix)]
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::Metadata) -> &'static str {
    "a special file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replaces_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.wasm");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["out.wasm"]);
    }

    #[cfg(unix)]
    #[test]
    fn keeps_an_existing_files_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.wasm");
        std::fs::write(&path, b"old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
    }

    #[test]
    fn a_missing_directory_is_named_and_nothing_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("build");
        let err = write_atomically(&missing.join("out.wasm"), b"x").unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "the directory `{}` does not exist: create it first, or write the output elsewhere",
                missing.display()
            )
        );
        let file = dir.path().join("file");
        std::fs::write(&file, b"").unwrap();
        let err = write_atomically(&file.join("out.wasm"), b"x").unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("`{}` is not a directory, so no file can be created in it", file.display())
        );
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["file"]);
    }

    #[test]
    fn refuses_a_directory() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomically(dir.path(), b"x").unwrap_err();
        assert!(err.to_string().starts_with("it is a directory, not a regular file"), "{err}");
    }
}
