(module
  (type (;0;) (func))
  (type (;1;) (func (result i32)))
  (global $seen (;0;) (mut i32) i32.const -1)
  (global (;1;) (mut i32) i32.const 0)
  (export "run" (func 1))
  (start $"start (runs every module's start in dependency order)")
  (func $main::start (;0;) (type 0)
    global.get 1
    global.set $seen
  )
  (func (;1;) (type 1) (result i32)
    global.get $seen
  )
  (func $dep::start (;2;) (type 0)
    i32.const 7
    global.set 1
  )
  (func $"start (runs every module's start in dependency order)" (;3;) (type 0)
    call $dep::start
    call $main::start
  )
)
