//! Parsing and validating `data/charts.toml`: which figures of which facts compare,
//! and so are drawn side by side. A chart only points at figures the facts state;
//! its bars' values are those figures read as numbers, so a chart can never show a
//! figure the source does not.

use serde::Deserialize;
use toml::Spanned;

use super::fields::{Fields, RawTable, SourceText};
use super::{FactBase, FigureKind, LoadError, numbers};

/// Figures that compare, drawn as one bar each.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Stable kebab-case identifier.
    pub id: String,
    pub scale: Scale,
    pub bars: Vec<Bar>,
}

/// What the bars' length is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// The largest bar: figures of one kind side by side.
    Largest,
    /// A whole of 100 percent: each bar is a share of it.
    Whole,
}

/// One figure of one fact, as a bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub fact: String,
    /// The figure's position in the fact's `figures`.
    pub figure: usize,
    /// The figure's value as a number.
    pub value: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    charts: Vec<Spanned<RawTable>>,
}

const CHART_FIELDS: &[&str] = &["id", "scale", "bars"];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBar {
    fact: String,
    figure: String,
}

/// Most bars a chart may have: more do not fit a Discord image or a phone.
pub const MAX_BARS: usize = 6;

/// Reads the charts of `file`, checking each bar against `base`.
///
/// # Errors
/// Every problem found, each with its position in `file`.
pub fn parse(file: &SourceText<'_>, base: &FactBase) -> Result<Vec<Chart>, LoadError> {
    let mut problems = Vec::new();
    let raw: RawFile = match file.parse() {
        Ok(raw) => raw,
        Err(problem) => return Err(LoadError::new(vec![problem])),
    };
    let mut charts: Vec<Chart> = Vec::new();
    for table in raw.charts {
        let mut fields = Fields::new(file, &mut problems, "chart", CHART_FIELDS, table);
        let start = fields.start();
        let id = fields.required::<String>("id");
        let scale = fields.optional::<String>("scale");
        let bars = fields.required::<Vec<RawBar>>("bars");
        fields.finish();
        let (Some((id, id_at)), Some((raw_bars, bars_at))) = (id, bars) else {
            continue;
        };
        let scale = match scale.as_ref().map(|(s, at)| (s.as_str(), at.start)) {
            None | Some(("largest", _)) => Scale::Largest,
            Some(("whole", _)) => Scale::Whole,
            Some((other, at)) => {
                problems.push(file.problem(
                    at,
                    format!("chart `{id}`: scale `{other}` should be `largest` or `whole`"),
                ));
                continue;
            }
        };
        if charts.iter().any(|c| c.id == id) {
            problems.push(file.problem(id_at.start, format!("chart id `{id}` is used twice")));
        }
        let wanted = if scale == Scale::Whole { 1 } else { 2 };
        if raw_bars.len() < wanted || raw_bars.len() > MAX_BARS {
            problems.push(file.problem(
                bars_at.start,
                format!(
                    "chart `{id}` needs {wanted} to {MAX_BARS} bars, not {}",
                    raw_bars.len()
                ),
            ));
            continue;
        }
        let mut bars = Vec::new();
        for raw in &raw_bars {
            match bar(raw, base, scale) {
                Ok(bar) => bars.push(bar),
                Err(message) => {
                    problems.push(file.problem(bars_at.start, format!("chart `{id}`: {message}")))
                }
            }
        }
        if bars.len() != raw_bars.len() {
            continue;
        }
        let kind = |bar: &Bar| base.get(&bar.fact).map(|f| f.figures[bar.figure].kind);
        if bars.iter().any(|b| kind(b) != kind(&bars[0])) {
            problems.push(file.problem(
                start,
                format!("chart `{id}` compares figures of different kinds"),
            ));
            continue;
        }
        charts.push(Chart { id, scale, bars });
    }
    if problems.is_empty() {
        Ok(charts)
    } else {
        Err(LoadError::new(problems))
    }
}

/// The bar for `raw`, or why it cannot be one.
fn bar(raw: &RawBar, base: &FactBase, scale: Scale) -> Result<Bar, String> {
    let fact = base
        .get(&raw.fact)
        .ok_or_else(|| format!("there is no fact `{}`", raw.fact))?;
    let Some(figure) = fact.figures.iter().position(|f| f.label == raw.figure) else {
        let labels: Vec<String> = fact
            .figures
            .iter()
            .map(|f| format!("`{}`", f.label))
            .collect();
        return Err(format!(
            "fact `{}` has no figure `{}`; its figures: {}",
            fact.id,
            raw.figure,
            if labels.is_empty() {
                "none".to_owned()
            } else {
                labels.join(", ")
            }
        ));
    };
    let stated = &fact.figures[figure];
    let value = exact_number(&stated.value).ok_or_else(|| {
        format!(
            "figure `{}` of `{}` is \"{}\", not an exact number a bar can show",
            stated.label, fact.id, stated.value
        )
    })?;
    if matches!(
        stated.kind,
        FigureKind::Date | FigureKind::Name | FigureKind::Rank
    ) {
        return Err(format!(
            "figure `{}` of `{}` is not a quantity",
            stated.label, fact.id
        ));
    }
    if scale == Scale::Whole && (stated.unit != "percent" || !(0.0..=100.0).contains(&value)) {
        return Err(format!(
            "figure `{}` of `{}` is not a percentage, so it is no share of a whole",
            stated.label, fact.id
        ));
    }
    Ok(Bar {
        fact: fact.id.clone(),
        figure,
        value,
    })
}

/// The number `value` states when it states exactly one, with nothing around it but
/// a scale word ("429.8 billion", "493,000"); `None` for "over 40" or "nearly 30".
fn exact_number(value: &str) -> Option<f64> {
    let starts_with_digit = value.trim_start().starts_with(|c: char| c.is_ascii_digit());
    match numbers::quantities(value).as_slice() {
        [one] if starts_with_digit => Some(*one),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_exact_number_makes_a_bar() {
        assert_eq!(exact_number("493,000"), Some(493_000.0));
        assert_eq!(exact_number("429.8 billion"), Some(429.8e9));
        assert_eq!(exact_number("over 40"), None);
        assert_eq!(exact_number("nearly 30"), None);
        assert_eq!(exact_number("two-thirds"), None);
        assert_eq!(exact_number("between 3 and 4"), None);
    }
}
