//! The WASI 0.2 example's block: text files in `$STORE_DIR` (default `.`),
//! through std (WASI 0.2's `wasi:filesystem` once built for
//! `wasm32-wasip2`), with a line on stdout or stderr for each call.

wit_bindgen::generate!({ world: "block", path: "../wit" });

use exports::fixture::store::files::Guest;

struct Block;

fn dir() -> String {
    std::env::var("STORE_DIR").unwrap_or_else(|_| ".".to_string())
}

impl Guest for Block {
    fn save(name: String, text: String) -> Result<u64, String> {
        let loud = std::env::var("BLOCK_STYLE").is_ok_and(|s| s == "loud");
        let text = if loud { text.to_uppercase() } else { text };
        std::fs::write(format!("{}/{name}", dir()), &text)
            .map_err(|e| format!("cannot save {name}: {:?}", e.kind()))?;
        println!("[block] saved {} bytes to {name}", text.len());
        Ok(text.len() as u64)
    }

    fn load(name: String) -> Result<String, String> {
        let text = std::fs::read_to_string(format!("{}/{name}", dir()));
        let text = text.map_err(|e| format!("cannot load {name}: {:?}", e.kind()))?;
        eprintln!("[block] loaded {} bytes from {name}", text.len());
        Ok(text)
    }

    fn names() -> Result<Vec<String>, String> {
        let entries = std::fs::read_dir(dir()).map_err(|e| format!("cannot list: {:?}", e.kind()))?;
        let mut names = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot list: {:?}", e.kind()))?;
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
        names.sort();
        Ok(names)
    }
}

export!(Block);
