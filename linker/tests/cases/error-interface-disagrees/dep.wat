;; Exports greet as the interface says.
(module (memory 1) (func (export "greet") (param i32 i32)))
