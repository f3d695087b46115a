;; A 64-bit memory cannot be carried into either output profile.
(module (memory i64 1))
