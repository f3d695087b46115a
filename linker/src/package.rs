//! Wasmer packages, in both forms, read with Wasmer's own crates (feature
//! `packages`).
//!
//! Input: a `.webc` container (what `wasmer package build` writes and
//! `wasmer package download` fetches; read by `wasmer-package`/`webc`), or an
//! unpacked package directory (`wasmer.toml`, read by `wasmer-config`, and
//! the files it names). Output: [`Contents`], what linking needs from either:
//! the package's name and version where it records them, and every module
//! with its bytes and the WAI interfaces its manifest binds to it.
//!
//! Invariants: every problem with a package is found before any is reported,
//! and each message names the package's file; a package is never half read
//! (a module whose bindings are missing is an error, not a module without
//! interfaces). [`write`] produces both forms from one module, the container
//! through `wasmer-package`, the code path of `wasmer package build`, so a
//! container this crate writes is one Wasmer's tools read.
//!
//! In a container, a `[[module]]` is an *atom* named like the module, and
//! its WAI `bindings` are an annotation naming files of the container's
//! `metadata` volume (`metadata://rescale.wai`). Wasmer drops the package's
//! name and version from a container it builds (the registry knows them),
//! so a container's identity is usually its file name; where a container
//! does record them (its `wapm` annotation), [`Contents::check_identity`]
//! holds them against the name asked for.

use std::path::{Path, PathBuf};

use crate::embed::Direction;

/// What a package holds that linking needs.
#[derive(Debug, Clone)]
pub struct Contents {
    /// The file read: the `.webc`, or the directory's `wasmer.toml`.
    pub file: PathBuf,
    /// `namespace/name`, where the package records it.
    pub name: Option<String>,
    /// Where the package records it.
    pub version: Option<String>,
    pub modules: Vec<Module>,
}

/// One wasm module of a package (a `[[module]]`, or a container's atom).
#[derive(Debug, Clone)]
pub struct Module {
    pub name: String,
    pub wasm: Vec<u8>,
    pub bindings: Vec<Binding>,
}

/// One WAI interface a module's manifest binds to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    /// `Export`: the interface the module implements; `Import`: one it uses.
    pub direction: Direction,
    /// The interface's name: its file's stem (`rescale` for `rescale.wai`).
    pub name: String,
    /// The file as the manifest names it (`rescale.wai`, `metadata://rescale.wai`).
    pub file: String,
    pub wit: String,
}

/// Whether `bytes` look like a Wasmer container (a `.webc` of any version,
/// or a `.tar.gz` package) rather than a wasm module.
pub fn is_container(bytes: &[u8]) -> bool {
    !bytes.starts_with(b"\0asm") && wasmer_package::utils::is_container(bytes)
}

/// Reads a `.webc` container. A container the `webc` crate's reader
/// panics on (it indexes into what it reads) is refused like a corrupt one,
/// not a crash.
pub fn read_webc(file: &Path, bytes: Vec<u8>) -> Result<Contents, String> {
    let read = std::panic::AssertUnwindSafe(|| read_webc_unguarded(file, bytes));
    std::panic::catch_unwind(read).unwrap_or_else(|_| {
        Err(format!(
            "package `{}`: cannot read the container, it is corrupt (the `webc` reader failed on it): download or \
             build it again",
            file.display()
        ))
    })
}

