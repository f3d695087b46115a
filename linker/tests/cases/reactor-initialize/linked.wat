(module
  (type (;0;) (func (result i32)))
  (type (;1;) (func))
  (global (;0;) (mut i32) i32.const -1)
  (global (;1;) (mut i32) i32.const 0)
  (global (;2;) (mut i32) i32.const 0)
  (global (;3;) (mut i32) i32.const 0)
  (export "_initialize" (func $"_initialize (runs every reactor's `_initialize` once, dependencies first)"))
  (export "seen" (func 1))
  (export "own" (func 2))
  (export "inits" (func 4))
  (func (;0;) (type 1)
    call 4
    global.set 0
    global.get 1
    i32.const 1
    i32.add
    global.set 1
  )
  (func (;1;) (type 0) (result i32)
    global.get 0
  )
  (func (;2;) (type 0) (result i32)
    global.get 1
  )
  (func (;3;) (type 1)
    global.get 2
    if ;; label = @1
      unreachable
    end
    global.get 2
    i32.const 1
    i32.add
    global.set 2
  )
  (func (;4;) (type 0) (result i32)
    global.get 2
  )
  (func $"_initialize (runs every reactor's `_initialize` once, dependencies first)" (;5;) (type 1)
    global.get 3
    i32.eqz
    if ;; label = @1
      i32.const 1
      global.set 3
      call 3
      call 0
    end
  )
)
