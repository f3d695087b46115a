//! Components in, one core module out. The inputs are real components made
//! the way `wit-bindgen` + `wasm-tools component new` make them (a core
//! module with its WIT world embedded, encoded by `wit-component`'s
//! `ComponentEncoder`: a shim module, a fix-up module, `canon lift` and
//! `canon lower` with `memory`, `realloc` and `post-return` options), from
//! small hand-written core modules that follow the canonical ABI; and a
//! composition of the two (a component instantiating both, as `wac plug`
//! writes). Each is linked in both profiles and run on Wasmer (cranelift and
//! singlepass); the host calls the output's exports by the canonical ABI's
//! rule (flattened parameters, a returned pointer to `(ptr, len)`, then
//! `cabi_post_<export>`). What is refused is refused with a sentence.

use linker::{Linker, Profile};
use wasmer::{imports, Instance, Module, Store, Value};
use wit_parser::Resolve;

const WIT: &str = r#"package fixture:blocks;

interface ops {
  record stats { count: u32, label: string }
  variant shape { empty, named(string), square(u32) }
  shout: func(s: string) -> string;
  summarize: func(xs: list<u32>, label: string) -> stats;
  describe: func(s: shape) -> option<string>;
  live: func() -> u32;
}

world block { export ops; }

world app {
  import ops;
  export run: func(seed: u32) -> string;
  export summary: func() -> string;
  export describe-all: func() -> string;
  export live: func() -> u32;
}
"#;

/// The block: `shout` upper-cases into a fresh allocation; `summarize`
/// counts and sums; `describe` names a shape; `live` counts results not yet
/// handed back to a post-return function.
const BLOCK: &str = r#"(module
  (memory (export "memory") 1)
  (global $bump (mut i32) (i32.const 4096))
  (global $live (mut i32) (i32.const 0))
  (func $realloc (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get 2) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get 2))))
    (global.set $bump (i32.add (local.get $p) (local.get 3)))
    (local.get $p))
  (func $copy_upper (param $p i32) (param $n i32) (result i32)
    (local $q i32) (local $i i32) (local $c i32)
    (local.set $q (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (local.get $n)))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $i))))
      (if (i32.and (i32.ge_u (local.get $c) (i32.const 97)) (i32.le_u (local.get $c) (i32.const 122)))
        (then (local.set $c (i32.sub (local.get $c) (i32.const 32)))))
      (i32.store8 (i32.add (local.get $q) (local.get $i)) (local.get $c))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (local.get $q))
  (func (export "fixture:blocks/ops#shout") (param $p i32) (param $n i32) (result i32)
    (i32.store (i32.const 16) (call $copy_upper (local.get $p) (local.get $n)))
    (i32.store (i32.const 20) (local.get $n))
    (global.set $live (i32.add (global.get $live) (i32.const 1)))
    (i32.const 16))
  (func (export "cabi_post_fixture:blocks/ops#shout") (param i32)
    (global.set $live (i32.sub (global.get $live) (i32.const 1))))
  ;; summarize(xs, label) -> stats { count: sum of xs, label: upper(label) }
  (func (export "fixture:blocks/ops#summarize") (param $xs i32) (param $n i32) (param $lp i32) (param $ln i32) (result i32)
    (local $i i32) (local $sum i32)
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $sum (i32.add (local.get $sum) (i32.load (i32.add (local.get $xs) (i32.shl (local.get $i) (i32.const 2))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $l)))
    (i32.store (i32.const 32) (local.get $sum))
    (i32.store (i32.const 36) (call $copy_upper (local.get $lp) (local.get $ln)))
    (i32.store (i32.const 40) (local.get $ln))
    (global.set $live (i32.add (global.get $live) (i32.const 1)))
    (i32.const 32))
  (func (export "cabi_post_fixture:blocks/ops#summarize") (param i32)
    (global.set $live (i32.sub (global.get $live) (i32.const 1))))
  ;; describe(shape) -> option<string>: none for empty, upper(name) for
  ;; named, "SQUARE" for square.
  (data (i32.const 64) "SQUARE")
  (func (export "fixture:blocks/ops#describe") (param $tag i32) (param $a i32) (param $b i32) (result i32)
    (if (i32.eqz (local.get $tag)) (then (i32.store8 (i32.const 48) (i32.const 0)) (return (i32.const 48))))
    (i32.store8 (i32.const 48) (i32.const 1))
    (if (i32.eq (local.get $tag) (i32.const 1))
      (then
        (i32.store (i32.const 52) (call $copy_upper (local.get $a) (local.get $b)))
        (i32.store (i32.const 56) (local.get $b)))
      (else
        (i32.store (i32.const 52) (call $copy_upper (i32.const 64) (i32.const 6)))
        (i32.store (i32.const 56) (i32.const 6))))
    (global.set $live (i32.add (global.get $live) (i32.const 1)))
    (i32.const 48))
  (func (export "cabi_post_fixture:blocks/ops#describe") (param $r i32)
    (if (i32.load8_u (local.get $r))
      (then (global.set $live (i32.sub (global.get $live) (i32.const 1))))))
  (func (export "fixture:blocks/ops#live") (result i32) (global.get $live)))"#;

