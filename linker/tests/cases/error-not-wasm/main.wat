;; The main module is fine; the dependency is not wasm at all.
(module)
