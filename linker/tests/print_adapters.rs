//! `Linker::print_adapters`: each adapter of a link as a small module in WAT,
//! importing what it calls by name, so a reviewer can read what crosses.

use std::path::Path;

use linker::Linker;

fn case(name: &str, file: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases").join(name).join(file)).unwrap()
}

#[test]
fn the_string_adapter_is_printed_with_what_it_calls_imported_by_name() {
    let wat = Linker::new()
        .module("main", wat::parse_str(case("string-adapter", "main.wat")).unwrap())
        .module("dep", wat::parse_str(case("string-adapter", "dep.wat")).unwrap())
        .interface("dep", case("string-adapter", "dep.wit"))
        .print_adapters()
        .unwrap();
    assert!(wat.starts_with(";; adapter main -> dep.count-a\n(module"), "{wat}");
    for line in [
        r#"(import "dep" "count-a" (func"#,
        r#"(import "dep" "canonical_abi_realloc" (func"#,
        r#"(import "main" "memory" (memory"#,
        r#"(import "dep" "memory" (memory"#,
        r#"(export "adapter main -> dep.count-a" (func"#,
        "memory.copy",
        // The string is validated by a function every adapter shares.
        r#"(import "wasmer-link" "utf-8 validation in the memory of `main`" (func"#,
        ";; utf-8 validation in the memory of `main`\n(module",
    ] {
        assert!(wat.contains(line), "`{line}` is missing:\n{wat}");
    }
    // Each parses back: modules a reader can paste into any wasm tool.
    let modules: Vec<&str> = wat.split("\n;; ").map(|m| m.split_once('\n').unwrap().1).collect();
    assert_eq!(modules.len(), 2, "{wat}");
    for module in modules {
        wat::parse_str(module).unwrap();
    }
}

#[test]
fn a_link_without_crossings_says_so() {
    let wat = Linker::new()
        .module("main", wat::parse_str(case("chain", "main.wat")).unwrap())
        .module("b", wat::parse_str(case("chain", "b.wat")).unwrap())
        .module("c", wat::parse_str(case("chain", "c.wat")).unwrap())
        .print_adapters();
    match wat {
        Ok(text) => assert_eq!(text, ";; no adapters: no call moves data from one memory to another\n"),
        Err(e) => panic!("{e}"),
    }
}
