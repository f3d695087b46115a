//! The preview 1 file functions WASM3 0.4.7's own WASI lacks, for a linked
//! module that uses files on WASM3.
//!
//! WASM3's WASI (`m3_api_wasi.c`) implements `path_open`, `fd_read`,
//! `fd_write`, `fd_seek`, `fd_close` and the preopen queries, and hands the
//! guest the host's own file descriptors (its preopen, fd 3, is the
//! current directory opened at link time). It has no `fd_filestat_get`,
//! `fd_readdir`, `path_filestat_get`, `path_create_directory`, ...: a
//! module importing them links, and traps at the first call. This module
//! links them, in WASM3's own model (a WASI fd is the host's fd), on the
//! POSIX calls they name: `fstat`, `fstatat`, `ftruncate`, `fsync`,
//! `mkdirat`, `unlinkat`, `renameat`, `linkat`, `readlinkat`, and
//! `fdopendir`/`readdir` with `telldir` cookies. Host errnos become WASI's
//! ([`errno`]). Unix only, as WASM3's own functions are.

use std::ffi::CString;

use anyhow::Result;
use wasm3::error::Trap;
use wasm3::{CallContext, Module};

use super::wasm3_run::{optional, write_all, EFAULT, ESUCCESS, WASI};

const EINVAL: i32 = 28;
const EIO: i32 = 29;

/// A WASI errno for the host's `errno` of the last call.
fn errno() -> i32 {
    let e = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
    match e {
        libc::EPERM => 63,
        libc::ENOENT => 44,
        libc::EIO => EIO,
        libc::EBADF => 8,
        libc::EACCES => 2,
        libc::EBUSY => 10,
        libc::EEXIST => 20,
        libc::EXDEV => 75,
        libc::ENOTDIR => 54,
        libc::EISDIR => 31,
        libc::EINVAL => EINVAL,
        libc::EMFILE => 33,
        libc::EFBIG => 22,
        libc::ENOSPC => 51,
        libc::EROFS => 69,
        libc::EMLINK => 34,
        libc::ENAMETOOLONG => 37,
        libc::ENOSYS => 52,
        libc::ENOTEMPTY => 55,
        libc::ELOOP => 32,
        _ => EIO,
    }
}

fn memory<'a>(cc: &'a CallContext<'_>) -> &'a [u8] {
    // SAFETY: the memory is not resized while a host function runs.
    unsafe { &*cc.memory_mut() }
}

/// The guest's path `[ptr, ptr + len)`, NUL-terminated; `Err(errno)` when
/// it is out of bounds or holds a NUL.
fn path(cc: &CallContext<'_>, ptr: i32, len: i32) -> Result<CString, i32> {
    let (start, len) = (ptr as u32 as usize, len as u32 as usize);
    let bytes = start.checked_add(len).and_then(|end| memory(cc).get(start..end)).ok_or(EFAULT)?;
    CString::new(bytes).map_err(|_| EINVAL)
}

/// 0, or the WASI errno, of a POSIX call's return value.
fn status(ret: libc::c_int) -> i32 {
    if ret < 0 {
        errno()
    } else {
        ESUCCESS
    }
}

fn filetype(mode: libc::mode_t) -> u8 {
    match mode & libc::S_IFMT {
        libc::S_IFBLK => 1,
        libc::S_IFCHR => 2,
        libc::S_IFDIR => 3,
        libc::S_IFREG => 4,
        libc::S_IFSOCK => 6,
        libc::S_IFLNK => 7,
        _ => 0,
    }
}

/// Preview 1's `filestat` (64 bytes) of a host `stat` (whose field types
/// differ between platforms, hence the casts).
#[allow(clippy::unnecessary_cast)]
fn filestat(st: &libc::stat) -> [u8; 64] {
    let mut out = [0u8; 64];
    let ns = |s: i64, n: i64| (s as u64).wrapping_mul(1_000_000_000).wrapping_add(n as u64);
    out[0..8].copy_from_slice(&(st.st_dev as u64).to_le_bytes());
    out[8..16].copy_from_slice(&(st.st_ino as u64).to_le_bytes());
    out[16] = filetype(st.st_mode);
    out[24..32].copy_from_slice(&(st.st_nlink as u64).to_le_bytes());
    out[32..40].copy_from_slice(&(st.st_size as u64).to_le_bytes());
    out[40..48].copy_from_slice(&ns(st.st_atime, st.st_atime_nsec).to_le_bytes());
    out[48..56].copy_from_slice(&ns(st.st_mtime, st.st_mtime_nsec).to_le_bytes());
    out[56..64].copy_from_slice(&ns(st.st_ctime, st.st_ctime_nsec).to_le_bytes());
    out
}

