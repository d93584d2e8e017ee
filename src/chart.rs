//! Charts of figures that compare (`data/charts.toml`), drawn by plotters as one
//! horizontal bar per figure: SVG for the web pages, PNG for Discord. The PNG is drawn
//! with a font compiled into the binary (`data/fonts/chart.otf`, made by
//! `scripts/chart-font.py`), so no system font is needed. Pure: figures in, bytes out.

use std::sync::{LazyLock, Once};

use ab_glyph::{Font, FontRef, Glyph, PxScale, ScaleFont, point};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, register_font};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};

use crate::facts::{Chart, FactBase, Scale};
use crate::lang::Lang;
use crate::reply::{FigureLine, Link};

/// The font every chart is drawn in: printable ASCII and the facts' Chinese.
pub static FONT: &[u8] = include_bytes!("../data/fonts/chart.otf");
/// The family name the font is registered under.
const FAMILY: &str = "sans-serif";

/// Width of a chart, in pixels.
pub const WIDTH: u32 = 640;
const MARGIN: i32 = 16;
const ROW: i32 = 60;
const BAR: i32 = 24;
const LABEL_SIZE: f64 = 17.0;
const VALUE_SIZE: f64 = 16.0;
/// Room kept right of the longest bar for its value.
const VALUE_ROOM: i32 = 150;

const INK: RGBColor = RGBColor(0x1f, 0x29, 0x37);
const BAR_COLOUR: RGBColor = RGBColor(0x1d, 0x5f, 0x9e);
const TRACK: RGBColor = RGBColor(0xe5, 0xe7, 0xeb);

/// A chart in one language, ready to draw or to read out.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawn {
    pub id: String,
    pub scale: Scale,
    pub bars: Vec<DrawnBar>,
}

/// One bar: what it measures, its figure as stated, and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawnBar {
    pub label: String,
    /// The figure with its unit, as the fact states it ("5.5 percent", "5.5%").
    pub shown: String,
    pub value: f64,
    /// The fact it comes from, if it is a fact's figure.
    pub fact: Option<String>,
}

impl Drawn {
    /// `chart` of `base` in `lang` (Simplified for Chinese: `Lang::script` converts).
    pub fn new(base: &FactBase, chart: &Chart, lang: Lang) -> Drawn {
        let mut bars: Vec<DrawnBar> = chart
            .bars
            .iter()
            .filter_map(|bar| {
                let fact = base.get(&bar.fact)?;
                let line = FigureLine::new(base, fact, bar.figure, lang);
                Some(DrawnBar {
                    label: line.label,
                    shown: line.value,
                    value: bar.value,
                    fact: Some(fact.id.clone()),
                })
            })
            .collect();
        // Two bars with one label ("Year-on-year growth") are told apart by their facts.
        let labels: Vec<String> = bars.iter().map(|b| b.label.clone()).collect();
        for bar in &mut bars {
            let shared = labels.iter().filter(|l| **l == bar.label).count() > 1;
            if shared && let Some(fact) = bar.fact.as_deref().and_then(|id| base.get(id)) {
                bar.label = Link::new(base, fact, lang).title;
            }
        }
        Drawn {
            id: chart.id.clone(),
            scale: chart.scale,
            bars,
        }
    }

    /// The chart in `lang`'s script (Traditional where it asks for it).
    pub fn in_script(mut self, lang: Lang) -> Drawn {
        for bar in &mut self.bars {
            bar.label = lang.script(&bar.label);
            bar.shown = lang.script(&bar.shown);
        }
        self
    }

    /// Its height, in pixels.
    pub fn height(&self) -> u32 {
        (2 * MARGIN + ROW * self.bars.len() as i32) as u32
    }

    /// The length of the bar for `value`, out of `room` pixels.
    fn length(&self, value: f64, room: i32) -> i32 {
        let full = match self.scale {
            Scale::Whole => 100.0,
            Scale::Largest => self.bars.iter().map(|b| b.value).fold(0.0, f64::max),
        };
        if full <= 0.0 {
            return 0;
        }
        ((value / full) * f64::from(room)).round().max(1.0) as i32
    }

