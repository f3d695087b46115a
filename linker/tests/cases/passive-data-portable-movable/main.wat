;; Passive data segments (what LLVM's `__wasm_init_memory` copies from,
;; with bulk memory): in the portable profile their bytes live in a data
;; area above the top region, `memory.init` is a helper that traps where
;; the instruction does, and `data.drop` empties the segment. The same
;; module and run.txt in `passive-data` (multi-memory, where Wasmer runs
;; the instructions themselves) are the oracle.
(module
  (memory (export "memory") 1)
  (data $hello "hello, world")
  (data $tail "0123456789abcdef0123")
  (data $active (i32.const 16) "*")
  (func (export "init_hello") (param $dst i32) (param $src i32) (param $len i32)
    (memory.init $hello (local.get $dst) (local.get $src) (local.get $len)))
  (func (export "init_tail") (param $dst i32) (param $src i32) (param $len i32)
    (memory.init $tail (local.get $dst) (local.get $src) (local.get $len)))
  (func (export "init_active") (param $dst i32) (param $src i32) (param $len i32)
    (memory.init $active (local.get $dst) (local.get $src) (local.get $len)))
  (func (export "drop_hello") (data.drop $hello))
  (func (export "drop_tail") (data.drop $tail))
  (func (export "drop_active") (data.drop $active))
  (func (export "load") (param $at i32) (result i32) (i32.load (local.get $at)))
  (func (export "grow") (param $pages i32) (result i32) (memory.grow (local.get $pages)))
  (func (export "size") (result i32) (memory.size)))
