;; The importer matches the interface, but the exporter's core type does not.
(module (import "dep" "greet" (func (param i32 i32))) (memory 1))