fn read_webc_unguarded(file: &Path, bytes: Vec<u8>) -> Result<Contents, String> {
    let at = |what: String| format!("package `{}`: {what}", file.display());
    if bytes.starts_with(b"\0asm") {
        return Err(at("this is a wasm module, not a Wasmer package: give it as `NAME=FILE.wasm`, or package it with `wasmer package build`".to_string()));
    }
    if !wasmer_package::utils::is_container(&bytes) {
        return Err(at(format!(
            "not a Wasmer package: a `.webc` starts with the bytes `\\0webc` (this file starts with {}); build one with `wasmer package build` or `cargo xtask package`",
            first_bytes(&bytes)
        )));
    }
    let container = wasmer_package::utils::from_bytes(bytes).map_err(|err| {
        at(format!(
            "cannot read the container, it is truncated or corrupt ({}): download or build it again",
            chain(&err)
        ))
    })?;
    let manifest = container.manifest();
    let mut problems = Vec::new();
    let (name, version) = match manifest.wapm() {
        Ok(Some(wapm)) => (wapm.name, wapm.version),
        Ok(None) => (None, None),
        Err(err) => {
            problems.push(format!("its `wapm` annotation is malformed: {}", chain(err.as_ref())));
            (None, None)
        }
    };
    let metadata = container.get_volume("metadata");
    let mut modules = Vec::new();
    for atom in manifest.atoms.keys() {
        let Some(wasm) = container.get_atom(atom) else {
            problems.push(format!("its manifest lists the module `{atom}`, which the container does not hold"));
            continue;
        };
        modules.push(Module { name: atom.clone(), wasm: wasm.to_vec(), bindings: Vec::new() });
    }
    for binding in &manifest.bindings {
        let Some(bindings) = binding.get_bindings() else {
            problems.push(format!("its bindings `{}` (`{}`) are malformed", binding.name, binding.kind));
            continue;
        };
        let module_name = bindings.module().to_string();
        let Some(module) = modules.iter_mut().find(|m| m.name == module_name) else {
            if manifest.atoms.contains_key(&module_name) {
                continue; // already reported: the atom is missing
            }
            problems.push(format!(
                "its bindings `{}` are for the module `{module_name}`, which it does not hold",
                binding.kind
            ));
            continue;
        };
        let webc::metadata::BindingsExtended::Wai(wai) = bindings else {
            problems.push(format!(
                "module `{module_name}` has `{}` bindings (component-model WIT), which wasmer-link does not read: bind a WAI interface (`[module.bindings] wai-version = ...`) or embed it in the module (`linker::embed`)",
                binding.kind
            ));
            continue;
        };
        let files = wai
            .exports
            .iter()
            .map(|f| (Direction::Export, f))
            .chain(wai.imports.iter().map(|f| (Direction::Import, f)));
        for (direction, uri) in files {
            let text = uri.split_once("://").or_else(|| uri.split_once(":/")).and_then(|(volume, path)| {
                let volume = if volume == "metadata" { metadata.as_ref() } else { None }?;
                volume.read_file(path.trim_start_matches('/'))
            });
            match text {
                Some((bytes, _)) => match String::from_utf8(bytes.to_vec()) {
                    Ok(wit) => module.bindings.push(Binding { direction, name: stem(uri), file: uri.clone(), wit }),
                    Err(_) => problems.push(format!("module `{module_name}`'s bindings file `{uri}` is not UTF-8 text")),
                },
                None => problems.push(format!(
                    "module `{module_name}`'s bindings name `{uri}`, which the container does not hold: build the package again from a `wasmer.toml` whose bindings files exist"
                )),
            }
        }
    }
    if problems.is_empty() && modules.is_empty() {
        problems.push(
            "it holds no wasm module (its manifest has no atoms): a block's package needs a `[[module]]` with the block's `.wasm` as its `source`"
                .to_string(),
        );
    }
    if !problems.is_empty() {
        return Err(problems.into_iter().map(at).collect::<Vec<_>>().join("\n"));
    }
    Ok(Contents { file: file.to_path_buf(), name, version, modules })
}

