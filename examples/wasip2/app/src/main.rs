//! The WASI 0.2 example's command: greets `$GREETING`, reads `input.txt`
//! from `$STORE_DIR` itself, keeps a note through the block, and exits with
//! `$EXIT` if set.

wit_bindgen::generate!({ world: "app", path: "../wit" });

use fixture::store::files;

fn main() {
    let who = std::env::var("GREETING").unwrap_or_else(|_| "world".to_string());
    println!("[app] hello, {who}");
    let dir = std::env::var("STORE_DIR").unwrap_or_else(|_| ".".to_string());
    match std::fs::read_to_string(format!("{dir}/input.txt")) {
        Ok(input) => println!("[app] input.txt has {} lines", input.lines().count()),
        Err(e) => eprintln!("[app] no input.txt: {:?}", e.kind()),
    }
    match files::save("note.txt", &format!("a note for {who}\n")) {
        Ok(n) => println!("[app] the block saved {n} bytes"),
        Err(e) => eprintln!("[app] {e}"),
    }
    match files::load("note.txt") {
        Ok(text) => print!("[app] the block read back: {text}"),
        Err(e) => eprintln!("[app] {e}"),
    }
    if let Err(e) = files::load("missing.txt") {
        eprintln!("[app] as expected: {e}");
    }
    match files::names() {
        Ok(names) => println!("[app] files: {}", names.join(", ")),
        Err(e) => eprintln!("[app] {e}"),
    }
    if let Ok(code) = std::env::var("EXIT") {
        std::process::exit(code.parse().unwrap_or(1));
    }
}
