;; Three unrelated problems, reported together.
(module
  (import "dep" "nope" (func))
  (import "dep" "f" (func (param i32)))
  (import "dep" "g" (func (param f32))))