/// The app: each export calls the block with data from its own memory and
/// returns a string built from the results (in its memory).
const APP: &str = r#"(module
  (import "fixture:blocks/ops" "shout" (func $shout (param i32 i32 i32)))
  (import "fixture:blocks/ops" "summarize" (func $summarize (param i32 i32 i32 i32 i32)))
  (import "fixture:blocks/ops" "describe" (func $describe (param i32 i32 i32 i32)))
  (import "fixture:blocks/ops" "live" (func $live (result i32)))
  (memory (export "memory") 1)
  (global $bump (mut i32) (i32.const 8192))
  (data (i32.const 100) "hello, world")
  (data (i32.const 120) "\01\00\00\00\02\00\00\00\03\00\00\00\04\00\00\00")
  (data (i32.const 140) "total")
  (data (i32.const 160) "circle")
  (func $realloc (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get 2) (i32.const 1)))
                           (i32.sub (i32.const 0) (local.get 2))))
    (global.set $bump (i32.add (local.get $p) (local.get 3)))
    (local.get $p))
  ;; run(seed) -> shout("hello, world"), the seed ignored.
  (func (export "run") (param i32) (result i32)
    (call $shout (i32.const 100) (i32.const 12) (i32.const 200))
    (i32.const 200))
  (func (export "cabi_post_run") (param i32))
  ;; summary() -> label, with the count written as one byte before it:
  ;; summarize([1,2,3,4], "total") is { count: 10, label: "TOTAL" }.
  (func (export "summary") (result i32)
    (local $p i32)
    (call $summarize (i32.const 120) (i32.const 4) (i32.const 140) (i32.const 5) (i32.const 220))
    (local.set $p (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (i32.add (i32.load (i32.const 228)) (i32.const 1))))
    (i32.store8 (local.get $p) (i32.add (i32.const 48) (i32.load (i32.const 220))))
    (memory.copy (i32.add (local.get $p) (i32.const 1)) (i32.load (i32.const 224)) (i32.load (i32.const 228)))
    (i32.store (i32.const 240) (local.get $p))
    (i32.store (i32.const 244) (i32.add (i32.load (i32.const 228)) (i32.const 1)))
    (i32.const 240))
  (func (export "cabi_post_summary") (param i32))
  ;; describe-all() -> describe(named("circle")) ++ "|" ++ describe(square(3)),
  ;; or "-" for none.
  (func $piece (param $r i32) (param $at i32) (result i32)
    (if (result i32) (i32.load8_u (local.get $r))
      (then
        (memory.copy (local.get $at) (i32.load (i32.add (local.get $r) (i32.const 4))) (i32.load (i32.add (local.get $r) (i32.const 8))))
        (i32.load (i32.add (local.get $r) (i32.const 8))))
      (else (i32.store8 (local.get $at) (i32.const 45)) (i32.const 1))))
  (func (export "describe-all") (result i32)
    (local $n i32)
    (call $describe (i32.const 1) (i32.const 160) (i32.const 6) (i32.const 300))
    (call $describe (i32.const 2) (i32.const 3) (i32.const 0) (i32.const 320))
    (call $describe (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 340))
    (local.set $n (call $piece (i32.const 300) (i32.const 400)))
    (i32.store8 (i32.add (i32.const 400) (local.get $n)) (i32.const 124))
    (local.set $n (i32.add (local.get $n) (i32.const 1)))
    (local.set $n (i32.add (local.get $n) (call $piece (i32.const 320) (i32.add (i32.const 400) (local.get $n)))))
    (i32.store8 (i32.add (i32.const 400) (local.get $n)) (i32.const 124))
    (local.set $n (i32.add (local.get $n) (i32.const 1)))
    (local.set $n (i32.add (local.get $n) (call $piece (i32.const 340) (i32.add (i32.const 400) (local.get $n)))))
    (i32.store (i32.const 380) (i32.const 400))
    (i32.store (i32.const 384) (local.get $n))
    (i32.const 380))
  (func (export "cabi_post_describe-all") (param i32))
  (func (export "live") (result i32) (call $live)))"#;

