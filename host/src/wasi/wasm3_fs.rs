//! The preview 1 file-system functions WASM3 0.4.7's WASI lacks, served by
//! the host for `--dir` on WASM3 (Unix only).
//!
//! WASM3's own WASI (`m3_api_wasi.c`) preopens the process's current
//! directory as fd 3 (`./`), and its `path_open` opens the path relative to
//! the current directory and hands the host's file descriptor to the guest,
//! so a guest fd is a host fd. It leaves `fd_filestat_get`, `fd_readdir`,
//! `path_filestat_get`, `path_create_directory`, `path_remove_directory` and
//! `path_unlink_file` unlinked (a module that imports them fails with
//! "missing imported function"); these serve them the same way: paths are
//! relative to the current directory, which the host made `--dir`, and must
//! be given relative to the preopen (fd 3); a path that is absolute or
//! climbs out with `..` is refused (`ENOTCAPABLE`), as is another base
//! directory (`EBADF`: WASM3's `path_open` would not honour it either).

use std::fs::Metadata;
use std::io;
use std::mem::ManuallyDrop;
use std::os::fd::FromRawFd;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Component, Path, PathBuf};

use anyhow::Result;
use wasm3::CallContext;

use super::wasm3_run::optional;

const WASI: &str = "wasi_snapshot_preview1";
/// The preopened directory's fd in WASM3's WASI.
const PREOPEN: i32 = 3;

/// WASI errno values.
mod errno {
    pub const SUCCESS: i32 = 0;
    pub const ACCES: i32 = 2;
    pub const BADF: i32 = 8;
    pub const EXIST: i32 = 20;
    pub const FAULT: i32 = 21;
    pub const INVAL: i32 = 28;
    pub const IO: i32 = 29;
    pub const ISDIR: i32 = 31;
    pub const NOENT: i32 = 44;
    pub const NOTDIR: i32 = 54;
    pub const NOTEMPTY: i32 = 55;
    pub const PERM: i32 = 63;
    pub const NOTCAPABLE: i32 = 76;
}

/// Links the six functions (a module that imports none of them is fine).
pub fn link(module: &mut wasm3::Module<'_>) -> Result<()> {
    optional(module.link_closure(WASI, "fd_filestat_get", |cc, (fd, buf): (i32, i32)| {
        Ok(match with_file(fd, |file| file.metadata()) {
            Ok(meta) => write(&cc, buf as u32, &filestat(&meta)),
            Err(err) => errno_of(&err),
        })
    }))?;
    optional(module.link_closure(
        WASI,
        "path_filestat_get",
        |cc, (fd, flags, path, len, buf): (i32, i32, i32, i32, i32)| {
            Ok(match resolve(&cc, fd, path, len) {
                Ok(path) => {
                    let meta = if flags & 1 != 0 { std::fs::metadata(path) } else { std::fs::symlink_metadata(path) };
                    match meta {
                        Ok(meta) => write(&cc, buf as u32, &filestat(&meta)),
                        Err(err) => errno_of(&err),
                    }
                }
                Err(errno) => errno,
            })
        },
    ))?;
    let ops: [(&str, PathOp); 3] = [
        ("path_create_directory", |p| std::fs::create_dir(p)),
        ("path_remove_directory", |p| std::fs::remove_dir(p)),
        ("path_unlink_file", |p| std::fs::remove_file(p)),
    ];
    for (name, op) in ops {
        optional(module.link_closure(WASI, name, move |cc, (fd, path, len): (i32, i32, i32)| {
            Ok(match resolve(&cc, fd, path, len) {
                Ok(path) => op(&path).map_or_else(|err| errno_of(&err), |()| errno::SUCCESS),
                Err(errno) => errno,
            })
        }))?;
    }
    optional(module.link_closure(
        WASI,
        "fd_readdir",
        |cc, (fd, buf, buf_len, cookie, used): (i32, i32, i32, i64, i32)| {
            let entries = match entries(fd) {
                Ok(entries) => entries,
                Err(err) => return Ok(errno_of(&err)),
            };
            // Each entry: `dirent` (next cookie, inode, name length, type;
            // 24 bytes) then the name; the buffer is filled as far as it
            // goes, the last entry cut short if need be.
            let mut bytes = Vec::new();
            for (i, (name, ino, kind)) in entries.iter().enumerate().skip(cookie.max(0) as usize) {
                bytes.extend_from_slice(&(i as u64 + 1).to_le_bytes());
                bytes.extend_from_slice(&ino.to_le_bytes());
                bytes.extend_from_slice(&(name.len() as u32).to_le_bytes());
                bytes.extend_from_slice(&[*kind, 0, 0, 0]);
                bytes.extend_from_slice(name);
                if bytes.len() >= buf_len as u32 as usize {
                    break;
                }
            }
            bytes.truncate(buf_len as u32 as usize);
            let errno = write(&cc, buf as u32, &bytes);
            if errno != errno::SUCCESS {
                return Ok(errno);
            }
            Ok(write(&cc, used as u32, &(bytes.len() as u32).to_le_bytes()))
        },
    ))?;
    Ok(())
}

/// A host operation on a path.
type PathOp = fn(&Path) -> io::Result<()>;

