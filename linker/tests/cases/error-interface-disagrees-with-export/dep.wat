;; Exports greet taking one i32 where the interface says a string.
(module (memory 1) (func (export "greet") (param i32)))
