;; `--command nope` on a main module that is a command already and has no
;; `nope`: both problems, at once.
(module
  (import "dep" "inits" (func $inits (result i32)))
  (func (export "_start") (drop (call $inits))))