/// Reads an unpacked package: `wasmer.toml` and the files it names.
pub fn read_dir(manifest_path: &Path) -> Result<Contents, String> {
    let at = |what: String| format!("package `{}`: {what}", manifest_path.display());
    let text = std::fs::read_to_string(manifest_path).map_err(|e| at(format!("cannot read it: {e}")))?;
    let manifest = wasmer_config::package::Manifest::parse(&text)
        .map_err(|e| at(format!("not a valid `wasmer.toml`: {}", e.message())))?;
    let dir = manifest_path.parent().unwrap_or(Path::new("."));
    let mut problems = Vec::new();
    let mut modules = Vec::new();
    for module in &manifest.modules {
        let wasm_path = dir.join(&module.source);
        let wasm = match std::fs::read(&wasm_path) {
            Ok(wasm) => wasm,
            Err(e) => {
                problems.push(format!(
                    "module `{}`: cannot read its `source` `{}` ({e}): put the module there, or fix its `source` in `wasmer.toml`",
                    module.name,
                    wasm_path.display()
                ));
                Vec::new()
            }
        };
        let mut bindings = Vec::new();
        match &module.bindings {
            None => {}
            Some(wasmer_config::package::Bindings::Wit(_)) => problems.push(format!(
                "module `{}` has `wit-bindgen` bindings (component-model WIT), which wasmer-link does not read: bind a WAI interface (`wai-version = ...`) or embed it in the module (`linker::embed`)",
                module.name
            )),
            Some(wasmer_config::package::Bindings::Wai(wai)) => {
                let files = wai.exports.iter().map(|f| (Direction::Export, f)).chain(wai.imports.iter().map(|f| (Direction::Import, f)));
                for (direction, file) in files {
                    let path = dir.join(file);
                    match std::fs::read_to_string(&path) {
                        Ok(wit) => bindings.push(Binding {
                            direction,
                            name: stem(&file.to_string_lossy()),
                            file: file.display().to_string(),
                            wit,
                        }),
                        Err(e) => problems.push(format!(
                            "module `{}`'s bindings file `{}` cannot be read ({e}): put it there, or fix the module's `bindings` in `wasmer.toml`",
                            module.name,
                            path.display()
                        )),
                    }
                }
            }
        }
        modules.push(Module { name: module.name.clone(), wasm, bindings });
    }
    if problems.is_empty() && modules.is_empty() {
        problems.push(
            "it declares no `[[module]]`: a block's package needs one, with the block's `.wasm` as its `source`"
                .to_string(),
        );
    }
    if !problems.is_empty() {
        return Err(problems.into_iter().map(at).collect::<Vec<_>>().join("\n"));
    }
    let package = manifest.package.as_ref();
    Ok(Contents {
        file: manifest_path.to_path_buf(),
        name: package.and_then(|p| p.name.clone()),
        version: package.and_then(|p| p.version.as_ref()).map(|v| v.to_string()),
        modules,
    })
}

impl Contents {
    /// The module to link: `wanted` (`--dep ns/name@ver:module`), else the
    /// only one, else the one named like the package (`package_name`, the
    /// `name` of `namespace/name`); otherwise an error listing them.
    pub fn module(&self, wanted: Option<&str>, package_name: Option<&str>) -> Result<&Module, String> {
        let names = || self.modules.iter().map(|m| format!("`{}`", m.name)).collect::<Vec<_>>().join(", ");
        let at = |what: String| format!("package `{}`: {what}", self.file.display());
        if let Some(wanted) = wanted {
            return self
                .modules
                .iter()
                .find(|m| m.name == wanted)
                .ok_or_else(|| at(format!("it has no module `{wanted}`; its modules are {}", names())));
        }
        match self.modules.as_slice() {
            [one] => Ok(one),
            many => many.iter().find(|m| Some(m.name.as_str()) == package_name).ok_or_else(|| {
                at(format!(
                    "it holds several modules ({}): pick one with `--dep NAMESPACE/NAME@VERSION:MODULE` (or `NAME=FILE.webc:MODULE`)",
                    names()
                ))
            }),
        }
    }

