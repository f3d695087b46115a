//! Offline resolution of dependencies published as Wasmer packages
//! (feature `packages`).
//!
//! A dependency may be named `namespace/name@version` (or
//! `namespace/name@version:module`, to pick one module of several) instead
//! of a file. It is looked up, without any network access, in local package
//! directories, each of which may hold a package in any of these forms,
//! tried in this order:
//!
//! ```text
//! <dir>/<namespace>/<name>@<version>.webc        a container (`wasmer package build -o ...`)
//! <dir>/<namespace>--<name>@<version>.webc       the name `wasmer package download` gives it
//! <dir>/<namespace>/<name>@<version>/wasmer.toml an unpacked package (the `wapm install` layout):
//!                                                its `[[module]]` sources and WAI bindings beside it
//! ```
//!
//! Directories are searched in this order, the first hit wins: the ones
//! given explicitly (`--registry-dir`, [`Registry::new`]), then every entry
//! of `$WASMER_LINK_PACKAGES` (`:`-separated), then `./wapm_packages`.
//!
//! Packages are read by [`crate::package`] with Wasmer's own crates: the
//! module linked is the one asked for, else the only one, else the one
//! named like the package; its interfaces are its WAI `bindings`, whose
//! file stems name them. A package that records its name and version
//! (`wasmer.toml`; a container's `wapm` annotation, where Wasmer left it)
//! must record the ones asked for.

use std::path::{Path, PathBuf};

use crate::package::Contents;
use crate::{LinkError, Linker, Profile};

/// The environment variable with extra package directories.
pub const ENV: &str = "WASMER_LINK_PACKAGES";

/// Where packages are looked up.
#[derive(Debug, Clone)]
pub struct Registry {
    dirs: Vec<PathBuf>,
}

pub use crate::package::Package;

impl Registry {
    /// `explicit` directories first, then `$WASMER_LINK_PACKAGES`, then
    /// `./wapm_packages`.
    pub fn new(explicit: impl IntoIterator<Item = PathBuf>) -> Registry {
        let mut dirs: Vec<PathBuf> = explicit.into_iter().collect();
        if let Some(extra) = std::env::var_os(ENV) {
            dirs.extend(std::env::split_paths(&extra).filter(|p| !p.as_os_str().is_empty()));
        }
        dirs.push(PathBuf::from("wapm_packages"));
        let mut seen = Vec::new();
        dirs.retain(|dir| {
            let first = !seen.contains(dir);
            seen.push(dir.clone());
            first
        });
        Registry { dirs }
    }

    /// The directories searched, in order.
    pub fn dirs(&self) -> &[PathBuf] {
        &self.dirs
    }

    /// Finds and reads `namespace/name@version[:module]`: the module to
    /// link, under its own name, with its interfaces.
    pub fn resolve(&self, spec: &str) -> Result<Package, String> {
        let wanted = parse_spec(spec)?;
        let contents = self.contents(spec)?;
        Ok(contents.module(wanted.module, Some(wanted.name))?.to_package())
    }

    /// Finds and reads the whole package `namespace/name@version` (a
    /// `:module` suffix is ignored), after checking that it is the one asked
    /// for where it says what it is.
    pub fn contents(&self, spec: &str) -> Result<Contents, String> {
        let wanted = parse_spec(spec)?;
        let (namespace, name, version) = (wanted.namespace, wanted.name, wanted.version);
        let mut searched = Vec::new();
        for dir in &self.dirs {
            let candidates = [
                dir.join(namespace).join(format!("{name}@{version}.webc")),
                dir.join(format!("{namespace}--{name}@{version}.webc")),
                dir.join(namespace).join(format!("{name}@{version}")).join("wasmer.toml"),
            ];
            for candidate in candidates {
                if !candidate.is_file() {
                    searched.push(format!("`{}`", candidate.display()));
                    continue;
                }
                let contents = if candidate.extension().is_some_and(|e| e == "webc") {
                    let bytes = std::fs::read(&candidate)
                        .map_err(|e| format!("package `{}`: cannot read it: {e}", candidate.display()))?;
                    crate::package::read_webc(&candidate, bytes)?
                } else {
                    crate::package::read_dir(&candidate)?
                };
                contents.check_identity(namespace, name, version)?;
                return Ok(contents);
            }
        }
        Err(format!(
            "package `{namespace}/{name}@{version}` is not installed locally (no network access is attempted); searched {}: fetch it with `wasmer package download {namespace}/{name}@{version} -o DIR/{namespace}/{name}@{version}.webc` and pass `--registry-dir DIR`",
            searched.join(", ")
        ))
    }
}

/// The parts of `namespace/name@version[:module]`.
struct Spec<'a> {
    namespace: &'a str,
    name: &'a str,
    version: &'a str,
    module: Option<&'a str>,
}

fn parse_spec(spec: &str) -> Result<Spec<'_>, String> {
    let bad = || {
        format!("`{spec}` is not a package name: expected `namespace/name@version` or `namespace/name@version:module`, e.g. `example/dependency@0.1.0`")
    };
    let (path, rest) = spec.split_once('@').ok_or_else(bad)?;
    let (namespace, name) = path.split_once('/').ok_or_else(bad)?;
    let (version, module) = match rest.split_once(':') {
        Some((version, module)) => (version, Some(module)),
        None => (rest, None),
    };
    let ok = |s: &str| !s.is_empty() && !s.contains(['/', '\\', '@', ':']) && s != "." && s != "..";
    if !(ok(namespace) && ok(name) && ok(version) && module.is_none_or(ok)) {
        return Err(bad());
    }
    Ok(Spec { namespace, name, version, module })
}

