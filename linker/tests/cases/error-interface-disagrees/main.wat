;; The interface says `greet` takes a string, but the module imports it as taking one i32.
(module (import "dep" "greet" (func (param i32))) (memory 1))
