//! Where the fact base comes from: the copy compiled into the binary, or a directory.

use std::path::{Path, PathBuf};

use crate::facts::{ChineseFiles, FactBase, LoadError, SourceText};

/// File name of the facts in a data directory.
pub const FACTS_FILE: &str = "facts.toml";
/// File name of the matching vocabulary in a data directory.
pub const SYNONYMS_FILE: &str = "synonyms.toml";
/// File name of the facts' Chinese in a data directory.
pub const CHINESE_FILE: &str = "facts.zh.toml";
/// File name of the Chinese vocabulary in a data directory.
pub const CHINESE_WORDS_FILE: &str = "synonyms.zh.toml";
/// File name of the charts in a data directory.
pub const CHARTS_FILE: &str = "charts.toml";

const BUNDLED_FACTS: &str = include_str!("../data/facts.toml");
const BUNDLED_SYNONYMS: &str = include_str!("../data/synonyms.toml");
const BUNDLED_CHINESE: &str = include_str!("../data/facts.zh.toml");
const BUNDLED_CHINESE_WORDS: &str = include_str!("../data/synonyms.zh.toml");
const BUNDLED_CHARTS: &str = include_str!("../data/charts.toml");

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
        Some(ChineseFiles {
            facts: &SourceText::new("data/facts.zh.toml", BUNDLED_CHINESE),
            words: &SourceText::new("data/synonyms.zh.toml", BUNDLED_CHINESE_WORDS),
        }),
    )?
    .with_charts(&SourceText::new("data/charts.toml", BUNDLED_CHARTS))
}

/// Reads and loads `facts.toml`, `synonyms.toml`, `facts.zh.toml`,
/// `synonyms.zh.toml` and `charts.toml` (which may be absent: no charts) from `dir`.
pub fn read_dir(dir: &Path) -> Result<FactBase, DataError> {
    let read = |file: &str| {
        let path = dir.join(file);
        let text =
            std::fs::read_to_string(&path).map_err(|source| DataError::Read { path, source })?;
        Ok::<_, DataError>((dir.join(file).to_string_lossy().into_owned(), text))
    };
    let (facts, synonyms) = (read(FACTS_FILE)?, read(SYNONYMS_FILE)?);
    let (chinese, words) = (read(CHINESE_FILE)?, read(CHINESE_WORDS_FILE)?);
    fn text((name, text): &(String, String)) -> SourceText<'_> {
        SourceText::new(name, text)
    }
    let base = FactBase::parse(
        &text(&facts),
        &text(&synonyms),
        Some(ChineseFiles {
            facts: &text(&chinese),
            words: &text(&words),
        }),
    )?;
    let charts = match read(CHARTS_FILE) {
        Ok(charts) => charts,
        Err(DataError::Read { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            return Ok(base);
        }
        Err(error) => return Err(error),
    };
    Ok(base.with_charts(&text(&charts))?)
}
