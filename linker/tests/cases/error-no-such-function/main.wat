;; The interface of `dep` has no function `shout`.
(module (import "dep" "shout" (func)))
