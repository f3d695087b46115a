;; Exception handling cannot be carried into either output profile.
(module (tag $e) (func (throw $e)))
