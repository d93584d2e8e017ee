//! Where the fact base comes from: the copy compiled into the binary, or a directory.

use std::path::{Path, PathBuf};

use crate::facts::{FactBase, LoadError, SourceText};

/// File name of the facts in a data directory.
pub const FACTS_FILE: &str = "facts.toml";
/// File name of the matching vocabulary in a data directory.
pub const SYNONYMS_FILE: &str = "synonyms.toml";
/// File name of the facts' Chinese in a data directory.
pub const CHINESE_FILE: &str = "facts.zh.toml";

const BUNDLED_FACTS: &str = include_str!("../data/facts.toml");
const BUNDLED_SYNONYMS: &str = include_str!("../data/synonyms.toml");
const BUNDLED_CHINESE: &str = include_str!("../data/facts.zh.toml");

/// Why a data directory could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    /// A file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The files were read but have problems.
    #[error(transparent)]
    Invalid(#[from] LoadError),
}

/// The fact base compiled into the binary from the crate's `data/`.
pub fn bundled() -> Result<FactBase, LoadError> {
    FactBase::parse(
        &SourceText::new("data/facts.toml", BUNDLED_FACTS),
        &SourceText::new("data/synonyms.toml", BUNDLED_SYNONYMS),
        Some(&SourceText::new("data/facts.zh.toml", BUNDLED_CHINESE)),
    )
}

/// Reads and loads `facts.toml`, `synonyms.toml` and `facts.zh.toml` from `dir`.
pub fn read_dir(dir: &Path) -> Result<FactBase, DataError> {
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read_to_string(&path).map_err(|source| DataError::Read { path, source })
    };
    let (facts, synonyms, chinese) = (read(FACTS_FILE)?, read(SYNONYMS_FILE)?, read(CHINESE_FILE)?);
    let name = |file: &str| dir.join(file).to_string_lossy().into_owned();
    let (facts_name, synonyms_name, chinese_name) =
        (name(FACTS_FILE), name(SYNONYMS_FILE), name(CHINESE_FILE));
    Ok(FactBase::parse(
        &SourceText::new(&facts_name, &facts),
        &SourceText::new(&synonyms_name, &synonyms),
        Some(&SourceText::new(&chinese_name, &chinese)),
    )?)
}