/// A component of `core` (WAT) with `world` of [`WIT`] embedded, encoded by
/// `wit-component` as `wasm-tools component new` does.
fn component(world: &str, core: &str, encoding: wit_component::StringEncoding) -> Vec<u8> {
    encode(WIT, world, core, encoding)
}

/// `core` (WAT) with `world` of the WIT package `wit` embedded, encoded as
/// a component.
fn encode(wit: &str, world: &str, core: &str, encoding: wit_component::StringEncoding) -> Vec<u8> {
    let mut resolve = Resolve::default();
    let package = resolve.push_str("package.wit", wit).unwrap();
    let world = resolve.select_world(&[package], Some(world)).unwrap();
    let mut module = wat::parse_str(core).unwrap();
    wit_component::embed_component_metadata(&mut module, &resolve, world, encoding, false).unwrap();
    wit_component::ComponentEncoder::default().module(&module).unwrap().validate(true).encode().unwrap()
}

fn block() -> Vec<u8> {
    component("block", BLOCK, wit_component::StringEncoding::UTF8)
}

fn app() -> Vec<u8> {
    component("app", APP, wit_component::StringEncoding::UTF8)
}

/// The app and the block composed into one component, as `wac plug` does:
/// the app's import of `fixture:blocks/ops` is the block's export.
fn composed() -> Vec<u8> {
    let nested = |name: &str, bytes: &[u8]| {
        let text = wasmprinter::print_bytes(bytes).unwrap();
        text.replacen("(component", &format!("(component ${name}"), 1)
    };
    let text = format!(
        r#"(component
          {}
          {}
          (instance $b (instantiate $block))
          (instance $a (instantiate $app (with "fixture:blocks/ops" (instance $b "fixture:blocks/ops"))))
          (export "run" (func $a "run"))
          (export "summary" (func $a "summary"))
          (export "describe-all" (func $a "describe-all"))
          (export "live" (func $a "live")))"#,
        nested("block", &block()),
        nested("app", &app())
    );
    wat::parse_str(&text).unwrap()
}

fn link(modules: &[(&str, Vec<u8>)], profile: Profile) -> Result<Vec<u8>, linker::LinkError> {
    let mut linker = Linker::new().profile(profile);
    for (name, bytes) in modules {
        linker = linker.module_from(*name, bytes.clone(), format!("{name}.wasm"));
    }
    linker.link()
}

