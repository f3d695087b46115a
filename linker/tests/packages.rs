//! Wasmer packages in and out: the `.webc` that `cargo xtask package` writes
//! is one Wasmer's own crate reads back, and `wasmer-link` links it (as a
//! file and by name) to exactly the module it links from the plain `.wasm`;
//! `wasmer-link interfaces` prints what a module or package carries; and
//! every bad package is a clear error naming its file, with no output file.
//!
//! Needs the modules `cargo xtask build` writes (`$RUNE_WASM_DIR`, default
//! `target/wasm`) and the package `cargo xtask package` writes
//! (`$RUNE_PACKAGES_DIR`, default `target/wapm_packages`); `cargo xtask test`
//! makes both.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use wasmer_package::package::{MemoryDir, MemoryVolume, Package, Strictness};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn wasm(name: &str) -> PathBuf {
    let dir = std::env::var_os("RUNE_WASM_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target/wasm"));
    let path = dir.join(format!("{name}.wasm"));
    assert!(path.is_file(), "no `{}`: run `cargo xtask build` (or `cargo xtask test`)", path.display());
    path
}

fn packages_dir() -> PathBuf {
    let dir =
        std::env::var_os("RUNE_PACKAGES_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("target/wapm_packages"));
    assert!(
        dir.join("example/dependency@0.1.0.webc").is_file(),
        "no `example/dependency@0.1.0.webc` in `{}`: run `cargo xtask package` (or `cargo xtask test`)",
        dir.display()
    );
    dir
}

fn link(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wasmer-link")).args(args).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn linked(args: &[&str], out: &Path) -> Vec<u8> {
    let mut all = args.to_vec();
    let out_arg = out.display().to_string();
    all.extend(["-o", &out_arg]);
    let result = link(&all);
    assert_eq!(result.status.code(), Some(0), "wasmer-link {all:?}: {}", stderr(&result));
    std::fs::read(out).unwrap()
}

#[test]
fn the_webc_cargo_xtask_package_writes_is_read_by_wasmers_crate_and_links_like_the_plain_module() {
    let packages = packages_dir();
    let webc = packages.join("example/dependency@0.1.0.webc");
    let dependency = std::fs::read(wasm("dependency")).unwrap();

    // Wasmer's own reader: the atom is the module, the bindings name the
    // interfaces, which the metadata volume holds.
    let container = wasmer_package::utils::from_disk(&webc).unwrap_or_else(|e| panic!("{}: {e}", webc.display()));
    let manifest = container.manifest();
    assert_eq!(manifest.atoms.keys().collect::<Vec<_>>(), ["dependency"]);
    assert_eq!(container.get_atom("dependency").unwrap().as_ref(), dependency.as_slice());
    let bindings: Vec<_> = manifest.bindings.iter().filter_map(|b| b.get_wai_bindings()).collect();
    assert_eq!(bindings.len(), 1, "{:?}", manifest.bindings);
    assert_eq!(bindings[0].module, "dependency");
    let metadata = container.get_volume("metadata").expect("a metadata volume");
    for (uri, wit) in
        [(bindings[0].exports.clone().unwrap(), "dependency.wit"), (bindings[0].imports[0].clone(), "host.wit")]
    {
        let path = uri.strip_prefix("metadata:/").unwrap_or_else(|| panic!("`{uri}` is not in the metadata volume"));
        let (bytes, _) = metadata.read_file(path.trim_start_matches('/')).unwrap_or_else(|| panic!("no `{uri}`"));
        assert_eq!(bytes.as_ref(), std::fs::read(root().join(wit)).unwrap().as_slice(), "{uri}");
    }
    container.validate().unwrap();

    // wasmer-link: the container as a file and by name, and the plain module,
    // link to the same bytes in both profiles.
    let dir = tempfile::tempdir().unwrap();
    let out = |name: &str| dir.path().join(name);
    let guest = wasm("guest").display().to_string();
    let (webc_arg, packages_arg) = (webc.display().to_string(), packages.display().to_string());
    for profile in ["portable", "multi-memory"] {
        let plain =
            linked(&[&guest, &wasm("dependency").display().to_string(), "--profile", profile], &out("plain.wasm"));
        let file = linked(&[&guest, &webc_arg, "--profile", profile], &out("file.wasm"));
        let by_name = linked(
            &[&guest, "--dep", "example/dependency@0.1.0", "--registry-dir", &packages_arg, "--profile", profile],
            &out("by-name.wasm"),
        );
        assert!(plain == file, "{profile}: linked from the .webc file differs from linked from the .wasm");
        assert!(plain == by_name, "{profile}: linked with --dep differs from linked from the .wasm");
    }
}

#[test]
fn interfaces_prints_what_a_module_and_a_package_carry() {
    let webc = packages_dir().join("example/dependency@0.1.0.webc");
    let dependency_wit = std::fs::read_to_string(root().join("dependency.wit")).unwrap();
    let host_wit = std::fs::read_to_string(root().join("host.wit")).unwrap();
    for source in [wasm("dependency"), webc.clone()] {
        let out = link(&["interfaces", &source.display().to_string()]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("// interface `dependency`, exported ("), "{text}");
        assert!(text.contains("// interface `host`, imported ("), "{text}");
        assert!(text.contains(&dependency_wit) && text.contains(&host_wit), "{text}");
    }
    // By name, into a directory: one NAME.wit per interface, as in the package.
    let dir = tempfile::tempdir().unwrap();
    let wit_dir = dir.path().join("wit");
    let out = link(&[
        "interfaces",
        "example/dependency@0.1.0",
        "--registry-dir",
        &packages_dir().display().to_string(),
        "-o",
        &wit_dir.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(wit_dir.join("dependency.wit")).unwrap(), dependency_wit);
    assert_eq!(std::fs::read_to_string(wit_dir.join("host.wit")).unwrap(), host_wit);
    assert_eq!(std::fs::read_dir(&wit_dir).unwrap().count(), 2);
    // A module without interfaces says so.
    let bare = dir.path().join("bare.wasm");
    std::fs::write(&bare, wat::parse_str("(module)").unwrap()).unwrap();
    let out = link(&["interfaces", &bare.display().to_string()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("carries no interfaces"), "{}", stderr(&out));
}

/// A container built by Wasmer's own code from `wasmer_toml` (its modules
/// given as `atoms`), with `metadata` files; nothing is checked, so it may
/// name bindings files it does not hold.
fn container(wasmer_toml: &str, atoms: &[(&str, Vec<u8>)], metadata: &[(&str, &str)]) -> Vec<u8> {
    use wasmer_package::package::{MemoryFile, MemoryNode};
    let manifest = wasmer_config::package::Manifest::parse(wasmer_toml).unwrap();
    let now = std::time::SystemTime::now();
    let files = metadata
        .iter()
        .map(|(name, text)| {
            (name.to_string(), MemoryNode::File(MemoryFile { modified: now, data: text.as_bytes().to_vec() }))
        })
        .collect();
    let metadata = MemoryVolume { node: MemoryDir { modified: now, nodes: files } };
    let atoms = atoms.iter().map(|(name, bytes)| (name.to_string(), (None, bytes.clone().into()))).collect();
    let package = Package::from_in_memory(manifest, BTreeMap::new(), atoms, metadata, Strictness::Lossy).unwrap();
    package.serialize().unwrap().to_vec()
}

/// What `wasmer-link` says about `dep` (a `.webc` file or `--dep ...`),
/// after checking that it fails with 1 and writes nothing.
fn refusal(dir: &Path, dep: &[&str]) -> String {
    let out_path = dir.join("out.wasm");
    let mut args = vec![wasm("guest").display().to_string()];
    args.extend(dep.iter().map(|s| s.to_string()));
    args.extend(["-o".to_string(), out_path.display().to_string()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = link(&args);
    assert_eq!(out.status.code(), Some(1), "{dep:?}: {}", stderr(&out));
    assert!(!out_path.exists(), "{dep:?}: an output file was written");
    stderr(&out)
}

#[test]
fn bad_packages_are_refused_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    let good = std::fs::read(packages_dir().join("example/dependency@0.1.0.webc")).unwrap();
    let dependency = std::fs::read(wasm("dependency")).unwrap();

    // Truncated.
    std::fs::write(path("truncated.webc"), &good[..good.len() / 2]).unwrap();
    let err = refusal(dir.path(), &[&path("truncated.webc").display().to_string()]);
    assert!(
        err.starts_with(&format!(
            "error: package `{}`: cannot read the container, it is truncated or corrupt (",
            path("truncated.webc").display()
        )),
        "{err}"
    );
    assert!(err.contains("download or build it again"), "{err}");

    // Not a container at all, and an empty file.
    std::fs::write(path("text.webc"), "hello, world\n").unwrap();
    std::fs::write(path("empty.webc"), "").unwrap();
    let err =
        refusal(dir.path(), &[&path("text.webc").display().to_string(), &path("empty.webc").display().to_string()]);
    for (file, start) in [("text.webc", "`hello,`"), ("empty.webc", "nothing: it is empty")] {
        assert!(
            err.contains(&format!("package `{}`: not a Wasmer package: a `.webc` starts with the bytes `\\0webc` (this file starts with {start})", path(file).display())),
            "both files are reported at once: {err}"
        );
    }

    // A package with no wasm module.
    let no_module =
        container("[package]\nname = \"example/empty\"\nversion = \"0.1.0\"\ndescription = \"nothing\"\n", &[], &[]);
    std::fs::write(path("no-module.webc"), no_module).unwrap();
    let err = refusal(dir.path(), &[&format!("dependency={}", path("no-module.webc").display())]);
    assert!(err.contains(&format!("package `{}`: it holds no wasm module", path("no-module.webc").display())), "{err}");

    // A container whose manifest names bindings files it does not hold.
    let manifest = "[package]\nname = \"example/dependency\"\nversion = \"0.1.0\"\ndescription = \"d\"\n\n[[module]]\nname = \"dependency\"\nsource = \"dependency.wasm\"\n\n[module.bindings]\nwai-version = \"0.2.0\"\nexports = \"dependency.wai\"\nimports = [\"host.wai\"]\n";
    let missing =
        container(manifest, &[("dependency", dependency.clone())], &[("host.wai", "print: func(msg: string)\n")]);
    std::fs::write(path("missing-bindings.webc"), missing).unwrap();
    let err = refusal(dir.path(), &[&path("missing-bindings.webc").display().to_string()]);
    assert!(
        err.contains(&format!("package `{}`: module `dependency`'s bindings name `metadata://dependency.wai`, which the container does not hold", path("missing-bindings.webc").display())),
        "{err}"
    );

    // The same in an unpacked package, found by name.
    let registry = path("registry");
    let unpacked = registry.join("example/dependency@0.1.0");
    std::fs::create_dir_all(&unpacked).unwrap();
    std::fs::write(unpacked.join("wasmer.toml"), manifest).unwrap();
    std::fs::write(unpacked.join("dependency.wasm"), &dependency).unwrap();
    let registry_arg = registry.display().to_string();
    let err = refusal(dir.path(), &["--dep", "example/dependency@0.1.0", "--registry-dir", &registry_arg]);
    let toml = unpacked.join("wasmer.toml").display().to_string();
    for file in ["dependency.wai", "host.wai"] {
        assert!(
            err.contains(&format!(
                "package `{toml}`: module `dependency`'s bindings file `{}` cannot be read",
                unpacked.join(file).display()
            )),
            "every missing file at once: {err}"
        );
    }

    // A package whose version is not the one asked for.
    std::fs::write(unpacked.join("wasmer.toml"), manifest.replace("0.1.0", "0.2.0")).unwrap();
    std::fs::write(unpacked.join("dependency.wai"), "greet: func(name: string)\n").unwrap();
    std::fs::write(unpacked.join("host.wai"), "print: func(msg: string)\n").unwrap();
    let err = refusal(dir.path(), &["--dep", "example/dependency@0.1.0", "--registry-dir", &registry_arg]);
    assert!(
        err.contains(&format!("package `{toml}` was found for `example/dependency@0.1.0`, but its version is `0.2.0`")),
        "{err}"
    );

    // Several modules: the error lists them, `:module` picks one.
    let two = container(
        "[package]\nname = \"example/two\"\nversion = \"0.1.0\"\ndescription = \"d\"\n\n[[module]]\nname = \"dependency\"\nsource = \"a.wasm\"\n\n[[module]]\nname = \"other\"\nsource = \"b.wasm\"\n",
        &[("dependency", dependency.clone()), ("other", dependency.clone())],
        &[],
    );
    std::fs::create_dir_all(registry.join("example")).unwrap();
    std::fs::write(registry.join("example/two@0.1.0.webc"), two).unwrap();
    let err = refusal(dir.path(), &["--dep", "example/two@0.1.0", "--registry-dir", &registry_arg]);
    assert!(
        err.contains(
            "it holds several modules (`dependency`, `other`): pick one with `--dep NAMESPACE/NAME@VERSION:MODULE`"
        ),
        "{err}"
    );
    let picked = linked(
        &[
            &wasm("guest").display().to_string(),
            "--dep",
            "example/two@0.1.0:dependency",
            "--registry-dir",
            &registry_arg,
            "--wit",
            &root().join("dependency.wit").display().to_string(),
        ],
        &path("picked.wasm"),
    );
    assert!(!picked.is_empty());
}
