;; Four bytes at offset 0xFFFFFF00 of a one-page memory.
(module (memory 1) (data (i32.const -256) "XXXX") (func (export "peek") (result i32) (i32.const 0)))
