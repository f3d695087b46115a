# Thin wrapper for `make` users: every target is a `cargo xtask` task.
.PHONY: build link run test lint bindings clean

build:
	cargo xtask build

link:
	cargo xtask link

run:
	cargo xtask run

test:
	cargo xtask test

lint:
	cargo xtask lint

bindings:
	cargo xtask bindings

clean:
	cargo clean