    /// Draws the chart on `area`.
    fn draw<B: DrawingBackend>(
        &self,
        area: &DrawingArea<B, plotters::coord::Shift>,
    ) -> Result<(), DrawingAreaErrorKind<B::ErrorType>> {
        register_font_once();
        area.fill(&WHITE)?;
        let room = WIDTH as i32 - 2 * MARGIN - VALUE_ROOM;
        let label_style = TextStyle::from((FAMILY, LABEL_SIZE).into_font())
            .color(&INK)
            .pos(Pos::new(HPos::Left, VPos::Top));
        let value_style = TextStyle::from((FAMILY, VALUE_SIZE).into_font().style(FontStyle::Bold))
            .color(&INK)
            .pos(Pos::new(HPos::Left, VPos::Center));
        for (row, bar) in self.bars.iter().enumerate() {
            let top = MARGIN + ROW * row as i32;
            area.draw(&Text::new(
                bar.label.clone(),
                (MARGIN, top),
                label_style.clone(),
            ))?;
            let bar_top = top + 26;
            if self.scale == Scale::Whole {
                area.draw(&Rectangle::new(
                    [(MARGIN, bar_top), (MARGIN + room, bar_top + BAR)],
                    TRACK.filled(),
                ))?;
            }
            let end = MARGIN + self.length(bar.value, room);
            area.draw(&Rectangle::new(
                [(MARGIN, bar_top), (end, bar_top + BAR)],
                BAR_COLOUR.filled(),
            ))?;
            let after = if self.scale == Scale::Whole {
                MARGIN + room
            } else {
                end
            };
            area.draw(&Text::new(
                bar.shown.clone(),
                (after + 10, bar_top + BAR / 2),
                value_style.clone(),
            ))?;
        }
        area.present()
    }
}

/// The chart as an SVG document.
pub fn svg(drawn: &Drawn) -> String {
    let mut out = String::new();
    {
        let backend = SVGBackend::with_string(&mut out, (WIDTH, drawn.height()));
        drawn
            .draw(&backend.into_drawing_area())
            .expect("drawing to a string does not fail");
    }
    out
}

/// The chart as a PNG image.
pub fn png(drawn: &Drawn) -> Vec<u8> {
    let (width, height) = (WIDTH, drawn.height());
    let mut pixels = vec![0u8; (width * height * 3) as usize];
    {
        let backend = Bitmap(BitMapBackend::with_buffer(&mut pixels, (width, height)));
        drawn
            .draw(&backend.into_drawing_area())
            .expect("drawing to a buffer does not fail");
    }
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder
        .write_header()
        .and_then(|mut writer| {
            writer.write_image_data(&pixels)?;
            writer.finish()
        })
        .expect("encoding to memory does not fail");
    out
}

/// plotters' bitmap backend with text drawn by ab_glyph at each glyph's own bearing:
/// plotters 0.3.7 puts each glyph's outline at the pen (dropping its left side
/// bearing), which crowds "i" and "l" against their neighbours.
struct Bitmap<'a>(BitMapBackend<'a>);

type BitmapError = DrawingErrorKind<<BitMapBackend<'static> as DrawingBackend>::ErrorType>;

impl Bitmap<'_> {
    /// `text` at `size`, laid out from the origin on a baseline at 0: each glyph, and
    /// the width of them all.
    fn glyphs(text: &str, size: f32) -> (Vec<Glyph>, f32) {
        let font = font().as_scaled(PxScale::from(size));
        let mut pen = 0.0;
        let mut previous = None;
        let glyphs = text
            .chars()
            .map(|c| {
                let id = font.glyph_id(c);
                if let Some(previous) = previous {
                    pen += font.kern(previous, id);
                }
                previous = Some(id);
                let glyph = id.with_scale_and_position(font.scale(), point(pen, 0.0));
                pen += font.h_advance(id);
                glyph
            })
            .collect();
        (glyphs, pen)
    }
}

impl DrawingBackend for Bitmap<'_> {
    type ErrorType = <BitMapBackend<'static> as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), BitmapError> {
        self.0.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), BitmapError> {
        self.0.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), BitmapError> {
        self.0.draw_pixel(point, color)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), BitmapError> {
        self.0.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), BitmapError> {
        let (_, width) = Bitmap::glyphs(text, style.size() as f32);
        Ok((width.ceil() as u32, style.size().ceil() as u32))
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        (x, y): BackendCoord,
    ) -> Result<(), BitmapError> {
        let size = style.size() as f32;
        let scaled = font().as_scaled(PxScale::from(size));
        let (ascent, descent) = (scaled.ascent(), scaled.descent());
        let baseline = match style.anchor().v_pos {
            VPos::Top => y as f32 + ascent,
            VPos::Center => y as f32 + (ascent + descent) / 2.0,
            VPos::Bottom => y as f32 + descent,
        };
        let (glyphs, width) = Bitmap::glyphs(text, size);
        let left = match style.anchor().h_pos {
            HPos::Left => x as f32,
            HPos::Center => x as f32 - width / 2.0,
            HPos::Right => x as f32 - width,
        };
        let colour = style.color();
        for mut glyph in glyphs {
            glyph.position += point(left, baseline);
            let Some(outline) = font().outline_glyph(glyph) else {
                continue;
            };
            let bounds = outline.px_bounds();
            let mut result = Ok(());
            outline.draw(|gx, gy, coverage| {
                let at = (
                    bounds.min.x as i32 + gx as i32,
                    bounds.min.y as i32 + gy as i32,
                );
                let ink = BackendColor {
                    alpha: colour.alpha * f64::from(coverage),
                    rgb: colour.rgb,
                };
                if result.is_ok() && coverage > 0.0 {
                    result = self.0.draw_pixel(at, ink);
                }
            });
            result?;
        }
        Ok(())
    }
}

