;; Extended constant expressions that read an imported global cannot be
;; folded at link time, and WASM3 0.4.7 evaluates none: refused (those the
;; linker can fold are folded: `extended-const-portable`).
(module
  (import "host" "base" (global $base i32))
  (global $end i32 (i32.add (global.get $base) (i32.const 1024)))
  (memory (export "memory") 1)
  (func (export "end") (result i32) (global.get $end)))
