;; Exports shout anyway.
(module (func (export "shout")))
