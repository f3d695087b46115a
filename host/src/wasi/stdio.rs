//! The guest's stdout and stderr on Wasmer: the host process's own, written
//! synchronously.
//!
//! Every WASI environment of a run (one per module when the pipeline and the
//! block are wired at run time) gets these, so all lines land on one stream
//! in the order the modules wrote them, the way WASM3 (which writes to file
//! descriptor 1 directly) and a linked module (one environment) do. Wasmer's
//! own host streams (`virtual_fs::host_fs`, behind the `host-fs` feature)
//! write through tokio's blocking pool instead, and would pull in the host
//! file system.

use std::io::{self, Write};
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncSeek, AsyncWrite, ReadBuf};
use wasmer_wasix::virtual_fs::{self, FsError, VirtualFile};

/// The host's stdout or stderr, as a WASI file.
#[derive(Debug, Clone, Copy)]
pub enum HostStream {
    Stdout,
    Stderr,
}

impl HostStream {
    fn write_now(self, buf: &[u8]) -> io::Result<()> {
        match self {
            HostStream::Stdout => {
                let mut out = io::stdout().lock();
                out.write_all(buf)?;
                out.flush()
            }
            HostStream::Stderr => io::stderr().lock().write_all(buf),
        }
    }
}

impl AsyncWrite for HostStream {
    fn poll_write(self: Pin<&mut Self>, _cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Poll::Ready(self.write_now(buf).map(|()| buf.len()))
    }

    fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(match *self {
            HostStream::Stdout => io::stdout().flush(),
            HostStream::Stderr => io::stderr().flush(),
        })
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.poll_flush(cx)
    }
}

impl AsyncRead for HostStream {
    fn poll_read(self: Pin<&mut Self>, _cx: &mut Context<'_>, _buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Err(io::Error::new(io::ErrorKind::Unsupported, "stdout and stderr cannot be read")))
    }
}

impl AsyncSeek for HostStream {
    fn start_seek(self: Pin<&mut Self>, _position: io::SeekFrom) -> io::Result<()> {
        Err(io::Error::new(io::ErrorKind::Unsupported, "stdout and stderr cannot seek"))
    }

    fn poll_complete(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<u64>> {
        Poll::Ready(Ok(0))
    }
}

impl VirtualFile for HostStream {
    fn last_accessed(&self) -> u64 {
        0
    }

    fn last_modified(&self) -> u64 {
        0
    }

    fn created_time(&self) -> u64 {
        0
    }

    fn size(&self) -> u64 {
        0
    }

    fn set_len(&mut self, _new_size: u64) -> virtual_fs::Result<()> {
        Err(FsError::PermissionDenied)
    }

    fn unlink(&mut self) -> virtual_fs::Result<()> {
        Err(FsError::PermissionDenied)
    }

    fn get_special_fd(&self) -> Option<u32> {
        Some(match self {
            HostStream::Stdout => 1,
            HostStream::Stderr => 2,
        })
    }

    fn poll_read_ready(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<usize>> {
        Poll::Ready(Ok(0))
    }

    fn poll_write_ready(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<usize>> {
        Poll::Ready(Ok(8192))
    }
}
