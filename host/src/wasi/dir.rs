//! `--dir DIR` on Wasmer: the guest's preopened directory.
//!
//! `wasmer-wasix` is built without the host file system (`sys-minimal`), so
//! the directory is served from memory: its files and subdirectories are
//! copied into an in-memory file system before the run ([`load`]), which
//! the guest sees as its preopened root `/`, and what the guest left there
//! replaces the directory's contents after the run, however the run ended
//! ([`store_back`]). Only regular files and directories are copied; a
//! symbolic link or any other kind of entry is refused before the run.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wasmer_wasix::virtual_fs::{mem_fs, FileSystem};

/// One entry of a directory tree, by its path relative to the tree's root.
enum Entry {
    Dir(PathBuf),
    File(PathBuf, Vec<u8>),
}

/// The host directory `dir` copied into a new in-memory file system, at its root.
pub fn load(dir: &Path) -> Result<mem_fs::FileSystem> {
    let mut entries = Vec::new();
    read_host(dir, Path::new(""), &mut entries)?;
    let fs = mem_fs::FileSystem::default();
    block_on(async {
        for entry in &entries {
            match entry {
                Entry::Dir(rel) => fs
                    .create_dir(&Path::new("/").join(rel))
                    .with_context(|| format!("creating `/{}` in memory", rel.display()))?,
                Entry::File(rel, bytes) => {
                    let path = Path::new("/").join(rel);
                    let mut file = fs
                        .new_open_options()
                        .write(true)
                        .create(true)
                        .truncate(true)
                        .open(&path)
                        .with_context(|| format!("creating `{}` in memory", path.display()))?;
                    file.write_all(bytes).await?;
                    file.flush().await?;
                }
            }
        }
        anyhow::Ok(())
    })?;
    Ok(fs)
}

/// Replaces the contents of the host directory `dir` with the in-memory
/// file system's tree. The tree is read whole first, so a failure to read
/// it leaves `dir` as it was.
pub fn store_back(fs: &mem_fs::FileSystem, dir: &Path) -> Result<()> {
    let mut entries = Vec::new();
    block_on(read_memory(fs, Path::new("/"), &mut entries))?;
    for old in std::fs::read_dir(dir).with_context(|| format!("reading `{}`", dir.display()))? {
        let old = old?.path();
        let removed =
            if old.is_dir() && !old.is_symlink() { std::fs::remove_dir_all(&old) } else { std::fs::remove_file(&old) };
        removed.with_context(|| format!("removing `{}` to write the guest's files back", old.display()))?;
    }
    for entry in entries {
        match entry {
            Entry::Dir(rel) => std::fs::create_dir(dir.join(&rel)),
            Entry::File(rel, bytes) => std::fs::write(dir.join(&rel), bytes),
        }
        .with_context(|| format!("writing the guest's files back to `{}`", dir.display()))?;
    }
    Ok(())
}

/// Every entry under `root/rel` on the host, parents before children.
fn read_host(root: &Path, rel: &Path, out: &mut Vec<Entry>) -> Result<()> {
    let dir = root.join(rel);
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .with_context(|| format!("`--dir`: reading `{}`", dir.display()))?
        .map(|entry| entry.map(|e| e.file_name()))
        .collect::<std::io::Result<_>>()?;
    names.sort();
    for name in names {
        let rel = rel.join(&name);
        let path = root.join(&rel);
        let kind = std::fs::symlink_metadata(&path)?.file_type();
        if kind.is_dir() {
            out.push(Entry::Dir(rel.clone()));
            read_host(root, &rel, out)?;
        } else if kind.is_file() {
            let bytes = std::fs::read(&path).with_context(|| format!("`--dir`: reading `{}`", path.display()))?;
            out.push(Entry::File(rel, bytes));
        } else {
            bail!("`--dir`: `{}` is neither a file nor a directory: only those are given to the guest", path.display());
        }
    }
    Ok(())
}

/// Every entry under `dir` in memory (relative to `/`), parents before children.
async fn read_memory(fs: &mem_fs::FileSystem, dir: &Path, out: &mut Vec<Entry>) -> Result<()> {
    let mut children: Vec<_> = fs
        .read_dir(dir)
        .with_context(|| format!("reading the guest's `{}`", dir.display()))?
        .map(|entry| entry.map(|e| e.path))
        .collect::<Result<_, _>>()?;
    children.sort();
    for path in children {
        let rel = path.strip_prefix("/").unwrap_or(&path).to_path_buf();
        let meta = fs.metadata(&path).with_context(|| format!("reading the guest's `{}`", path.display()))?;
        if meta.is_dir() {
            out.push(Entry::Dir(rel));
            Box::pin(read_memory(fs, &path, out)).await?;
        } else {
            let mut file = fs
                .new_open_options()
                .read(true)
                .open(&path)
                .with_context(|| format!("opening the guest's `{}`", path.display()))?;
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).await.with_context(|| format!("reading the guest's `{}`", path.display()))?;
            out.push(Entry::File(rel, bytes));
        }
    }
    Ok(())
}

/// Runs `future` on the tokio runtime the caller entered ([`super::wasmer_run::with_runtime`]).
fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Handle::current().block_on(future)
}