/// Links the file functions WASM3 lacks (each only if the module imports
/// it).
pub fn link(module: &mut Module<'_>) -> Result<()> {
    // WASM3 0.4.7's own `fd_seek` reads `whence` with `wasi_unstable`'s
    // numbering (CUR 0, END 1, SET 2), so preview 1's SET (0) moves from
    // the current position: replaced.
    optional(module.link_closure(
        WASI,
        "fd_seek",
        |cc, (fd, offset, whence, out): (i32, i64, i32, i32)| -> Result<i32, Trap> {
            let whence = match whence {
                0 => libc::SEEK_SET,
                1 => libc::SEEK_CUR,
                2 => libc::SEEK_END,
                _ => return Ok(EINVAL),
            };
            // SAFETY: a plain call on a descriptor.
            let at = unsafe { libc::lseek(fd, offset, whence) };
            if at < 0 {
                return Ok(errno());
            }
            Ok(write_all(&cc, &[(out as u32, &(at as u64).to_le_bytes())]))
        },
    ))?;
    optional(module.link_closure(WASI, "fd_filestat_get", |cc, (fd, out): (i32, i32)| -> Result<i32, Trap> {
        // SAFETY: `st` is written by `fstat` before it is read.
        let mut st: libc::stat = unsafe { std::mem::zeroed() };
        if unsafe { libc::fstat(fd, &mut st) } < 0 {
            return Ok(errno());
        }
        Ok(write_all(&cc, &[(out as u32, &filestat(&st))]))
    }))?;
    optional(module.link_closure(
        WASI,
        "path_filestat_get",
        |cc, (fd, flags, p, n, out): (i32, i32, i32, i32, i32)| -> Result<i32, Trap> {
            let path = match path(&cc, p, n) {
                Ok(path) => path,
                Err(e) => return Ok(e),
            };
            let follow = if flags & 1 != 0 { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
            let mut st: libc::stat = unsafe { std::mem::zeroed() };
            // SAFETY: a NUL-terminated path and a `stat` to write.
            if unsafe { libc::fstatat(fd, path.as_ptr(), &mut st, follow) } < 0 {
                return Ok(errno());
            }
            Ok(write_all(&cc, &[(out as u32, &filestat(&st))]))
        },
    ))?;
    optional(module.link_closure(WASI, "fd_filestat_set_size", |_cc, (fd, size): (i32, i64)| -> Result<i32, Trap> {
        // SAFETY: plain calls on a descriptor.
        Ok(status(unsafe { libc::ftruncate(fd, size) }))
    }))?;
    optional(module.link_closure(WASI, "fd_sync", |_cc, fd: i32| -> Result<i32, Trap> {
        Ok(status(unsafe { libc::fsync(fd) }))
    }))?;
    optional(module.link_closure(WASI, "path_create_directory", |cc, (fd, p, n): (i32, i32, i32)| {
        Ok::<_, Trap>(match path(&cc, p, n) {
            // SAFETY: a NUL-terminated path.
            Ok(path) => status(unsafe { libc::mkdirat(fd, path.as_ptr(), 0o777) }),
            Err(e) => e,
        })
    }))?;
    optional(module.link_closure(WASI, "path_remove_directory", |cc, (fd, p, n): (i32, i32, i32)| {
        Ok::<_, Trap>(match path(&cc, p, n) {
            Ok(path) => status(unsafe { libc::unlinkat(fd, path.as_ptr(), libc::AT_REMOVEDIR) }),
            Err(e) => e,
        })
    }))?;
    optional(module.link_closure(WASI, "path_unlink_file", |cc, (fd, p, n): (i32, i32, i32)| {
        Ok::<_, Trap>(match path(&cc, p, n) {
            Ok(path) => status(unsafe { libc::unlinkat(fd, path.as_ptr(), 0) }),
            Err(e) => e,
        })
    }))?;
    optional(module.link_closure(
        WASI,
        "path_rename",
        |cc, (fd, p, n, nfd, np, nn): (i32, i32, i32, i32, i32, i32)| -> Result<i32, Trap> {
            Ok(match (path(&cc, p, n), path(&cc, np, nn)) {
                (Ok(old), Ok(new)) => status(unsafe { libc::renameat(fd, old.as_ptr(), nfd, new.as_ptr()) }),
                (Err(e), _) | (_, Err(e)) => e,
            })
        },
    ))?;
    optional(module.link_closure(
        WASI,
        "path_link",
        |cc, (fd, flags, p, n, nfd, np, nn): (i32, i32, i32, i32, i32, i32, i32)| -> Result<i32, Trap> {
            let follow = if flags & 1 != 0 { libc::AT_SYMLINK_FOLLOW } else { 0 };
            Ok(match (path(&cc, p, n), path(&cc, np, nn)) {
                (Ok(old), Ok(new)) => status(unsafe { libc::linkat(fd, old.as_ptr(), nfd, new.as_ptr(), follow) }),
                (Err(e), _) | (_, Err(e)) => e,
            })
        },
    ))?;
    optional(module.link_closure(
        WASI,
        "path_readlink",
        |cc, (fd, p, n, buf, len, used): (i32, i32, i32, i32, i32, i32)| -> Result<i32, Trap> {
            let path = match path(&cc, p, n) {
                Ok(path) => path,
                Err(e) => return Ok(e),
            };
            let mut target = vec![0u8; len as u32 as usize];
            // SAFETY: `target` has `len` bytes to write.
            let got = unsafe { libc::readlinkat(fd, path.as_ptr(), target.as_mut_ptr().cast(), target.len()) };
            if got < 0 {
                return Ok(errno());
            }
            let got = got as usize;
            Ok(write_all(&cc, &[(buf as u32, &target[..got]), (used as u32, &(got as u32).to_le_bytes())]))
        },
    ))?;
    optional(module.link_closure(
        WASI,
        "fd_readdir",
        |cc, (fd, buf, len, cookie, used): (i32, i32, i32, i64, i32)| -> Result<i32, Trap> {
            Ok(match readdir(fd, len as u32 as usize, cookie) {
                Ok(bytes) => {
                    write_all(&cc, &[(buf as u32, &bytes), (used as u32, &(bytes.len() as u32).to_le_bytes())])
                }
                Err(e) => e,
            })
        },
    ))?;
    optional(module.link_closure(
        WASI,
        "poll_oneoff",
        |cc, (subs, events, n, nevents): (i32, i32, i32, i32)| -> Result<i32, Trap> {
            Ok(match poll(&cc, subs as u32, n as u32) {
                Ok(ready) => {
                    let bytes: Vec<u8> = ready.concat();
                    write_all(&cc, &[(events as u32, &bytes), (nevents as u32, &(ready.len() as u32).to_le_bytes())])
                }
                Err(e) => e,
            })
        },
    ))?;
    Ok(())
}

/// Preview 1's `poll_oneoff` (commented out in WASM3 0.4.7): `fd_read` and
/// `fd_write` subscriptions are ready at once (WASM3's fds block); with
/// none, it sleeps until the earliest clock subscription's timeout (clock
/// 0 realtime or 1 monotonic; `abstime` in flag bit 0) and reports the
/// clocks due by then. The events (32 bytes each), in subscription order.
fn poll(cc: &CallContext<'_>, subs: u32, n: u32) -> Result<Vec<[u8; 32]>, i32> {
    let len = (n as usize).checked_mul(48).ok_or(EINVAL)?;
    let start = subs as usize;
    let bytes = start.checked_add(len).and_then(|end| memory(cc).get(start..end)).ok_or(EFAULT)?.to_vec();
    if n == 0 {
        return Err(EINVAL);
    }
    let now = |clock: u32| -> Result<u64, i32> {
        let id = if clock == 0 { libc::CLOCK_REALTIME } else { libc::CLOCK_MONOTONIC };
        let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: `ts` is written by the call.
        if unsafe { libc::clock_gettime(id, &mut ts) } < 0 {
            return Err(errno());
        }
        Ok((ts.tv_sec as u64).wrapping_mul(1_000_000_000).wrapping_add(ts.tv_nsec as u64))
    };
    let u64_at = |b: &[u8], at: usize| u64::from_le_bytes(b[at..at + 8].try_into().unwrap_or([0; 8]));
    let event = |sub: &[u8], kind: u8| {
        let mut e = [0u8; 32];
        e[0..8].copy_from_slice(&sub[0..8]);
        e[10] = kind;
        e
    };
    let subs: Vec<&[u8]> = bytes.chunks(48).collect();
    let io: Vec<[u8; 32]> = subs.iter().filter(|s| s[8] == 1 || s[8] == 2).map(|s| event(s, s[8])).collect();
    if !io.is_empty() {
        return Ok(io);
    }
    // Clock subscriptions only: each one's deadline on its own clock.
    let mut deadlines = Vec::new();
    for sub in &subs {
        if sub[8] != 0 {
            return Err(EINVAL);
        }
        let clock = u32::from_le_bytes(sub[16..20].try_into().unwrap_or([0; 4]));
        if clock > 1 {
            return Err(EINVAL);
        }
        let timeout = u64_at(sub, 24);
        let absolute = sub[40] & 1 != 0;
        let at = if absolute { timeout } else { now(clock)?.saturating_add(timeout) };
        deadlines.push((clock, at));
    }
    loop {
        let mut due = Vec::new();
        let mut wait = u64::MAX;
        for (sub, &(clock, at)) in subs.iter().zip(&deadlines) {
            let t = now(clock)?;
            if t >= at {
                due.push(event(sub, 0));
            } else {
                wait = wait.min(at - t);
            }
        }
        if !due.is_empty() {
            return Ok(due);
        }
        std::thread::sleep(std::time::Duration::from_nanos(wait));
    }
}

/// Preview 1's `fd_readdir` of directory `fd` from `cookie` (0: the
/// start; else a `telldir` position this function handed out as an
/// entry's `d_next`): entries (a 24-byte header, then the name) up to
/// `len` bytes, the last one cut short when it does not fit, as preview 1
/// says.
#[allow(clippy::unnecessary_cast)]
fn readdir(fd: i32, len: usize, cookie: i64) -> Result<Vec<u8>, i32> {
    // SAFETY: `fdopendir` takes a descriptor of its own (a `dup`), which
    // `closedir` closes; every entry is read before the next `readdir`.
    unsafe {
        let own = libc::dup(fd);
        if own < 0 {
            return Err(errno());
        }
        let dir = libc::fdopendir(own);
        if dir.is_null() {
            let e = errno();
            libc::close(own);
            return Err(e);
        }
        if cookie == 0 {
            libc::rewinddir(dir);
        } else {
            libc::seekdir(dir, cookie as libc::c_long);
        }
        let mut out = Vec::new();
        while out.len() < len {
            let entry = libc::readdir(dir);
            if entry.is_null() {
                break;
            }
            let name = std::ffi::CStr::from_ptr((*entry).d_name.as_ptr()).to_bytes().to_vec();
            let next = libc::telldir(dir) as u64;
            let kind = match (*entry).d_type {
                libc::DT_BLK => 1u8,
                libc::DT_CHR => 2,
                libc::DT_DIR => 3,
                libc::DT_REG => 4,
                libc::DT_SOCK => 6,
                libc::DT_LNK => 7,
                _ => 0,
            };
            let mut header = [0u8; 24];
            header[0..8].copy_from_slice(&next.to_le_bytes());
            header[8..16].copy_from_slice(&((*entry).d_ino as u64).to_le_bytes());
            header[16..20].copy_from_slice(&(name.len() as u32).to_le_bytes());
            header[20] = kind;
            out.extend_from_slice(&header);
            out.extend_from_slice(&name);
        }
        libc::closedir(dir);
        out.truncate(len);
        Ok(out)
    }
}