/// Calls the string-returning export `name` by the canonical ABI's rule.
fn call_string(store: &mut Store, instance: &Instance, name: &str, args: &[Value]) -> String {
    let func = instance.exports.get_function(name).unwrap();
    let area = func.call(store, args).unwrap()[0].unwrap_i32() as u64;
    let memory = instance.exports.get_memory("memory").unwrap();
    let view = memory.view(store);
    let mut word = [0u8; 8];
    view.read(area, &mut word).unwrap();
    let (ptr, len) =
        (u32::from_le_bytes(word[..4].try_into().unwrap()), u32::from_le_bytes(word[4..].try_into().unwrap()));
    let mut bytes = vec![0u8; len as usize];
    view.read(ptr as u64, &mut bytes).unwrap();
    let post = instance.exports.get_function(&format!("cabi_post_{name}")).unwrap();
    post.call(store, &[Value::I32(area as i32)]).unwrap();
    String::from_utf8(bytes).unwrap()
}

fn stores() -> Vec<(&'static str, Store)> {
    vec![
        ("cranelift", Store::new(wasmer::sys::Cranelift::default())),
        ("singlepass", Store::new(wasmer::sys::Singlepass::default())),
    ]
}

/// Runs every export of the app in `output` and checks what it returns.
fn check_app(output: &[u8], what: &str) {
    for (engine, mut store) in stores() {
        let module = Module::new(&store, output).unwrap_or_else(|e| panic!("{what} on {engine}: {e}"));
        let instance = Instance::new(&mut store, &module, &imports! {}).unwrap();
        for seed in 0..3 {
            assert_eq!(
                call_string(&mut store, &instance, "run", &[Value::I32(seed)]),
                "HELLO, WORLD",
                "{what} on {engine}"
            );
        }
        assert_eq!(
            call_string(&mut store, &instance, "summary", &[]),
            ":TOTAL",
            "{what} on {engine}: 10 is ':' after '0'"
        );
        assert_eq!(call_string(&mut store, &instance, "describe-all", &[]), "CIRCLE|SQUARE|-", "{what} on {engine}");
        // Every result the block handed over went back to its post-return.
        let live = instance.exports.get_function("live").unwrap();
        assert_eq!(
            live.call(&mut store, &[]).unwrap()[0].unwrap_i32(),
            0,
            "{what} on {engine}: results not handed back"
        );
        // No import is left: the output is one module.
        assert_eq!(module.imports().count(), 0, "{what}");
    }
}

#[test]
fn an_app_component_and_a_block_component_link_into_one_core_module_in_both_profiles() {
    for profile in [Profile::MultiMemory, Profile::Portable] {
        let output = link(&[("app", app()), ("block", block())], profile)
            .unwrap_or_else(|e| panic!("linking the components ({}) failed:\n{e}", profile.name()));
        let memories = wasmparser::Parser::new(0)
            .parse_all(&output)
            .filter_map(|p| match p.unwrap() {
                wasmparser::Payload::MemorySection(r) => Some(r.count()),
                _ => None,
            })
            .sum::<u32>();
        let expected = if profile == Profile::Portable { 1 } else { 2 };
        assert_eq!(memories, expected, "{}: one memory per component's main instance, or one", profile.name());
        check_app(&output, profile.name());
    }
}

#[test]
fn a_composition_flattens_like_its_parts() {
    for profile in [Profile::MultiMemory, Profile::Portable] {
        let output = link(&[("composed", composed())], profile)
            .unwrap_or_else(|e| panic!("linking the composition ({}) failed:\n{e}", profile.name()));
        check_app(&output, &format!("composition, {}", profile.name()));
    }
}

#[test]
fn an_import_no_input_component_exports_is_refused_naming_it() {
    let err = link(&[("app", app())], Profile::Portable).unwrap_err().to_string();
    assert!(
        err.contains("component `app` (app.wasm) imports `fixture:blocks/ops`, but no other input component exports it: give the component that exports `fixture:blocks/ops`"),
        "{err}"
    );
}

#[test]
fn utf16_strings_are_refused_naming_the_function() {
    let block = component("block", BLOCK, wit_component::StringEncoding::UTF16);
    let err = link(&[("app", app()), ("block", block)], Profile::Portable).unwrap_err().to_string();
    assert!(err.contains("lowers `fixture:blocks/ops.shout` with UTF-16 strings (`string-encoding=utf16`), which the linker does not support yet"), "{err}");
}

