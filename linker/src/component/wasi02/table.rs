//! WASI 0.2 as data: the functions the shims serve ([`SERVED`]), with the
//! WIT type each must have, and the resource types they hand out handles
//! of. Read by the front door (to bind and check imports) and by
//! [`super::shim`] (to generate).

/// What a served function does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Op {
    GetStdin,
    GetStdout,
    GetStderr,
    CheckWrite,
    Write,
    BlockingWriteAndFlush,
    Flush,
    BlockingFlush,
    Read,
    BlockingRead,
    ErrorToDebugString,
    GetEnvironment,
    GetArguments,
    InitialCwd,
    Exit,
    ExitWithCode,
    TerminalStdin,
    TerminalStdout,
    TerminalStderr,
    Subscribe,
    PollableBlock,
    PollableReady,
    Poll,
    MonotonicNow,
    MonotonicResolution,
    WallNow,
    WallResolution,
    RandomBytes,
    RandomU64,
    InsecureBytes,
    InsecureU64,
    InsecureSeed,
}

/// The resource types of WASI 0.2 that the shims hand out handles of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Res {
    Error,
    InputStream,
    OutputStream,
    TerminalInput,
    TerminalOutput,
    Pollable,
}

/// Each resource type's WIT name.
pub const RESOURCES: [(&str, Res); 6] = [
    ("error", Res::Error),
    ("input-stream", Res::InputStream),
    ("output-stream", Res::OutputStream),
    ("terminal-input", Res::TerminalInput),
    ("terminal-output", Res::TerminalOutput),
    ("pollable", Res::Pollable),
];

/// One served function: its interface (without version), its WIT name,
/// what it does, and its WIT type as [`render`] writes it (a component
/// whose function has another type is refused).
pub struct Served {
    pub interface: &'static str,
    pub func: &'static str,
    pub op: Op,
    pub wit: &'static str,
}

macro_rules! stream_error {
    () => {
        "variant { last-operation-failed(own<error>), closed }"
    };
}

