;; Shared memory (threads) cannot be carried into either output profile.
(module (memory 1 1 shared))
