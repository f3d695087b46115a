;; a and b each re-export what they import from the other: nothing defines it.
(module (import "a" "f" (func)))
