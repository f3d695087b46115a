;; The main module reads what the dependency's start function copied out of
;; its passive segments, and grows the dependency (the top region, with the
;; data area above it) after the segments were dropped.
(module
  (import "dep" "get" (func $get (param i32) (result i32)))
  (import "dep" "peek" (func $peek (param i32) (result i32)))
  (import "dep" "grow" (func $grow (param i32) (result i32)))
  (import "dep" "again" (func $again (result i32)))
  (memory (export "memory") 1)
  (export "get" (func $get))
  (export "peek" (func $peek))
  (export "grow" (func $grow))
  (export "again" (func $again)))