    /// An error unless the package is `namespace/name@version` where it
    /// records its name and version.
    pub fn check_identity(&self, namespace: &str, name: &str, version: &str) -> Result<(), String> {
        let asked = format!("{namespace}/{name}@{version}");
        let mut wrong = Vec::new();
        if let Some(recorded) = &self.name {
            if recorded != &format!("{namespace}/{name}") {
                wrong.push(format!("its name is `{recorded}`"));
            }
        }
        if let Some(recorded) = &self.version {
            if recorded != version {
                wrong.push(format!("its version is `{recorded}`"));
            }
        }
        if wrong.is_empty() {
            return Ok(());
        }
        Err(format!(
            "package `{}` was found for `{asked}`, but {}: put the package where its name and version say, or ask for `{}@{}`",
            self.file.display(),
            wrong.join(" and "),
            self.name.as_deref().unwrap_or(&format!("{namespace}/{name}")),
            self.version.as_deref().unwrap_or(version),
        ))
    }
}

/// A resolved package: the module to link, the name importers use for it,
/// and the interfaces its manifest declares.
#[derive(Debug, Clone)]
pub struct Package {
    pub module_name: String,
    pub wasm: Vec<u8>,
    pub interfaces: Vec<(String, String)>,
}

impl Module {
    /// The module under the name its importers use (its own), with the
    /// interfaces its manifest binds, ready for [`crate::Linker::package`].
    pub fn to_package(&self) -> Package {
        Package {
            module_name: self.name.clone(),
            wasm: self.wasm.clone(),
            interfaces: self.bindings.iter().map(|b| (b.name.clone(), b.wit.clone())).collect(),
        }
    }
}

/// What [`write`] puts in a package.
#[derive(Debug, Clone, Copy)]
pub struct NewPackage<'a> {
    /// `namespace/name`.
    pub name: &'a str,
    pub version: &'a str,
    pub description: &'a str,
    /// The module's name, the one its importers use (`rescale`).
    pub module_name: &'a str,
    pub wasm: &'a [u8],
    /// The interface the module implements: its name and WAI text.
    pub exports: (&'a str, &'a str),
    /// The interfaces it uses (e.g. the host's).
    pub imports: &'a [(&'a str, &'a str)],
}

/// Where [`write`] put a package.
#[derive(Debug, Clone)]
pub struct Written {
    /// `<root>/<namespace>/<name>@<version>/`, with `wasmer.toml`.
    pub dir: PathBuf,
    /// `<root>/<namespace>/<name>@<version>.webc`.
    pub webc: PathBuf,
}

/// Writes `package` under `root` in both forms [`crate::registry::Registry`]
/// finds: the unpacked directory (`wasmer.toml` written through
/// `wasmer-config`, the module, its `.wai` bindings) and, built from it by
/// `wasmer-package` as `wasmer package build` does, the `.webc` beside it.
/// Each file is replaced atomically.
pub fn write(root: &Path, package: &NewPackage) -> Result<Written, String> {
    let (namespace, name) = package
        .name
        .split_once('/')
        .ok_or_else(|| format!("`{}` is not a package name: expected `namespace/name`", package.name))?;
    let version = package.version.parse().map_err(|e| {
        format!("`{}` is not a package version: {e}; expected a semantic version such as `0.1.0`", package.version)
    })?;
    let dir = root.join(namespace).join(format!("{name}@{}", package.version));
    let io = |what: &str, path: &Path, e: std::io::Error| format!("cannot {what} `{}`: {e}", path.display());
    std::fs::create_dir_all(&dir).map_err(|e| io("create", &dir, e))?;
    let write = |file: &str, bytes: &[u8]| {
        let path = dir.join(file);
        crate::output::write_atomically(&path, bytes).map_err(|e| io("write", &path, e))
    };
    let wasm_file = format!("{}.wasm", package.module_name);
    write(&wasm_file, package.wasm)?;
    let exports_file = format!("{}.wai", package.exports.0);
    write(&exports_file, package.exports.1.as_bytes())?;
    let mut imports = Vec::new();
    for (iface, text) in package.imports {
        let file = format!("{iface}.wai");
        write(&file, text.as_bytes())?;
        imports.push(PathBuf::from(file));
    }
    let described = wasmer_config::package::Package::builder(package.name, version, package.description)
        .build()
        .map_err(|e| format!("package `{}`: {e}", package.name))?;
    let manifest = wasmer_config::package::Manifest::builder(described)
        .with_module(wasmer_config::package::Module {
            name: package.module_name.to_string(),
            source: PathBuf::from(&wasm_file),
            abi: wasmer_config::package::Abi::None,
            kind: None,
            interfaces: None,
            bindings: Some(wasmer_config::package::Bindings::Wai(wasmer_config::package::WaiBindings {
                wai_version: "0.2.0".parse().expect("a valid version"),
                exports: Some(PathBuf::from(&exports_file)),
                imports,
            })),
            annotations: None,
        })
        .build()
        .map_err(|e| format!("package `{}`: {e}", package.name))?;
    let text = toml::to_string(&manifest)
        .map_err(|e| format!("package `{}`: cannot write `wasmer.toml`: {e}", package.name))?;
    write("wasmer.toml", text.as_bytes())?;
    let manifest_path = dir.join("wasmer.toml");
    let webc = wasmer_package::package::Package::from_manifest(&manifest_path)
        .map_err(|e| format!("package `{}`: {}", manifest_path.display(), chain(&e)))?
        .serialize()
        .map_err(|e| {
            format!("package `{}`: cannot build the container: {}", manifest_path.display(), chain(e.as_ref()))
        })?;
    let webc_path = root.join(namespace).join(format!("{name}@{}.webc", package.version));
    crate::output::write_atomically(&webc_path, &webc).map_err(|e| io("write", &webc_path, e))?;
    Ok(Written { dir, webc: webc_path })
}