/// [`FONT`], parsed once.
fn font() -> &'static FontRef<'static> {
    static PARSED: LazyLock<FontRef<'static>> = LazyLock::new(|| {
        FontRef::try_from_slice(FONT).expect("data/fonts/chart.otf is a font ab_glyph reads")
    });
    &PARSED
}

/// Registers [`FONT`] with plotters, once per process.
fn register_font_once() {
    static REGISTERED: Once = Once::new();
    REGISTERED.call_once(|| {
        for style in [FontStyle::Normal, FontStyle::Bold] {
            if register_font(FAMILY, style, FONT).is_err() {
                panic!("data/fonts/chart.otf is not a font plotters can read");
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data;
    use crate::lang::Script;

    fn drawn(id: &str, lang: Lang) -> Drawn {
        let base = data::bundled().expect("the bundled data loads");
        let chart = base.chart(id).cloned().expect("the chart exists");
        Drawn::new(&base, &chart, lang)
    }

    #[test]
    fn bars_carry_the_figures_as_the_facts_state_them() {
        let gdp = drawn("gdp-growth-2023", Lang::En);
        let shown: Vec<&str> = gdp.bars.iter().map(|b| b.shown.as_str()).collect();
        assert_eq!(shown, ["5.5 percent", "5.2 percent"]);
        let chinese = drawn("gdp-growth-2023", Lang::ZH);
        assert!(chinese.bars[0].label.contains("西部"), "{:?}", chinese.bars);
    }

    #[test]
    fn bars_that_share_a_label_are_named_by_their_facts() {
        let growth = drawn("patent-and-trademark-growth", Lang::En);
        assert_ne!(growth.bars[0].label, growth.bars[1].label);
        assert!(
            growth.bars[1].label.contains("trademarks"),
            "{:?}",
            growth.bars
        );
    }

    #[test]
    fn the_larger_figure_gets_the_longer_bar_and_a_share_is_of_a_whole() {
        let gdp = drawn("gdp-growth-2023", Lang::En);
        assert_eq!(gdp.length(5.5, 400), 400);
        assert_eq!(gdp.length(5.2, 400), 378);
        let share = drawn("western-share-of-gi-products", Lang::En);
        assert_eq!(share.length(38.8, 1000), 388);
    }

    #[test]
    fn the_svg_states_every_bar_as_text() {
        let svg = svg(&drawn("china-eu-gi-lists", Lang::En));
        assert!(svg.starts_with("<svg"), "{svg}");
        for text in [
            "Chinese GIs protected",
            "EU GIs protected",
            "100 Chinese GIs",
            "96 EU GIs",
        ] {
            assert!(svg.contains(text), "{text} missing from {svg}");
        }
    }

    #[test]
    fn the_png_is_an_image_of_the_charts_size() {
        let chart =
            drawn("gdp-growth-2023", Lang::Zh(Script::Taiwan)).in_script(Lang::Zh(Script::Taiwan));
        let png = png(&chart);
        let decoder = png::Decoder::new(std::io::Cursor::new(&png));
        let info = decoder.read_info().expect("a PNG").info().clone();
        assert_eq!((info.width, info.height), (WIDTH, chart.height()));
    }

    #[test]
    fn the_font_has_every_character_of_every_chart_in_every_script() {
        let font = font();
        let base = data::bundled().expect("the bundled data loads");
        let scripts = [
            Lang::En,
            Lang::ZH,
            Lang::Zh(Script::Traditional),
            Lang::Zh(Script::Taiwan),
            Lang::Zh(Script::HongKong),
        ];
        for chart in base.charts() {
            for lang in scripts {
                let drawn = Drawn::new(&base, chart, lang).in_script(lang);
                for bar in &drawn.bars {
                    for c in bar.label.chars().chain(bar.shown.chars()) {
                        assert_ne!(
                            font.glyph_id(c).0,
                            0,
                            "chart.otf lacks {c:?} of {:?}; run scripts/chart-font.py",
                            bar.label
                        );
                    }
                }
            }
        }
    }
}
