//! Numbers-only rules end to end (`Linker::numbers`, `--numbers`): an
//! `i32` import between two memories is refused unless a rule says it
//! carries numbers only, and an interface still decides what it describes.

use linker::{LinkError, Linker, Profile};

const MAIN: &str = r#"(module
  (import "dep" "sumArray" (func $sum (param i32 i32) (result i32)))
  (import "dep" "scaleBy" (func $scale (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "run") (param i32 i32) (result i32) (call $scale (call $sum (local.get 0) (local.get 1)))))"#;
const DEP: &str = r#"(module
  (memory 1)
  (func (export "sumArray") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "scaleBy") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 10))))"#;

fn rules(specs: &[(&str, &str)]) -> Vec<(String, String)> {
    specs.iter().map(|(m, f)| (m.to_string(), f.to_string())).collect()
}

/// Links `modules` (WAT) with `numbers` and `interfaces`.
fn link(
    modules: &[(&str, &str)],
    interfaces: &[(&str, &str)],
    numbers: &[(String, String)],
    profile: Profile,
) -> Result<Vec<u8>, LinkError> {
    let mut linker = Linker::new().profile(profile);
    for (name, wat) in modules {
        linker = linker.module_from(*name, wat::parse_str(wat).unwrap(), format!("{name}.wasm"));
    }
    for (name, text) in interfaces {
        linker = linker.interface(*name, *text);
    }
    for (module, func) in numbers {
        linker = linker.numbers(module, func);
    }
    linker.link()
}

fn run(bytes: &[u8], a: i32, b: i32) -> i32 {
    use wasmer::{imports, Instance, Module, Store, Value};
    let mut store = Store::default();
    let module = Module::new(&store, bytes).unwrap();
    let instance = Instance::new(&mut store, &module, &imports! {}).unwrap();
    let run = instance.exports.get_function("run").unwrap();
    run.call(&mut store, &[Value::I32(a), Value::I32(b)]).unwrap()[0].unwrap_i32()
}

#[test]
fn an_i32_crossing_memories_is_refused_with_the_escape_hatch() {
    let err = link(&[("main", MAIN), ("dep", DEP)], &[], &[], Profile::MultiMemory).unwrap_err();
    let problems = err.problems();
    assert_eq!(problems.len(), 2, "{err}");
    assert!(
        problems[0].contains("`sumArray` is not a WAI name, which is kebab-case): if it passes numbers only, pass `--numbers dep.sumArray` (`--numbers 'dep.*'` for every function of `dep`)"),
        "{err}"
    );
}

#[test]
fn named_and_wildcard_rules_wire_numbers_across_memories_in_both_profiles() {
    for profile in [Profile::MultiMemory, Profile::Portable] {
        let named = rules(&[("dep", "sumArray"), ("dep", "scaleBy")]);
        let out = link(&[("main", MAIN), ("dep", DEP)], &[], &named, profile).unwrap();
        assert_eq!(run(&out, 3, 4), 70, "{profile:?}");
        let any = rules(&[("dep", "*")]);
        let out = link(&[("main", MAIN), ("dep", DEP)], &[], &any, profile).unwrap();
        assert_eq!(run(&out, 5, 6), 110, "{profile:?}");
    }
}

#[test]
fn a_rule_that_names_no_import_is_refused_and_lists_the_imports() {
    let typo = rules(&[("dep", "sumArry"), ("dep", "*"), ("nobody", "*")]);
    let err = link(&[("main", MAIN), ("dep", DEP)], &[], &typo, Profile::MultiMemory).unwrap_err();
    assert_eq!(
        err.problems(),
        [
            "`--numbers dep.sumArry` names no function that any module imports: the functions imported from `dep` are `scaleBy`, `sumArray`",
            "`--numbers nobody.*` names no function that any module imports: no module imports a function from `nobody`",
        ]
    );
}

#[test]
fn an_interface_still_decides_what_it_describes() {
    // `scale-by` cannot be the import's name, so the interface describes
    // only what it can; the rule serves the rest.
    let main = MAIN.replace("scaleBy", "scale-by");
    let dep = DEP.replace("scaleBy", "scale-by");
    let wit = [("dep", "scale-by: func(x: s32) -> s32\n")];
    let out = link(&[("main", &main), ("dep", &dep)], &wit, &rules(&[("dep", "*")]), Profile::Portable).unwrap();
    assert_eq!(run(&out, 1, 1), 20);
    // A rule that contradicts the interface is refused.
    let main = r#"(module
      (import "dep" "greet" (func (param i32 i32)))
      (memory (export "memory") 1))"#;
    let dep = r#"(module (memory 1) (func (export "greet") (param i32 i32)))"#;
    let wit = [("dep", "greet: func(name: string)\n")];
    let err =
        link(&[("main", main), ("dep", dep)], &wit, &rules(&[("dep", "greet")]), Profile::MultiMemory).unwrap_err();
    assert_eq!(
        err.problems(),
        ["`--numbers dep.greet` says that `dep.greet` passes numbers only, but interface `dep` says that it moves data through memory: remove the rule, the interface decides"]
    );
}

#[test]
fn wasi_imports_of_the_main_memory_go_to_the_host_unchecked() {
    let main = r#"(module
      (import "wasi_snapshot_preview1" "fd_seek" (func (param i32 i32 i32 i32 i32) (result i32)))
      (import "wasi_snapshot_preview1" "fd_frobnicate" (func $f (param i32) (result i32)))
      (memory (export "memory") 1)
      (func (export "go") (result i32)
        (call 0 (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 8))
        (call $f)))"#;
    let out = link(&[("main", main)], &[], &[], Profile::Portable).unwrap();
    let imports: Vec<String> = wasmparser::Parser::new(0)
        .parse_all(&out)
        .filter_map(|p| match p {
            Ok(wasmparser::Payload::ImportSection(r)) => Some(r),
            _ => None,
        })
        .flat_map(|r| r.into_imports().map(|i| i.unwrap().name.to_string()).collect::<Vec<_>>())
        .collect();
    assert_eq!(imports, ["fd_seek", "fd_frobnicate"]);
}
