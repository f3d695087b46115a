;; f takes nothing; g does not exist.
(module (func (export "f")))
