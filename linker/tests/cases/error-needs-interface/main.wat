;; An i32 crossing between two memories with no interface: it may be a pointer, so the linker refuses to guess.
(module (import "dep" "f" (func (param i32))) (memory 1))
