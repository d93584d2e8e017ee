//! A data directory holding a copy of the bundled data, and a store beside it, for the
//! tests that run the binary on files they may change.

use std::path::{Path, PathBuf};

/// A directory holding a copy of the bundled data, and a store beside it.
pub fn workspace(name: &str) -> (PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("ipwest-workspace-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    for file in [
        "facts.toml",
        "synonyms.toml",
        "facts.zh.toml",
        "synonyms.zh.toml",
        "charts.toml",
    ] {
        let bundled = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data")
            .join(file);
        std::fs::copy(bundled, data.join(file)).unwrap();
    }
    (data, format!("sqlite://{}/ipwest.db", dir.display()))
}
