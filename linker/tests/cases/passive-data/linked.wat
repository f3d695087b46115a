(module
  (type (;0;) (func (param i32 i32 i32)))
  (type (;1;) (func))
  (type (;2;) (func (param i32) (result i32)))
  (type (;3;) (func (result i32)))
  (memory (;0;) 1)
  (export "memory" (memory 0))
  (export "init_hello" (func 0))
  (export "init_tail" (func 1))
  (export "init_active" (func 2))
  (export "drop_hello" (func 3))
  (export "drop_tail" (func 4))
  (export "drop_active" (func 5))
  (export "load" (func 6))
  (export "grow" (func 7))
  (export "size" (func 8))
  (func (;0;) (type 0) (param $dst i32) (param $src i32) (param $len i32)
    local.get $dst
    local.get $src
    local.get $len
    memory.init $hello
  )
  (func (;1;) (type 0) (param $dst i32) (param $src i32) (param $len i32)
    local.get $dst
    local.get $src
    local.get $len
    memory.init $tail
  )
  (func (;2;) (type 0) (param $dst i32) (param $src i32) (param $len i32)
    local.get $dst
    local.get $src
    local.get $len
    memory.init $active
  )
  (func (;3;) (type 1)
    data.drop $hello
  )
  (func (;4;) (type 1)
    data.drop $tail
  )
  (func (;5;) (type 1)
    data.drop $active
  )
  (func (;6;) (type 2) (param $at i32) (result i32)
    local.get $at
    i32.load
  )
  (func (;7;) (type 2) (param $pages i32) (result i32)
    local.get $pages
    memory.grow
  )
  (func (;8;) (type 3) (result i32)
    memory.size
  )
  (data $hello (;0;) "hello, world")
  (data $tail (;1;) "0123456789abcdef0123")
  (data $active (;2;) (i32.const 16) "*")
)
