;; Owns another memory.
(module (memory 1) (func (export "f") (param i32)))