#[test]
fn a_truncated_or_corrupt_component_is_refused_naming_the_file() {
    let whole = app();
    for cut in [12, whole.len() / 2, whole.len() - 1] {
        let err =
            link(&[("app", whole[..cut].to_vec()), ("block", block())], Profile::Portable).unwrap_err().to_string();
        assert!(err.contains("module `app` (app.wasm) is not a valid component:"), "cut at {cut}: {err}");
    }
    let mut broken = whole.clone();
    let at = broken.len() / 3;
    broken[at] ^= 0xff;
    broken[at + 1] ^= 0xff;
    match link(&[("app", broken), ("block", block())], Profile::Portable) {
        Ok(_) => {} // a flipped byte inside data can leave a valid component
        Err(e) => assert!(!e.to_string().contains("internal error"), "{e}"),
    }
}

const RESOURCE_WIT: &str = r#"package fixture:res;

interface counters {
  resource counter {
    constructor(start: u32);
    get: func() -> u32;
    bump: func(by: u32);
    merge: static func(a: borrow<counter>, b: own<counter>) -> counter;
  }
  resource gauge {
    constructor();
  }
  dropped: func() -> u32;
}

interface keep {
  use counters.{counter};
  peek: func(c: borrow<counter>) -> u32;
}

world block { export counters; }

world middle { import counters; export keep; }

world app {
  import counters;
  import keep;
  export run: func() -> u32;
  export dropped: func() -> u32;
  export use-after-drop: func() -> u32;
  export double-drop: func();
  export forged: func(h: u32) -> u32;
  export use-after-move: func() -> u32;
  export wrong-type: func() -> u32;
  export peek: func(forget: bool) -> u32;
}
"#;

/// An exported resource, with the built-ins and destructor `wit-bindgen`
/// uses: the constructor allocates a cell and makes a handle of it with
/// `resource.new`; methods get the cell itself (the representation); the
/// destructor counts the cells it is handed.
const RESOURCE_BLOCK: &str = r#"(module
  (import "[export]fixture:res/counters" "[resource-new]counter" (func $new (param i32) (result i32)))
  (import "[export]fixture:res/counters" "[resource-rep]counter" (func $rep (param i32) (result i32)))
  (import "[export]fixture:res/counters" "[resource-drop]counter" (func $drop (param i32)))
  (import "[export]fixture:res/counters" "[resource-new]gauge" (func $new_gauge (param i32) (result i32)))
  (memory (export "memory") 1)
  (global $next (mut i32) (i32.const 1024))
  (global $dropped (mut i32) (i32.const 0))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 512))
  ;; Cells come from a ring of 4096 (few are alive at once).
  (func $cell (param $v i32) (result i32) (local $p i32)
    (local.set $p (global.get $next))
    (global.set $next (i32.add (i32.const 1024) (i32.and (i32.sub (i32.add (local.get $p) (i32.const 4)) (i32.const 1024)) (i32.const 16383))))
    (i32.store (local.get $p) (local.get $v))
    (local.get $p))
  (func (export "fixture:res/counters#[constructor]counter") (param i32) (result i32)
    (call $new (call $cell (local.get 0))))
  (func (export "fixture:res/counters#[method]counter.get") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "fixture:res/counters#[method]counter.bump") (param i32 i32)
    (i32.store (local.get 0) (i32.add (i32.load (local.get 0)) (local.get 1))))
  ;; merge(a: borrow, b: own) -> own: a new counter a + b; b is the block's
  ;; own handle, given up here: its cell is read with resource.rep, then
  ;; dropped (which runs the destructor).
  (func (export "fixture:res/counters#[static]counter.merge") (param $a i32) (param $b i32) (result i32)
    (local $sum i32)
    (local.set $sum (i32.add (i32.load (local.get $a)) (i32.load (call $rep (local.get $b)))))
    (call $drop (local.get $b))
    (call $new (call $cell (local.get $sum))))
  (func (export "fixture:res/counters#dropped") (result i32) (global.get $dropped))
  (func (export "fixture:res/counters#[dtor]counter") (param i32)
    (global.set $dropped (i32.add (global.get $dropped) (i32.const 1))))
  (func (export "fixture:res/counters#[constructor]gauge") (result i32) (call $new_gauge (i32.const 0)))
  (func (export "fixture:res/counters#[dtor]gauge") (param i32)))"#;

