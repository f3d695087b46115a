//! Offline resolution of dependencies published as Wasmer packages.
//!
//! A dependency may be named `namespace/name@version` instead of a file. It is
//! looked up, without any network access, in local package directories laid
//! out the way the `wapm install` tooling keeps installed packages:
//!
//! ```text
//! <dir>/<namespace>/<name>@<version>/wasmer.toml   the package manifest
//! <dir>/<namespace>/<name>@<version>/<module>.wasm  [[module]] source
//! <dir>/<namespace>/<name>@<version>/<iface>.wai    [[module]] bindings
//! ```
//!
//! Directories are searched in this order, the first hit wins: the ones
//! given explicitly (`--registry-dir`, [`Registry::new`]), then every entry
//! of `$WASMER_LINK_PACKAGES` (`:`-separated), then `./wapm_packages`.
//!
//! The manifest is Wasmer's `wasmer.toml`; the linker reads `[package]`
//! `name`/`version` and the `[[module]]` whose name is the package's (or the
//! only one): its `source`, and its WAI `bindings` (`exports`, `imports`),
//! whose file stems name the interfaces.

use std::path::{Path, PathBuf};

use crate::{LinkError, Linker, Profile};

/// The environment variable with extra package directories.
pub const ENV: &str = "WASMER_LINK_PACKAGES";

/// Where packages are looked up.
#[derive(Debug, Clone)]
pub struct Registry {
    dirs: Vec<PathBuf>,
}

/// A resolved package: the module to link, the name importers use for it,
/// and the interfaces its manifest declares.
#[derive(Debug, Clone)]
pub struct Package {
    pub module_name: String,
    pub wasm: Vec<u8>,
    pub interfaces: Vec<(String, String)>,
}

impl Registry {
    /// `explicit` directories first, then `$WASMER_LINK_PACKAGES`, then
    /// `./wapm_packages`.
    pub fn new(explicit: impl IntoIterator<Item = PathBuf>) -> Registry {
        let mut dirs: Vec<PathBuf> = explicit.into_iter().collect();
        if let Some(extra) = std::env::var_os(ENV) {
            dirs.extend(std::env::split_paths(&extra).filter(|p| !p.as_os_str().is_empty()));
        }
        dirs.push(PathBuf::from("wapm_packages"));
        Registry { dirs }
    }

    /// The directories searched, in order.
    pub fn dirs(&self) -> &[PathBuf] {
        &self.dirs
    }

    /// Finds and reads `namespace/name@version`.
    pub fn resolve(&self, spec: &str) -> Result<Package, String> {
        let (namespace, name, version) = parse_spec(spec)?;
        let mut searched = Vec::new();
        for dir in &self.dirs {
            let package_dir = dir.join(namespace).join(format!("{name}@{version}"));
            let manifest = package_dir.join("wasmer.toml");
            if manifest.is_file() {
                return read_package(spec, name, &package_dir);
            }
            searched.push(format!("`{}`", manifest.display()));
        }
        Err(format!(
            "package `{spec}` is not installed locally (no network access is attempted); searched {}",
            searched.join(", ")
        ))
    }
}

fn parse_spec(spec: &str) -> Result<(&str, &str, &str), String> {
    let bad = || {
        format!("`{spec}` is not a package name: expected `namespace/name@version`, e.g. `example/dependency@0.1.0`")
    };
    let (path, version) = spec.split_once('@').ok_or_else(bad)?;
    let (namespace, name) = path.split_once('/').ok_or_else(bad)?;
    let ok = |s: &str| !s.is_empty() && !s.contains(['/', '\\', '@']) && s != "." && s != "..";
    if !(ok(namespace) && ok(name) && ok(version)) {
        return Err(bad());
    }
    Ok((namespace, name, version))
}

fn read_package(spec: &str, name: &str, dir: &Path) -> Result<Package, String> {
    let manifest_path = dir.join("wasmer.toml");
    let at = |what: String| format!("package `{spec}` ({}): {what}", manifest_path.display());
    let text = std::fs::read_to_string(&manifest_path).map_err(|e| at(format!("cannot read it: {e}")))?;
    let manifest: toml::Table = text.parse().map_err(|e| at(format!("not valid TOML: {e}")))?;
    let modules = manifest.get("module").and_then(|m| m.as_array()).map(Vec::as_slice).unwrap_or_default();
    let module = match modules {
        [] => return Err(at("it declares no `[[module]]`".to_string())),
        [one] => one,
        many => many
            .iter()
            .find(|m| m.get("name").and_then(|n| n.as_str()) == Some(name))
            .ok_or_else(|| at(format!("it declares several modules and none is named `{name}`")))?,
    };
    let field = |key: &str| module.get(key).and_then(|v| v.as_str());
    let module_name = field("name").ok_or_else(|| at("its `[[module]]` has no `name`".to_string()))?.to_string();
    let source = field("source").ok_or_else(|| at(format!("module `{module_name}` has no `source`")))?;
    let wasm_path = dir.join(source);
    let wasm = std::fs::read(&wasm_path).map_err(|e| at(format!("cannot read `{}`: {e}", wasm_path.display())))?;
    let mut interfaces = Vec::new();
    if let Some(bindings) = module.get("bindings").and_then(|b| b.as_table()) {
        let exports = bindings.get("exports").and_then(|e| e.as_str()).into_iter();
        let imports =
            bindings.get("imports").and_then(|i| i.as_array()).into_iter().flatten().filter_map(|i| i.as_str());
        for file in exports.chain(imports) {
            let path = dir.join(file);
            let wit =
                std::fs::read_to_string(&path).map_err(|e| at(format!("cannot read `{}`: {e}", path.display())))?;
            let iface = Path::new(file).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            interfaces.push((iface, wit));
        }
    }
    Ok(Package { module_name, wasm, interfaces })
}

