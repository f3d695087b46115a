;; The importer and the exporter disagree on the function's core type.
(module (import "dep" "f" (func (param i32) (result i32))))