/// A component between the app and the block: it borrows the app's counter
/// and reads it through the block; with `forget` set, it does not drop the
/// borrowed handle before returning, which the component model forbids.
const RESOURCE_MIDDLE: &str = r#"(module
  (import "fixture:res/counters" "[method]counter.get" (func $get (param i32) (result i32)))
  (import "fixture:res/counters" "[resource-drop]counter" (func $drop (param i32)))
  (memory (export "memory") 1)
  (global $forget (mut i32) (i32.const 0))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 512))
  (func (export "fixture:res/keep#peek") (param $c i32) (result i32) (local $v i32)
    (local.set $v (call $get (local.get $c)))
    (if (i32.eqz (global.get $forget)) (then (call $drop (local.get $c))))
    (global.set $forget (i32.const 1))
    (local.get $v)))"#;

const RESOURCE_APP: &str = r#"(module
  (import "fixture:res/counters" "[constructor]counter" (func $new (param i32) (result i32)))
  (import "fixture:res/counters" "[method]counter.get" (func $get (param i32) (result i32)))
  (import "fixture:res/counters" "[method]counter.bump" (func $bump (param i32 i32)))
  (import "fixture:res/counters" "[static]counter.merge" (func $merge (param i32 i32) (result i32)))
  (import "fixture:res/counters" "[resource-drop]counter" (func $drop (param i32)))
  (import "fixture:res/counters" "dropped" (func $dropped (result i32)))
  (import "fixture:res/counters" "[constructor]gauge" (func $new_gauge (result i32)))
  (import "fixture:res/keep" "peek" (func $peek (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 512))
  ;; (7 + 3) merged with 5 = 15; the merge's own argument and both results dropped.
  (func (export "run") (result i32) (local $a i32) (local $b i32) (local $c i32) (local $v i32)
    (local.set $a (call $new (i32.const 7)))
    (call $bump (local.get $a) (i32.const 3))
    (local.set $b (call $new (i32.const 5)))
    (local.set $c (call $merge (local.get $a) (local.get $b)))
    (local.set $v (call $get (local.get $c)))
    (call $drop (local.get $a))
    (call $drop (local.get $c))
    (local.get $v))
  (func (export "dropped") (result i32) (call $dropped))
  (func (export "use-after-drop") (result i32) (local $a i32)
    (local.set $a (call $new (i32.const 1)))
    (call $drop (local.get $a))
    (call $get (local.get $a)))
  (func (export "double-drop") (local $a i32)
    (local.set $a (call $new (i32.const 1)))
    (call $drop (local.get $a))
    (call $drop (local.get $a)))
  (func (export "forged") (param i32) (result i32) (call $get (local.get 0)))
  ;; b is moved into merge: using it afterwards traps. (Handle numbers are
  ;; reused, as in the component model: the result takes b's freed slot,
  ;; so it is dropped first.)
  (func (export "use-after-move") (result i32) (local $a i32) (local $b i32)
    (local.set $a (call $new (i32.const 1)))
    (local.set $b (call $new (i32.const 2)))
    (call $drop (call $merge (local.get $a) (local.get $b)))
    (call $get (local.get $b)))
  ;; a gauge's handle where a counter's is expected.
  (func (export "wrong-type") (result i32) (call $get (call $new_gauge)))
  ;; the middle component reads a counter the app lends it: the second
  ;; call, it keeps the borrowed handle (the argument is ignored).
  (func (export "peek") (param i32) (result i32) (local $a i32) (local $v i32)
    (local.set $a (call $new (i32.const 42)))
    (local.set $v (call $peek (local.get $a)))
    (call $drop (local.get $a))
    (local.get $v)))"#;

