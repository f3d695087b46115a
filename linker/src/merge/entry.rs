//! The functions merge writes itself: the entry thunk (WASI reactors'
//! `_initialize`, guarded, then the main module's entry point) and the
//! start thunk (every module's start function in dependency order).

use wasm_encoder::Instruction;
use wasmparser::{ExternalKind, FuncType};

use super::live::{bodies, referenced, static_references};
use crate::emit::Builder;
use crate::error::LinkError;
use crate::ir::generated::{FuncSym, Generated, GlobalSym};
use crate::ir::input::Input;
use crate::ir::plan::Plan;

/// WASI reactors (`_initialize`) among the dependencies: their
/// `_initialize` must run exactly once, after the host has set up WASI and
/// before anything calls them, so it cannot be a start function. The output's
/// entry point becomes a thunk that runs every dependency's `_initialize`, in
/// dependency order, and then the main module's own entry point.
///
/// A reactor's `_initialize` may trap when it is called a second time
/// (wasi-libc's does), and some runners call it twice (`wasmer run` in
/// Wasmer 7.4). So the thunks share a guard ([`GlobalSym::EntryGuard`]):
/// the `_initialize` functions (the dependencies', and the main module's if
/// it is a reactor) run on the first call only; a main module's `_start`
/// runs on every call, as it would alone.
///
/// A dependency with no `_initialize` that exports a `__wasm_call_ctors`
/// nothing in it calls (Emscripten's output, whose JavaScript loader calls
/// it, or wasm-ld's `--no-entry` without the reactor's crt) is initialized
/// the same way: the thunk runs its `__wasm_call_ctors` once, in its place
/// in dependency order ([`uncalled_ctors`]).
///
/// With `command` (`wasmer-link --command FUNC`), the output is a command
/// as well: `_start` runs the same guarded initialization, then the main
/// module's `FUNC`, for runners that only ever call `_start`.
///
/// A command component (`wasm32-wasip2`'s binaries: the component exports
/// `wasi:cli/run@0.2.x`) is a core command too: its main instance exports
/// `wasi:cli/run@0.2.x#run: () -> i32` (`result`: 0 ok, 1 err), and
/// `_start` runs it and, on `err`, exits with status 1 through the
/// output's `proc_exit` import, as a WASI 0.2 host ends such a run (Rust's
/// `main` returning `Err`); an output without `proc_exit` traps instead,
/// with a name that says so. A program's own exit code reaches the host
/// through `wasi:cli/exit`, which the output serves with `proc_exit`.
pub(super) struct Entry {
    /// The exports the thunks replace or add: `_initialize` or `_start`.
    pub(super) thunks: Vec<(&'static str, Generated)>,
}

impl Entry {
    pub(super) fn of(inputs: &[Input], plan: &Plan, command: Option<&str>) -> Result<Option<Entry>, LinkError> {
        let main = &inputs[0];
        let nullary = |m: usize, name: &str| {
            let f = inputs[m].exported_func(name)?;
            let ty = inputs[m].func_type(f);
            (ty.params().is_empty() && ty.results().is_empty()).then_some(FuncSym::InModule { module: m, func: f })
        };
        let mut once: Vec<FuncSym> = plan
            .start_order
            .iter()
            .filter(|&&m| m != 0)
            .filter_map(|&m| {
                nullary(m, "_initialize").or_else(|| uncalled_ctors(&inputs[m], nullary(m, "__wasm_call_ctors")))
            })
            .collect();
        let command = match command {
            None => None,
            Some(name) => {
                let mut problems = Vec::new();
                if main.exported_func("_start").is_some() {
                    problems.push(format!(
                        "`--command {name}`: the main module {} is a command already (it exports `_start`): \
                         drop `--command`",
                        main.label
                    ));
                }
                let func = nullary(0, name);
                if func.is_none() {
                    problems.push(format!(
                        "`--command {name}`: the main module {} exports no function `{name}` that takes and \
                         returns nothing: name one of its `() -> ()` exports",
                        main.label
                    ));
                }
                if !problems.is_empty() {
                    return Err(LinkError::many(problems));
                }
                func
            }
        };
        let cli_run = match (&command, nullary(0, "_start"), nullary(0, "_initialize")) {
            (None, None, None) => cli_run(main),
            _ => None,
        };
        if once.is_empty() && command.is_none() && cli_run.is_none() {
            return Ok(None);
        }
        let named = |export: &str| format!("{export} (runs every reactor's `_initialize` once, dependencies first)");
        let mut thunks = Vec::new();
        match (nullary(0, "_initialize"), nullary(0, "_start")) {
            (Some(init), _) => {
                once.push(init);
                thunks.push(("_initialize", guarded_thunk(named("_initialize"), once.clone(), None)));
            }
            (None, Some(start)) => thunks.push(("_start", guarded_thunk(named("_start"), once.clone(), Some(start)))),
            (None, None) if !once.is_empty() => {
                thunks.push(("_initialize", guarded_thunk(named("_initialize"), once.clone(), None)))
            }
            (None, None) => {}
        }
        if let Some(func) = command {
            let name =
                format!("_start (`--command {}`: the reactors' `_initialize` once, then it)", command_name(main, func));
            thunks.push(("_start", guarded_thunk(name, once, Some(func))));
        } else if let Some((func, export)) = cli_run {
            let exit = plan
                .host_funcs
                .iter()
                .position(|h| h.module == crate::wasi::MODULE && h.field == "proc_exit")
                .map(|n| FuncSym::Host(n as u32));
            let name = match exit {
                Some(_) => format!("_start (the reactors' `_initialize` once, then `{export}`; `err` exits with 1)"),
                None => format!("_start (the reactors' `_initialize` once, then `{export}`; `err` traps)"),
            };
            thunks.push(("_start", guarded(name, once, Some(func), Some(exit))));
        }
        Ok(Some(Entry { thunks }))
    }
}

/// The main module's `wasi:cli/run@0.2.x#run: () -> i32`, if it exports one.
fn cli_run(main: &Input) -> Option<(FuncSym, String)> {
    main.exports.iter().filter(|e| e.kind == ExternalKind::Func).find_map(|e| {
        e.name.strip_prefix("wasi:cli/run@0.2.")?.strip_suffix("#run")?;
        let ty = main.func_type(e.index);
        let status = ty.params().is_empty() && ty.results() == [wasmparser::ValType::I32];
        status.then(|| (FuncSym::InModule { module: 0, func: e.index }, e.name.clone()))
    })
}

/// `ctors`, module `input`'s exported `__wasm_call_ctors`, if nothing in
/// the module calls it, refers to it or starts with it: then its loader was
/// to call it, and the entry thunk must (a module that runs its own
/// constructors, from `_start` or from wasm-ld's export wrappers, calls it).
fn uncalled_ctors(input: &Input, ctors: Option<FuncSym>) -> Option<FuncSym> {
    let FuncSym::InModule { func, .. } = ctors? else { return None };
    let used = input.start == Some(func)
        || static_references(input).contains(&func)
        || bodies(input).iter().any(|body| referenced(body).contains(&func));
    (!used).then_some(ctors?)
}

/// The export name of the main module's function `func`.
pub(super) fn command_name(main: &Input, func: FuncSym) -> String {
    match func {
        FuncSym::InModule { func, .. } => main
            .exports
            .iter()
            .find(|e| e.kind == ExternalKind::Func && e.index == func)
            .map_or_else(|| format!("function {func}"), |e| e.name.clone()),
        _ => String::new(),
    }
}

/// `() -> ()`: on its first call only, the `once` functions in order; then,
/// on every call, `every_time`.
pub(super) fn guarded_thunk(name: String, once: Vec<FuncSym>, every_time: Option<FuncSym>) -> Generated {
    guarded(name, once, every_time, None)
}

/// [`guarded_thunk`]; with `status`, `every_time` returns an `i32` status
/// (`wasi:cli/run`'s result) and a non-zero one calls `proc_exit(1)` (the
/// `Some` host import), or traps when there is none.
fn guarded(
    name: String,
    once: Vec<FuncSym>,
    every_time: Option<FuncSym>,
    status: Option<Option<FuncSym>>,
) -> Generated {
    let guard = 0;
    let mut b = Builder::new(0);
    b.emit(Instruction::GlobalGet(guard));
    b.emit(Instruction::I32Eqz);
    b.emit(Instruction::If(wasm_encoder::BlockType::Empty));
    b.i32(1);
    b.emit(Instruction::GlobalSet(guard));
    for k in 0..once.len() {
        b.emit(Instruction::Call(k as u32));
    }
    b.emit(Instruction::End);
    if every_time.is_some() {
        b.emit(Instruction::Call(once.len() as u32));
        if let Some(exit) = status {
            b.emit(Instruction::If(wasm_encoder::BlockType::Empty));
            if exit.is_some() {
                b.i32(1);
                b.emit(Instruction::Call(once.len() as u32 + 1));
            }
            b.emit(Instruction::Unreachable);
            b.emit(Instruction::End);
        }
    }
    let exit = status.flatten();
    let funcs = once.into_iter().chain(every_time).chain(exit).collect();
    let body = b.finish().into_raw_body();
    Generated {
        name,
        ty: FuncType::new([], []),
        body,
        funcs,
        memories: Vec::new(),
        globals: vec![GlobalSym::EntryGuard],
    }
}

/// A `() -> ()` function that calls `calls` in order.
pub(super) fn thunk(name: String, calls: Vec<FuncSym>) -> Generated {
    let mut b = Builder::new(0);
    for k in 0..calls.len() {
        b.emit(Instruction::Call(k as u32));
    }
    let body = b.finish().into_raw_body();
    Generated { name, ty: FuncType::new([], []), body, funcs: calls, memories: Vec::new(), globals: Vec::new() }
}

/// The start function: the only module start, or a thunk that runs every
/// module's start in dependency order.
pub(super) enum Start {
    None,
    One(FuncSym),
    Thunk(Generated),
}

impl Start {
    pub(super) fn of(inputs: &[Input], plan: &Plan) -> Start {
        let starts: Vec<FuncSym> = plan
            .start_order
            .iter()
            .filter_map(|&m| inputs[m].start.map(|func| FuncSym::InModule { module: m, func }))
            .collect();
        match starts.as_slice() {
            [] => Start::None,
            [one] => Start::One(*one),
            _ => Start::Thunk(thunk("start (runs every module's start in dependency order)".to_string(), starts)),
        }
    }
}
