// Section 13 of the benchmarks (bench/runner/src/wasip2.rs): a command
// that prints `BENCH_LINES` lines with `println!` (the count is fixed when
// it is compiled, so every engine runs it with nothing configured). Built
// by the runner with `rustc` for `wasm32-wasip2` (a component: each line is
// one `blocking-write-and-flush` of WASI 0.2's stdout) and for
// `wasm32-wasip1` (each line one `fd_write`).
fn main() {
    let lines: u32 = option_env!("BENCH_LINES").unwrap_or("0").parse().expect("BENCH_LINES is a number");
    for i in 0..lines {
        println!("line {i}: the quick brown fox jumps over the lazy dog");
    }
}