/// Writes a package that [`Registry::resolve`] (and Wasmer's tools)
/// understand, in both forms (see [`crate::package::write`]): the directory
/// `<dir>/<namespace>/<name>@<version>/` (`wasmer.toml`, the module, its
/// interfaces as `.wai` files) and the container
/// `<dir>/<namespace>/<name>@<version>.webc`. `exports` is the interface the
/// module implements; `imports` the ones it uses. Returns the directory.
pub fn write_package(
    dir: &Path,
    package: &str,
    version: &str,
    module_name: &str,
    wasm: &[u8],
    exports: (&str, &str),
    imports: &[(&str, &str)],
) -> std::io::Result<PathBuf> {
    let new = crate::package::NewPackage {
        name: package,
        version,
        description: "A processing block, linkable with wasmer-link",
        module_name,
        wasm,
        exports,
        imports,
    };
    crate::package::write(dir, &new).map(|written| written.dir).map_err(std::io::Error::other)
}

/// What a `rune build`-like tool calls: link `main` (named `main_name`)
/// against packages named `namespace/name@version`, resolved offline from
/// `registry`, with extra `interfaces` (e.g. the host's). Returns the linked
/// module.
///
/// ```no_run
/// use linker::registry::{link_packages, Registry};
/// let main = std::fs::read("guest.wasm")?;
/// let host = std::fs::read_to_string("host.wit")?;
/// let rune = link_packages(
///     "guest",
///     &main,
///     &["example/dependency@0.1.0"],
///     &Registry::new(["target/wapm_packages".into()]),
///     &[("host", host.as_str())],
///     linker::Profile::Portable,
/// )?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn link_packages(
    main_name: &str,
    main: &[u8],
    packages: &[&str],
    registry: &Registry,
    interfaces: &[(&str, &str)],
    profile: Profile,
) -> Result<Vec<u8>, LinkError> {
    let mut linker = Linker::new().profile(profile).module(main_name, main);
    for (name, text) in interfaces {
        linker = linker.interface(*name, *text);
    }
    let mut problems = Vec::new();
    for spec in packages {
        match registry.resolve(spec) {
            Ok(package) => linker = linker.package(package),
            Err(problem) => problems.push(problem),
        }
    }
    if !problems.is_empty() {
        return Err(LinkError::many(problems));
    }
    linker.link()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Quotes in names must be escaped in `wasmer.toml`, and the package
    /// must read back as it was written, from the container and from the
    /// directory.
    #[test]
    fn names_with_quotes_round_trip_in_both_forms() {
        let dir = tempfile::tempdir().unwrap();
        let module = r#"say "hi" block"#;
        let (exports, imports) = (r#"it's "dep""#, "host v1");
        let written = write_package(
            dir.path(),
            r#"ex"ample/de"p"#,
            "0.1.0-rc.1",
            module,
            b"\0asm\x01\0\0\0",
            (exports, "greet: func(name: string)\n"),
            &[(imports, "print: func(s: string)\n")],
        )
        .unwrap();
        let manifest =
            wasmer_config::package::Manifest::parse(&std::fs::read_to_string(written.join("wasmer.toml")).unwrap())
                .unwrap();
        assert_eq!(manifest.package.unwrap().name.as_deref(), Some(r#"ex"ample/de"p"#));
        let registry = Registry::new([dir.path().to_path_buf()]);
        let spec = r#"ex"ample/de"p@0.1.0-rc.1"#;
        let expected = [
            (exports.to_string(), "greet: func(name: string)\n".to_string()),
            (imports.to_string(), "print: func(s: string)\n".to_string()),
        ];
        // The container is found first; then, without it, the directory.
        let webc = dir.path().join(r#"ex"ample"#).join(r#"de"p@0.1.0-rc.1.webc"#);
        for form in ["webc", "directory"] {
            let package = registry.resolve(spec).unwrap_or_else(|e| panic!("{form}: {e}"));
            assert_eq!(package.module_name, module, "{form}");
            assert_eq!(package.wasm, b"\0asm\x01\0\0\0", "{form}");
            assert_eq!(package.interfaces, expected, "{form}");
            if form == "webc" {
                std::fs::remove_file(&webc).unwrap();
            }
        }
    }

    #[test]
    fn a_spec_names_namespace_name_version_and_maybe_a_module() {
        let spec = parse_spec("example/image-rescale@0.1.0:rescale").unwrap();
        assert_eq!(
            (spec.namespace, spec.name, spec.version, spec.module),
            ("example", "image-rescale", "0.1.0", Some("rescale"))
        );
        assert_eq!(parse_spec("a/b@1").unwrap().module, None);
        for bad in ["a/b", "b@1", "a/b@", "a/b@1:", "a/b/c@1", "../b@1", "a/b@1:x:y"] {
            let err = parse_spec(bad).err().unwrap_or_else(|| panic!("`{bad}` was accepted"));
            assert!(
                err.starts_with(&format!("`{bad}` is not a package name: expected `namespace/name@version`")),
                "{err}"
            );
        }
    }
}
