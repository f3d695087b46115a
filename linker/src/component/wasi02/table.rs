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
    InputSubscribe,
    GetDirectories,
    ReadViaStream,
    WriteViaStream,
    AppendViaStream,
    GetFlags,
    GetType,
    SetSize,
    Sync,
    SyncData,
    ReadDirectory,
    ReadDirectoryEntry,
    CreateDirectoryAt,
    Stat,
    StatAt,
    LinkAt,
    OpenAt,
    ReadlinkAt,
    RemoveDirectoryAt,
    RenameAt,
    UnlinkFileAt,
    MetadataHash,
    MetadataHashAt,
    FilesystemErrorCode,
    SubscribeDuration,
    SubscribeInstant,
}

impl Op {
    /// Whether the op is one of `wasi:filesystem`'s (it needs the WASI
    /// host module: descriptors close, and directory streams keep a
    /// cookie, there).
    pub fn filesystem(self) -> bool {
        self >= Op::GetDirectories && self <= Op::FilesystemErrorCode
    }

    /// Whether the op makes a clock's pollable (its deadline is kept in
    /// the WASI host module).
    pub fn timer(self) -> bool {
        matches!(self, Op::SubscribeDuration | Op::SubscribeInstant)
    }
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
    Descriptor,
    DirectoryEntryStream,
}

/// Each resource type's WIT name.
pub const RESOURCES: [(&str, Res); 8] = [
    ("error", Res::Error),
    ("input-stream", Res::InputStream),
    ("output-stream", Res::OutputStream),
    ("terminal-input", Res::TerminalInput),
    ("terminal-output", Res::TerminalOutput),
    ("pollable", Res::Pollable),
    ("descriptor", Res::Descriptor),
    ("directory-entry-stream", Res::DirectoryEntryStream),
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

macro_rules! error_code {
    () => {
        "enum { access, would-block, already, bad-descriptor, busy, deadlock, quota, exist, file-too-large, illegal-byte-sequence, in-progress, interrupted, invalid, io, is-directory, loop, too-many-links, message-size, name-too-long, no-device, no-entry, no-lock, insufficient-memory, insufficient-space, not-directory, not-empty, not-recoverable, unsupported, no-tty, no-such-device, overflow, not-permitted, pipe, read-only, invalid-seek, text-file-busy, cross-device }"
    };
}

macro_rules! descriptor_type {
    () => {
        "enum { unknown, block-device, character-device, directory, fifo, symbolic-link, regular-file, socket }"
    };
}

macro_rules! datetime {
    () => {
        "option<record { seconds: u64, nanoseconds: u32 }>"
    };
}

macro_rules! stat {
    () => {
        concat!(
            "record { type: ",
            descriptor_type!(),
            ", link-count: u64, size: u64, data-access-timestamp: ",
            datetime!(),
            ", data-modification-timestamp: ",
            datetime!(),
            ", status-change-timestamp: ",
            datetime!(),
            " }"
        )
    };
}

macro_rules! descriptor_flags {
    () => {
        "flags { read, write, file-integrity-sync, data-integrity-sync, requested-write-sync, mutate-directory }"
    };
}

macro_rules! path_flags {
    () => {
        "flags { symlink-follow }"
    };
}

/// A `wasi:filesystem/types` method of `descriptor`.
macro_rules! fs {
    ($func:literal, $op:expr, $params:expr, $ok:expr) => {
        Served {
            interface: "wasi:filesystem/types",
            func: concat!("[method]descriptor.", $func),
            op: $op,
            wit: concat!("func(self: borrow<descriptor>", $params, ") -> result<", $ok, ", ", error_code!(), ">"),
        }
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
    Served {
        interface: "wasi:io/streams",
        func: "[method]input-stream.subscribe",
        op: Op::InputSubscribe,
        wit: "func(self: borrow<input-stream>) -> own<pollable>",
    },
    Served {
        interface: "wasi:filesystem/preopens",
        func: "get-directories",
        op: Op::GetDirectories,
        wit: "func() -> list<tuple<own<descriptor>, string>>",
    },
    fs!("read-via-stream", Op::ReadViaStream, ", offset: u64", "own<input-stream>"),
    fs!("write-via-stream", Op::WriteViaStream, ", offset: u64", "own<output-stream>"),
    fs!("append-via-stream", Op::AppendViaStream, "", "own<output-stream>"),
    fs!("get-flags", Op::GetFlags, "", descriptor_flags!()),
    fs!("get-type", Op::GetType, "", descriptor_type!()),
    fs!("set-size", Op::SetSize, ", size: u64", "_"),
    fs!("sync", Op::Sync, "", "_"),
    fs!("sync-data", Op::SyncData, "", "_"),
    fs!("read-directory", Op::ReadDirectory, "", "own<directory-entry-stream>"),
    Served {
        interface: "wasi:filesystem/types",
        func: "[method]directory-entry-stream.read-directory-entry",
        op: Op::ReadDirectoryEntry,
        wit: concat!(
            "func(self: borrow<directory-entry-stream>) -> result<option<record { type: ",
            descriptor_type!(),
            ", name: string }>, ",
            error_code!(),
            ">"
        ),
    },
    fs!("create-directory-at", Op::CreateDirectoryAt, ", path: string", "_"),
    fs!("stat", Op::Stat, "", stat!()),
    fs!("stat-at", Op::StatAt, concat!(", path-flags: ", path_flags!(), ", path: string"), stat!()),
    fs!(
        "link-at",
        Op::LinkAt,
        concat!(
            ", old-path-flags: ",
            path_flags!(),
            ", old-path: string, new-descriptor: borrow<descriptor>, new-path: string"
        ),
        "_"
    ),
    fs!(
        "open-at",
        Op::OpenAt,
        concat!(
            ", path-flags: ",
            path_flags!(),
            ", path: string, open-flags: flags { create, directory, exclusive, truncate }, flags: ",
            descriptor_flags!()
        ),
        "own<descriptor>"
    ),
    fs!("readlink-at", Op::ReadlinkAt, ", path: string", "string"),
    fs!("remove-directory-at", Op::RemoveDirectoryAt, ", path: string", "_"),
    fs!("rename-at", Op::RenameAt, ", old-path: string, new-descriptor: borrow<descriptor>, new-path: string", "_"),
    fs!("unlink-file-at", Op::UnlinkFileAt, ", path: string", "_"),
    fs!("metadata-hash", Op::MetadataHash, "", "record { lower: u64, upper: u64 }"),
    fs!(
        "metadata-hash-at",
        Op::MetadataHashAt,
        concat!(", path-flags: ", path_flags!(), ", path: string"),
        "record { lower: u64, upper: u64 }"
    ),
    Served {
        interface: "wasi:clocks/monotonic-clock",
        func: "subscribe-duration",
        op: Op::SubscribeDuration,
        wit: "func(when: u64) -> own<pollable>",
    },
    Served {
        interface: "wasi:clocks/monotonic-clock",
        func: "subscribe-instant",
        op: Op::SubscribeInstant,
        wit: "func(when: u64) -> own<pollable>",
    },
    Served {
        interface: "wasi:filesystem/types",
        func: "filesystem-error-code",
        op: Op::FilesystemErrorCode,
        wit: concat!("func(err: borrow<error>) -> option<", error_code!(), ">"),
    },
];

/// The resource types the host defines, added to the link's resource
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