/// Writes a package directory that [`Registry::resolve`] (and `wasmer
/// publish`) understands: `wasmer.toml`, the module, and its interfaces as
/// `.wai` files. `exports` is the interface the module implements; `imports`
/// the ones it uses.
pub fn write_package(
    dir: &Path,
    package: &str,
    version: &str,
    module_name: &str,
    wasm: &[u8],
    exports: (&str, &str),
    imports: &[(&str, &str)],
) -> std::io::Result<PathBuf> {
    let (namespace, name) = package.split_once('/').unwrap_or(("local", package));
    let out = dir.join(namespace).join(format!("{name}@{version}"));
    std::fs::create_dir_all(&out)?;
    std::fs::write(out.join(format!("{module_name}.wasm")), wasm)?;
    std::fs::write(out.join(format!("{}.wai", exports.0)), exports.1)?;
    for (iface, text) in imports {
        std::fs::write(out.join(format!("{iface}.wai")), text)?;
    }
    let manifest = Manifest {
        package: PackageSection {
            name: package.to_string(),
            version: version.to_string(),
            description: "A processing block, linkable with wasmer-link".to_string(),
        },
        module: vec![ModuleSection {
            name: module_name.to_string(),
            source: format!("{module_name}.wasm"),
            abi: "none".to_string(),
            bindings: Bindings {
                wai_version: "0.2.0".to_string(),
                exports: format!("{}.wai", exports.0),
                imports: imports.iter().map(|(iface, _)| format!("{iface}.wai")).collect(),
            },
        }],
    };
    let text = toml::to_string(&manifest).map_err(std::io::Error::other)?;
    std::fs::write(out.join("wasmer.toml"), text)?;
    Ok(out)
}

/// The part of Wasmer's `wasmer.toml` that [`write_package`] writes (and
/// [`read_package`] reads back); `toml` escapes every string.
#[derive(serde::Serialize)]
struct Manifest {
    package: PackageSection,
    module: Vec<ModuleSection>,
}

#[derive(serde::Serialize)]
struct PackageSection {
    name: String,
    version: String,
    description: String,
}

#[derive(serde::Serialize)]
struct ModuleSection {
    name: String,
    source: String,
    abi: String,
    bindings: Bindings,
}

#[derive(serde::Serialize)]
struct Bindings {
    #[serde(rename = "wai-version")]
    wai_version: String,
    exports: String,
    imports: Vec<String>,
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

    /// Quotes and backslashes in names must be escaped in `wasmer.toml`, and
    /// the package must read back as it was written. (A backslash in a file
    /// name is a separator on Windows, hence Unix only.)
    #[cfg(unix)]
    #[test]
    fn names_with_quotes_and_backslashes_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let module = r#"say "hi" \ block"#;
        let (exports, imports) = (r#"it's "dep""#, r"host\v1");
        let written = write_package(
            dir.path(),
            r#"ex"ample/de"p"#,
            r#"0.1.0-"rc""#,
            module,
            b"\0asm",
            (exports, "greet: func(name: string)\n"),
            &[(imports, "print: func(s: string)\n")],
        )
        .unwrap();
        let manifest: toml::Table = std::fs::read_to_string(written.join("wasmer.toml")).unwrap().parse().unwrap();
        assert_eq!(manifest["package"]["name"].as_str(), Some(r#"ex"ample/de"p"#));
        let package = Registry::new([dir.path().to_path_buf()]).resolve(r#"ex"ample/de"p@0.1.0-"rc""#).unwrap();
        assert_eq!(package.module_name, module);
        assert_eq!(package.wasm, b"\0asm");
        assert_eq!(
            package.interfaces,
            [
                (exports.to_string(), "greet: func(name: string)\n".to_string()),
                (imports.to_string(), "print: func(s: string)\n".to_string())
            ]
        );
    }
}
