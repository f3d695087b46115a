;; Reference types in bodies (`ref.func`, `ref.is_null`, `table.get`,
;; `table.size`, a typed `select` of `funcref`), in an `externref` global
;; and an `externref` table: WASM3 0.4.7 has none of them. Every use is
;; reported at once, by module.
(module
  (table $fns 2 funcref)
  (table $refs 1 externref)
  (global $nothing (mut externref) (ref.null extern))
  (memory (export "memory") 1)
  (func $f (export "f") (result i32) (ref.is_null (ref.func $f)))
  (func (export "g") (result i32)
    (drop (table.get $fns (i32.const 0)))
    (table.size $fns))
  (func (export "h") (param i32) (result i32)
    (ref.is_null (select (result funcref) (ref.null func) (ref.null func) (local.get 0)))))
