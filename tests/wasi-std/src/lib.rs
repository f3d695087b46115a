//! A WASI reactor that uses as much of Rust's standard library I/O as a
//! processing block might: arguments, environment, stdin, stdout and
//! stderr (including one write larger than a wasm page), files and
//! directories under the preopened directory, metadata, seeking, renaming,
//! clocks, sleeping and the random numbers behind `HashMap`.
//!
//! `run()` prints only what is deterministic for a fresh directory, so its
//! output run alone (the WASI host reads its memory) and linked behind
//! another module (the linker's adapters copy through the main memory) must
//! be byte for byte the same: `host/tests/wasi_std.rs`. Built for
//! `wasm32-wasip1` by `cargo xtask build`.

use std::collections::HashMap;
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn report(what: &str, result: std::io::Result<String>) {
    match result {
        Ok(value) => println!("{what}: {value}"),
        Err(e) => println!("{what}: error {:?}", e.kind()),
    }
}

fn files() -> std::io::Result<String> {
    fs::create_dir_all("work/sub")?;
    fs::write("work/a.txt", "alpha\n")?;
    OpenOptions::new().append(true).open("work/a.txt")?.write_all(b"beta\n")?;
    let mut text = fs::read_to_string("work/a.txt")?;
    let mut file = File::open("work/a.txt")?;
    file.seek(SeekFrom::Start(6))?;
    let mut word = [0u8; 4];
    file.read_exact(&mut word)?;
    text.push_str(std::str::from_utf8(&word).unwrap_or("?"));
    let len = file.metadata()?.len();
    fs::rename("work/a.txt", "work/sub/b.txt")?;
    fs::write("work/sub/c.txt", [7u8; 3])?;
    let mut names: Vec<String> = fs::read_dir("work/sub")?
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_, _>>()?;
    names.sort();
    let is_dir = fs::metadata("work/sub")?.is_dir();
    fs::remove_file("work/sub/b.txt")?;
    fs::remove_file("work/sub/c.txt")?;
    fs::remove_dir("work/sub")?;
    Ok(format!("{text:?} len={len} entries={names:?} dir={is_dir}"))
}

/// 200 000 bytes written and read back in one call each: more than three
/// wasm pages through one iovec.
fn big_file() -> std::io::Result<String> {
    let data: Vec<u8> = (0..200_000u32).map(|i| (i * 31 % 251) as u8).collect();
    fs::write("work/big.bin", &data)?;
    let back = fs::read("work/big.bin")?;
    fs::remove_file("work/big.bin")?;
    let sum: u64 = back.iter().enumerate().map(|(i, &b)| (i as u64 + 1) * b as u64).sum();
    Ok(format!("{} bytes, same={}, digest={sum}", back.len(), back == data))
}

#[no_mangle]
pub extern "C" fn run() {
    let args: Vec<String> = std::env::args().collect();
    println!("args: {}", args.len());
    let mut vars: Vec<(String, String)> = std::env::vars().collect();
    vars.sort();
    println!("env: {vars:?}");
    println!("env PROBE: {:?}", std::env::var("PROBE"));
    let mut input = String::new();
    report("stdin", std::io::stdin().read_to_string(&mut input).map(|n| format!("{n} bytes {input:?}")));
    eprintln!("probe: a line on stderr");
    report("files", files());
    report("big file", big_file());
    report("missing file", fs::read_to_string("work/does-not-exist").map(|s| s.len().to_string()));
    // `sleep` is `poll_oneoff` on a clock subscription; std panics unless
    // the one event comes back with its userdata, type and no error.
    let start = Instant::now();
    std::thread::sleep(Duration::from_millis(2));
    println!("slept at least 2 ms: {}", start.elapsed() >= Duration::from_millis(2));
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    println!("wall clock after 2020: {}", now > 1_577_836_800);
    let map: HashMap<u32, u32> = (0..100).map(|i| (i, i * i)).collect();
    println!("hashmap: {} entries, sum {}", map.len(), map.values().sum::<u32>());
    let line = "0123456789".repeat(7_000);
    println!("long line: {line}");
    let _ = fs::remove_dir("work");
    println!("done");
}
