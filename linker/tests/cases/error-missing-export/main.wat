;; An import that the named module does not export.
(module (import "dep" "missing" (func (result i32))))
