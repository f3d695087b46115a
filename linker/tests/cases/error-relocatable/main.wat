;; An object file (`clang -c`): its `linking` and `reloc.CODE` sections
;; say it still needs wasm-ld. Refused, with the command to run.
(module
  (@custom "linking" "\02")
  (@custom "reloc.CODE" "\03\00")
  (func (export "f") (result i32) (i32.const 1)))