/// `f` on the host file behind the guest's `fd` (which stays open).
fn with_file<T>(fd: i32, f: impl FnOnce(&std::fs::File) -> io::Result<T>) -> io::Result<T> {
    if fd < PREOPEN {
        return Err(io::Error::from_raw_os_error(9)); // EBADF: stdio has no metadata here
    }
    // SAFETY: the descriptor is WASM3's, open for the guest; `ManuallyDrop`
    // leaves it open.
    let file = ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(fd) });
    f(&file)
}

/// The directory `fd` (found through `/proc/self/fd`), sorted by name, with
/// `.` and `..` first as a preview 1 `fd_readdir` lists them: each name,
/// inode and WASI file type.
fn entries(fd: i32) -> io::Result<Vec<(Vec<u8>, u64, u8)>> {
    use std::os::unix::ffi::OsStrExt;
    if fd < PREOPEN {
        return Err(io::Error::from_raw_os_error(9));
    }
    let dir = std::fs::read_link(format!("/proc/self/fd/{fd}"))?;
    let meta = std::fs::metadata(&dir)?;
    let parent = std::fs::metadata(dir.join("..")).unwrap_or_else(|_| meta.clone());
    let mut out = vec![(b".".to_vec(), meta.ino(), 3), (b"..".to_vec(), parent.ino(), 3)];
    let mut children = Vec::new();
    for entry in std::fs::read_dir(&dir)? {
        let entry = entry?;
        let meta = entry.path().symlink_metadata()?;
        children.push((entry.file_name().as_bytes().to_vec(), meta.ino(), file_type(&meta)));
    }
    children.sort();
    out.extend(children);
    Ok(out)
}

/// The guest's path (`len` bytes at `ptr`) as a host path relative to the
/// current directory, or the errno that refuses it.
fn resolve(cc: &CallContext<'_>, fd: i32, ptr: i32, len: i32) -> Result<PathBuf, i32> {
    if fd != PREOPEN {
        return Err(errno::BADF);
    }
    // SAFETY: the memory is not resized while this host function runs.
    let memory = unsafe { &*cc.memory() };
    let start = ptr as u32 as usize;
    let bytes = start.checked_add(len as u32 as usize).and_then(|end| memory.get(start..end)).ok_or(errno::FAULT)?;
    let text = std::str::from_utf8(bytes).map_err(|_| errno::INVAL)?;
    let path = Path::new(text);
    if path.components().any(|c| !matches!(c, Component::Normal(_) | Component::CurDir)) {
        return Err(errno::NOTCAPABLE);
    }
    Ok(Path::new(".").join(path))
}

/// A WASI `filestat` (64 bytes).
fn filestat(meta: &Metadata) -> [u8; 64] {
    let mut out = [0u8; 64];
    let nanos = |secs: i64, nsec: i64| (secs as u64).wrapping_mul(1_000_000_000).wrapping_add(nsec as u64);
    out[0..8].copy_from_slice(&meta.dev().to_le_bytes());
    out[8..16].copy_from_slice(&meta.ino().to_le_bytes());
    out[16] = file_type(meta);
    out[24..32].copy_from_slice(&meta.nlink().to_le_bytes());
    out[32..40].copy_from_slice(&meta.size().to_le_bytes());
    out[40..48].copy_from_slice(&nanos(meta.atime(), meta.atime_nsec()).to_le_bytes());
    out[48..56].copy_from_slice(&nanos(meta.mtime(), meta.mtime_nsec()).to_le_bytes());
    out[56..64].copy_from_slice(&nanos(meta.ctime(), meta.ctime_nsec()).to_le_bytes());
    out
}

/// WASI's `filetype`.
fn file_type(meta: &Metadata) -> u8 {
    let kind = meta.file_type();
    match () {
        _ if kind.is_dir() => 3,
        _ if kind.is_file() => 4,
        _ if kind.is_symlink() => 7,
        _ if kind.is_block_device() => 1,
        _ if kind.is_char_device() => 2,
        _ if kind.is_socket() => 6,
        _ => 0,
    }
}

/// Writes `bytes` into the guest's memory at `addr`; `EFAULT` if out of bounds.
fn write(cc: &CallContext<'_>, addr: u32, bytes: &[u8]) -> i32 {
    // SAFETY: the memory is not resized while this host function runs.
    let memory = unsafe { &mut *cc.memory_mut() };
    let start = addr as usize;
    match start.checked_add(bytes.len()).and_then(|end| memory.get_mut(start..end)) {
        Some(dst) => {
            dst.copy_from_slice(bytes);
            errno::SUCCESS
        }
        None => errno::FAULT,
    }
}

/// WASI's errno for a host error.
fn errno_of(err: &io::Error) -> i32 {
    match err.kind() {
        io::ErrorKind::NotFound => errno::NOENT,
        io::ErrorKind::AlreadyExists => errno::EXIST,
        io::ErrorKind::DirectoryNotEmpty => errno::NOTEMPTY,
        io::ErrorKind::NotADirectory => errno::NOTDIR,
        io::ErrorKind::IsADirectory => errno::ISDIR,
        io::ErrorKind::PermissionDenied if err.raw_os_error() == Some(1) => errno::PERM,
        io::ErrorKind::PermissionDenied => errno::ACCES,
        io::ErrorKind::InvalidInput => errno::INVAL,
        _ if err.raw_os_error() == Some(9) => errno::BADF,
        _ => errno::IO,
    }
}