/// The stem of a file name in a manifest or a container URI.
fn stem(file: &str) -> String {
    let last = file.rsplit(['/', '\\']).next().unwrap_or(file);
    last.rsplit_once('.').map_or(last, |(stem, _)| stem).to_string()
}

/// The first bytes of a file, for a message.
fn first_bytes(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return "nothing: it is empty".to_string();
    }
    let shown: String = bytes.iter().take(6).map(|b| std::ascii::escape_default(*b).to_string()).collect();
    format!("`{shown}`")
}

/// An error and its causes, as one line.
fn chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = err.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = cause.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contents(name: Option<&str>, version: Option<&str>) -> Contents {
        Contents {
            file: PathBuf::from("registry/example/block@0.1.0.webc"),
            name: name.map(String::from),
            version: version.map(String::from),
            modules: Vec::new(),
        }
    }

    /// A container records its name and version only where Wasmer left them
    /// (its `wapm` annotation); what it records must be what was asked for.
    #[test]
    fn a_recorded_name_or_version_must_be_the_one_asked_for() {
        assert!(contents(None, None).check_identity("example", "block", "0.1.0").is_ok());
        assert!(contents(Some("example/block"), Some("0.1.0")).check_identity("example", "block", "0.1.0").is_ok());
        let err = contents(Some("other/block"), Some("0.2.0")).check_identity("example", "block", "0.1.0").unwrap_err();
        assert_eq!(
            err,
            "package `registry/example/block@0.1.0.webc` was found for `example/block@0.1.0`, but its name is `other/block` and its version is `0.2.0`: put the package where its name and version say, or ask for `other/block@0.2.0`"
        );
    }

    #[test]
    fn several_modules_are_listed_unless_one_is_picked_or_named_like_the_package() {
        let module = |name: &str| Module { name: name.to_string(), wasm: Vec::new(), bindings: Vec::new() };
        let mut two = contents(None, None);
        two.modules = vec![module("block"), module("helper")];
        assert_eq!(two.module(Some("helper"), None).unwrap().name, "helper");
        assert_eq!(two.module(None, Some("block")).unwrap().name, "block");
        let err = two.module(None, Some("other")).unwrap_err();
        assert!(err.contains("it holds several modules (`block`, `helper`): pick one with"), "{err}");
        let err = two.module(Some("nope"), None).unwrap_err();
        assert!(err.ends_with("it has no module `nope`; its modules are `block`, `helper`"), "{err}");
    }
}