fn resource_component(world: &str, core: &str) -> Vec<u8> {
    encode(RESOURCE_WIT, world, core, wit_component::StringEncoding::UTF8)
}

fn resource_components() -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    (
        resource_component("app", RESOURCE_APP),
        resource_component("block", RESOURCE_BLOCK),
        resource_component("middle", RESOURCE_MIDDLE),
    )
}

fn call_i32(store: &mut Store, instance: &Instance, name: &str, args: &[Value]) -> Result<i32, String> {
    let func = instance.exports.get_function(name).unwrap();
    match func.call(store, args) {
        Ok(values) => Ok(values.first().map(|v| v.unwrap_i32()).unwrap_or(0)),
        Err(e) => Err(format!(
            "{} {:?}",
            e.message(),
            e.trace().iter().map(|f| f.function_name().unwrap_or("?").to_string()).collect::<Vec<_>>()
        )),
    }
}

#[test]
fn resources_cross_with_handle_tables_and_destructors_run() {
    let (app, block, middle) = resource_components();
    for profile in [Profile::MultiMemory, Profile::Portable] {
        let output = link(&[("app", app.clone()), ("block", block.clone()), ("middle", middle.clone())], profile)
            .unwrap_or_else(|e| panic!("linking components with a resource ({}) failed:\n{e}", profile.name()));
        for (engine, mut store) in stores() {
            let what = format!("{} on {engine}", profile.name());
            let module = Module::new(&store, &output).unwrap();
            let instance = Instance::new(&mut store, &module, &imports! {}).unwrap();
            for round in 1..=3 {
                assert_eq!(call_i32(&mut store, &instance, "run", &[]), Ok(15), "{what}");
                // Three counters dropped per run, each destructor run once:
                // a and c by the app, b by the block, to which it moved.
                assert_eq!(call_i32(&mut store, &instance, "dropped", &[]), Ok(3 * round), "{what}");
            }
            // 10 000 more runs: the handle tables reuse their slots.
            let before = instance.exports.get_memory("memory").unwrap().view(&store).size();
            for _ in 0..10_000 {
                assert_eq!(call_i32(&mut store, &instance, "run", &[]), Ok(15), "{what}");
            }
            assert_eq!(instance.exports.get_memory("memory").unwrap().view(&store).size(), before, "{what}");
        }
    }
}

#[test]
fn misused_handles_trap_as_the_component_model_says() {
    let (app, block, middle) = resource_components();
    for profile in [Profile::MultiMemory, Profile::Portable] {
        let output =
            link(&[("app", app.clone()), ("block", block.clone()), ("middle", middle.clone())], profile).unwrap();
        for (engine, mut store) in stores() {
            let what = format!("{} on {engine}", profile.name());
            let module = Module::new(&store, &output).unwrap();
            for (case, args) in [
                ("use-after-drop", vec![]),
                ("double-drop", vec![]),
                ("forged", vec![Value::I32(0)]),
                ("forged", vec![Value::I32(99)]),
                ("use-after-move", vec![]),
                ("wrong-type", vec![]),
            ] {
                // A fresh instance per case: a trap leaves an instance unusable.
                let instance = Instance::new(&mut store, &module, &imports! {}).unwrap();
                let got = call_i32(&mut store, &instance, case, &args);
                assert!(
                    got.as_ref().is_err_and(|e| e.contains("unreachable")),
                    "{what}: `{case}{args:?}` must trap, got {got:?}"
                );
            }
            // A borrow given back is fine; one kept past the call traps
            // when the call returns.
            let instance = Instance::new(&mut store, &module, &imports! {}).unwrap();
            assert_eq!(call_i32(&mut store, &instance, "peek", &[Value::I32(0)]), Ok(42), "{what}");
            let kept = call_i32(&mut store, &instance, "peek", &[Value::I32(1)]);
            assert!(
                kept.as_ref().is_err_and(|e| e.contains("unreachable")),
                "{what}: a kept borrow must trap, got {kept:?}"
            );
        }
    }
}