/// Everything the shims serve.
pub const SERVED: &[Served] = &[
    Served { interface: "wasi:cli/stdin", func: "get-stdin", op: Op::GetStdin, wit: "func() -> own<input-stream>" },
    Served { interface: "wasi:cli/stdout", func: "get-stdout", op: Op::GetStdout, wit: "func() -> own<output-stream>" },
    Served { interface: "wasi:cli/stderr", func: "get-stderr", op: Op::GetStderr, wit: "func() -> own<output-stream>" },
    Served {
        interface: "wasi:io/streams",
        func: "[method]output-stream.check-write",
        op: Op::CheckWrite,
        wit: concat!("func(self: borrow<output-stream>) -> result<u64, ", stream_error!(), ">"),
    },
    Served {
        interface: "wasi:io/streams",
        func: "[method]output-stream.write",
        op: Op::Write,
        wit: concat!("func(self: borrow<output-stream>, contents: list<u8>) -> result<_, ", stream_error!(), ">"),
    },
    Served {
        interface: "wasi:io/streams",
        func: "[method]output-stream.blocking-write-and-flush",
        op: Op::BlockingWriteAndFlush,
        wit: concat!("func(self: borrow<output-stream>, contents: list<u8>) -> result<_, ", stream_error!(), ">"),
    },
    Served {
        interface: "wasi:io/streams",
        func: "[method]output-stream.flush",
        op: Op::Flush,
        wit: concat!("func(self: borrow<output-stream>) -> result<_, ", stream_error!(), ">"),
    },
    Served {
        interface: "wasi:io/streams",
        func: "[method]output-stream.blocking-flush",
        op: Op::BlockingFlush,
        wit: concat!("func(self: borrow<output-stream>) -> result<_, ", stream_error!(), ">"),
    },
    Served {
        interface: "wasi:io/streams",
        func: "[method]input-stream.read",
        op: Op::Read,
        wit: concat!("func(self: borrow<input-stream>, len: u64) -> result<list<u8>, ", stream_error!(), ">"),
    },
    Served {
        interface: "wasi:io/streams",
        func: "[method]input-stream.blocking-read",
        op: Op::BlockingRead,
        wit: concat!("func(self: borrow<input-stream>, len: u64) -> result<list<u8>, ", stream_error!(), ">"),
    },
    Served {
        interface: "wasi:io/error",
        func: "[method]error.to-debug-string",
        op: Op::ErrorToDebugString,
        wit: "func(self: borrow<error>) -> string",
    },
    Served {
        interface: "wasi:cli/environment",
        func: "get-environment",
        op: Op::GetEnvironment,
        wit: "func() -> list<tuple<string, string>>",
    },
    Served {
        interface: "wasi:cli/environment",
        func: "get-arguments",
        op: Op::GetArguments,
        wit: "func() -> list<string>",
    },
    Served {
        interface: "wasi:cli/environment",
        func: "initial-cwd",
        op: Op::InitialCwd,
        wit: "func() -> option<string>",
    },
    Served {
        interface: "wasi:io/streams",
        func: "[method]output-stream.subscribe",
        op: Op::Subscribe,
        wit: "func(self: borrow<output-stream>) -> own<pollable>",
    },
    Served {
        interface: "wasi:io/poll",
        func: "[method]pollable.block",
        op: Op::PollableBlock,
        wit: "func(self: borrow<pollable>)",
    },
    Served {
        interface: "wasi:io/poll",
        func: "[method]pollable.ready",
        op: Op::PollableReady,
        wit: "func(self: borrow<pollable>) -> bool",
    },
    Served {
        interface: "wasi:io/poll",
        func: "poll",
        op: Op::Poll,
        wit: "func(in: list<borrow<pollable>>) -> list<u32>",
    },
    Served { interface: "wasi:cli/exit", func: "exit", op: Op::Exit, wit: "func(status: result<_, _>)" },
    Served { interface: "wasi:cli/exit", func: "exit-with-code", op: Op::ExitWithCode, wit: "func(status-code: u8)" },
    Served {
        interface: "wasi:cli/terminal-stdin",
        func: "get-terminal-stdin",
        op: Op::TerminalStdin,
        wit: "func() -> option<own<terminal-input>>",
    },
    Served {
        interface: "wasi:cli/terminal-stdout",
        func: "get-terminal-stdout",
        op: Op::TerminalStdout,
        wit: "func() -> option<own<terminal-output>>",
    },
    Served {
        interface: "wasi:cli/terminal-stderr",
        func: "get-terminal-stderr",
        op: Op::TerminalStderr,
        wit: "func() -> option<own<terminal-output>>",
    },
    Served { interface: "wasi:clocks/monotonic-clock", func: "now", op: Op::MonotonicNow, wit: "func() -> u64" },
    Served {
        interface: "wasi:clocks/monotonic-clock",
        func: "resolution",
        op: Op::MonotonicResolution,
        wit: "func() -> u64",
    },
    Served {
        interface: "wasi:clocks/wall-clock",
        func: "now",
        op: Op::WallNow,
        wit: "func() -> record { seconds: u64, nanoseconds: u32 }",
    },
    Served {
        interface: "wasi:clocks/wall-clock",
        func: "resolution",
        op: Op::WallResolution,
        wit: "func() -> record { seconds: u64, nanoseconds: u32 }",
    },
    Served {
        interface: "wasi:random/random",
        func: "get-random-bytes",
        op: Op::RandomBytes,
        wit: "func(len: u64) -> list<u8>",
    },
    Served { interface: "wasi:random/random", func: "get-random-u64", op: Op::RandomU64, wit: "func() -> u64" },
    Served {
        interface: "wasi:random/insecure",
        func: "get-insecure-random-bytes",
        op: Op::InsecureBytes,
        wit: "func(len: u64) -> list<u8>",
    },
    Served {
        interface: "wasi:random/insecure",
        func: "get-insecure-random-u64",
        op: Op::InsecureU64,
        wit: "func() -> u64",
    },
    Served {
        interface: "wasi:random/insecure-seed",
        func: "insecure-seed",
        op: Op::InsecureSeed,
        wit: "func() -> tuple<u64, u64>",
    },
];

/// The six resource types the host defines, added to the link's resource
/// types once, and a handle table that stands for the host's (lends name
/// it).
pub struct WasiTypes {
    pub host_table: usize,
    pub types: Vec<(Res, usize)>,
}

impl WasiTypes {
    pub fn of(&self, res: Res) -> usize {
        self.types.iter().find(|(r, _)| *r == res).map_or(0, |(_, t)| *t)
    }
}
