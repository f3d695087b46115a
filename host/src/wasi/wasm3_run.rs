//! A linked WASI module on WASM3 (portable profile).
//!
//! WASM3's own WASI (`module.link_wasi()`) writes `fd_write` to the host's
//! real file descriptors. Five functions are replaced after it with
//! closures (a later link of the same import replaces the earlier one: the
//! import's code pointer is overwritten, and calls are compiled lazily, at
//! the first call):
//!
//! - `environ_sizes_get` and `environ_get`, which WASM3 0.4.7 leaves as
//!   empty stubs (`m3_api_wasi.c`: "TODO"), serve the configured variables;
//! - `args_sizes_get` and `args_get` serve the module's file name and the
//!   configured arguments (WASM3's own serve what its runtime was given,
//!   which the `wasm3` crate cannot set);
//! - `proc_exit`, so the host learns the exit code (WASM3 keeps it in its
//!   runtime, which the `wasm3` crate does not expose).
//!
//! The file functions WASM3 lacks are linked by [`super::wasm3_files`].

use std::cell::Cell;
use std::path::Path;
use std::rc::Rc;

use anyhow::{anyhow, bail, Result};
use wasm3::error::{Error, Trap};
use wasm3::CallContext;

use super::{environ, Exit};
use crate::reservation::{self, Reservations};
use crate::wasm3_engine::{check_runs_on_wasm3, STACK};

pub(super) const WASI: &str = "wasi_snapshot_preview1";
/// WASI errno values.
pub(super) const ESUCCESS: i32 = 0;
pub(super) const EFAULT: i32 = 21;

pub fn run(
    path: &Path,
    bytes: Vec<u8>,
    env: &[(String, String)],
    args: &[String],
    initialize_calls: u32,
) -> Result<Exit> {
    check_runs_on_wasm3(path, &bytes)?;
    let reservations = Reservations::of(&bytes);
    let wasm3_env = wasm3::Environment::new().map_err(|e| anyhow!("wasm3: creating the environment: {e}"))?;
    let runtime = wasm3_env.create_runtime(STACK).map_err(|e| anyhow!("wasm3: creating the runtime: {e}"))?;
    let mut module =
        runtime.parse_and_load_module(bytes).map_err(|e| anyhow!("wasm3 cannot load `{}`: {e}", path.display()))?;
    module.link_wasi().map_err(|e| anyhow!("wasm3: linking WASI: {e}"))?;
    #[cfg(unix)]
    super::wasm3_files::link(&mut module)?;

    let vars = environ(env);
    link_strings(&mut module, ("environ_sizes_get", "environ_get"), vars)?;
    // `argv[0]` is the module's file name, as Wasmer gives it.
    let name = path.file_name().map_or("module".into(), |n| n.to_string_lossy().into_owned());
    let argv = std::iter::once(name).chain(args.iter().cloned()).collect();
    link_strings(&mut module, ("args_sizes_get", "args_get"), argv)?;
    let exit_code = Rc::new(Cell::new(None));
    let exited = Rc::clone(&exit_code);
    optional(module.link_closure(WASI, "proc_exit", move |_cc, code: i32| -> Result<(), Trap> {
        exited.set(Some(code as u32));
        Err(Trap::Exit)
    }))?;

    // A command (a linked `wasm32-wasip2` binary) has `_start` and no `run`.
    let entry = match (module.find_function::<(), ()>("run"), module.find_function::<(), ()>("_start")) {
        (Err(_), Ok(_)) => "_start",
        _ => "run",
    };
    let calls = std::iter::repeat_n("_initialize", initialize_calls as usize).chain([entry]);
    for func in calls {
        let export = match module.find_function::<(), ()>(func) {
            Ok(export) => export,
            Err(Error::FunctionNotFound) if func == "_initialize" => continue,
            Err(Error::FunctionNotFound) => bail!("wasm3: `{}` has no export `{func}`", path.display()),
            // Compiling the function fails on an import nothing provides.
            Err(e) => {
                bail!("wasm3: preparing `{func}` of `{}`: {e} (only WASI is provided: is it linked?)", path.display())
            }
        };
        if let Err(e) = export.call() {
            return match exit_code.get() {
                Some(code) => Ok(Exit::Exited(code)),
                None => Err(reservations
                    .explain(anyhow!("wasm3: calling `{func}` trapped: {e}"), || reservation::ask_wasm3(&runtime))),
            };
        }
    }
    Ok(Exit::Returned)
}

/// Serves a list of strings the way WASI's `environ_*` and `args_*` pairs
/// do: `sizes(count, size)` stores the count and the bytes they take with
/// their NULs; `get(pointers, buf)` stores each string, NUL-terminated, in
/// `buf` and its address in `pointers`.
fn link_strings(module: &mut wasm3::Module<'_>, (sizes, get): (&str, &str), strings: Vec<String>) -> Result<()> {
    let strings: Rc<Vec<String>> = Rc::new(strings);
    let counted = Rc::clone(&strings);
    optional(module.link_closure(WASI, sizes, move |cc, (count, size): (i32, i32)| {
        let total: usize = counted.iter().map(|v| v.len() + 1).sum();
        Ok(write_all(
            &cc,
            &[(count as u32, &(counted.len() as u32).to_le_bytes()), (size as u32, &(total as u32).to_le_bytes())],
        ))
    }))?;
    optional(module.link_closure(WASI, get, move |cc, (pointers, buf): (i32, i32)| {
        let mut at = buf as u32;
        for (i, string) in strings.iter().enumerate() {
            let text = [string.as_bytes(), &[0]].concat();
            let slot = (i as u32).checked_mul(4).and_then(|offset| (pointers as u32).checked_add(offset));
            let (Some(slot), Some(next)) = (slot, at.checked_add(text.len() as u32)) else {
                return Ok(EFAULT);
            };
            let errno = write_all(&cc, &[(slot, &at.to_le_bytes()), (at, &text)]);
            if errno != ESUCCESS {
                return Ok(errno);
            }
            at = next;
        }
        Ok(ESUCCESS)
    }))
}

/// A module that does not import the function is fine.
pub(super) fn optional(linked: Result<(), Error>) -> Result<()> {
    match linked {
        Ok(()) | Err(Error::FunctionNotFound) => Ok(()),
        Err(e) => Err(anyhow!("wasm3: linking a WASI function: {e}")),
    }
}

/// Writes each `(address, bytes)` into the guest's memory; `EFAULT` if one
/// is out of bounds (then nothing after it is written).
pub(super) fn write_all(cc: &CallContext<'_>, writes: &[(u32, &[u8])]) -> i32 {
    // SAFETY: the memory is not resized while this host function runs.
    let memory = unsafe { &mut *cc.memory_mut() };
    for (addr, bytes) in writes {
        let start = *addr as usize;
        match start.checked_add(bytes.len()).and_then(|end| memory.get_mut(start..end)) {
            Some(dst) => dst.copy_from_slice(bytes),
            None => return EFAULT,
        }
    }
    ESUCCESS
}
