;; A re-export: b exports a function it imports from c; main's import resolves straight to c's.
(module
  (import "b" "answer" (func $answer (result i32)))
  (func (export "run") (result i32) (call $answer)))
