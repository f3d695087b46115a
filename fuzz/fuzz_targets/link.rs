//! Fuzz target: any main/dependency pair wasm-smith makes from the input,
//! linked in both profiles, never panics, and every output validates with
//! exactly its profile's features. Raw input bytes are also linked as they
//! are (malformed modules must be refused cleanly).

#![no_main]

use arbitrary::Unstructured;
use libfuzzer_sys::fuzz_target;
use linker::{Linker, Profile};

#[path = "../../linker/tests/smith/pair.rs"]
mod pair;

fuzz_target!(|data: &[u8]| {
    for profile in [Profile::MultiMemory, Profile::Portable] {
        let _ = Linker::new().module("main", data).module("dep", data).profile(profile).link();
    }
    let Some((main, dep)) = pair::pair(&mut Unstructured::new(data)) else { return };
    for profile in [Profile::MultiMemory, Profile::Portable] {
        if let Ok(out) = Linker::new().module("main", main.clone()).module("dep", dep.clone()).profile(profile).link() {
            wasmparser::Validator::new_with_features(profile.features())
                .validate_all(&out)
                .expect("the linker's output validates with its profile's features");
        }
    }
});