/// The command line: components link by file name alone (a dependency
/// component is matched by the interfaces it exports, no `NAME=`), and a
/// refused link writes nothing.
#[test]
fn the_command_links_components_by_file_and_writes_nothing_when_it_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let (app_path, block_path) = (dir.path().join("app.wasm"), dir.path().join("block.wasm"));
    std::fs::write(&app_path, app()).unwrap();
    std::fs::write(&block_path, block()).unwrap();
    let out = dir.path().join("out.wasm");
    let run = |args: &[&std::path::Path]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_wasmer-link")).args(args).output().unwrap()
    };
    let o = std::path::Path::new("-o");
    let done = run(&[&app_path, &block_path, o, &out]);
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    assert!(String::from_utf8_lossy(&done.stderr).is_empty(), "no warnings: {}", String::from_utf8_lossy(&done.stderr));
    check_app(&std::fs::read(&out).unwrap(), "linked by the command");

    std::fs::remove_file(&out).unwrap();
    let refused = run(&[&app_path, o, &out]);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("imports `fixture:blocks/ops`, but no other input component exports it"), "{stderr}");
    assert!(!out.exists(), "a refused link wrote {}", out.display());
}

#[test]
fn print_adapters_shows_the_canonical_calls() {
    let text =
        Linker::new().module("app", app()).module("block", block()).print_adapters().unwrap_or_else(|e| panic!("{e}"));
    for func in ["shout", "summarize", "describe"] {
        assert!(text.contains(&format!(";; adapter app -> block.{func}")), "{func}:\n{text}");
    }
    // `live` passes numbers only: no adapter.
    assert!(!text.contains("block.live"), "{text}");
}

/// A WAI pipeline (a core module with WAI glue) importing a function of a
/// block that is a component: the WAI side on one end, the component
/// model's on the other, as with a `wit-bindgen` core module.
#[test]
fn a_wai_pipeline_imports_a_component_block_by_plain_names() {
    const MAIN: &str = r#"(module
      (import "block" "shout" (func $shout (param i32 i32 i32)))
      (memory (export "memory") 1)
      (global $bump (mut i32) (i32.const 8192))
      (data (i32.const 100) "hello, wai")
      (func (export "canonical_abi_realloc") (param i32 i32 i32 i32) (result i32)
        (local $p i32)
        (local.set $p (global.get $bump))
        (global.set $bump (i32.add (local.get $p) (local.get 3)))
        (local.get $p))
      (func (export "canonical_abi_free") (param i32 i32 i32))
      (func (export "run") (result i32)
        (call $shout (i32.const 100) (i32.const 10) (i32.const 200))
        (i32.const 200))
      (func (export "cabi_post_run") (param i32)))"#;
    for profile in [Profile::MultiMemory, Profile::Portable] {
        let output = Linker::new()
            .profile(profile)
            .module("main", wat::parse_str(MAIN).unwrap())
            .module("block", block())
            .interface("block", "shout: func(s: string) -> string\n")
            .link()
            .unwrap_or_else(|e| panic!("{}: {e}", profile.name()));
        for (engine, mut store) in stores() {
            let module = Module::new(&store, &output).unwrap();
            let instance = Instance::new(&mut store, &module, &imports! {}).unwrap();
            assert_eq!(call_string(&mut store, &instance, "run", &[]), "HELLO, WAI", "{} on {engine}", profile.name());
        }
    }
    // The WAI side must agree with the component's WIT.
    let err = Linker::new()
        .module("main", wat::parse_str(MAIN).unwrap())
        .module("block", block())
        .interface("block", "shout: func(s: list<u8>) -> string\n")
        .link()
        .unwrap_err()
        .to_string();
    assert!(err.contains("disagree") && err.contains("block"), "{err}");
}
