;; An Emscripten side module (`-sSIDE_MODULE`): a `dylink.0` section, its
;; data and table entries placed at `__memory_base`/`__table_base`, and
;; symbols of other modules reached through GOT imports. A static link has
;; no loader to provide any of these: refused, with what to build instead.
(module
  (@custom "dylink.0" "\01\04\00\00\00\00")
  (import "env" "memory" (memory 1))
  (import "env" "__memory_base" (global $mb i32))
  (import "env" "__table_base" (global $tb i32))
  (import "GOT.mem" "counter" (global $counter (mut i32)))
  (import "GOT.func" "callback" (global $callback (mut i32)))
  (func (export "get") (result i32) (i32.load (global.get $counter))))
