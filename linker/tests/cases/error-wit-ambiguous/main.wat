;; `dep.pick` could be `test:dep/a#pick` or `test:dep/b#pick`: refused, naming both.
(module
  (import "dep" "pick" (func (result i32)))
  (memory (export "memory") 1))
