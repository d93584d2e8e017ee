#!/usr/bin/env python3
"""Makes data/fonts/chart.otf, the one font the charts are drawn with.

The bot sends charts as PNG images, drawn without system fonts, so the glyphs are
compiled into the binary (with the font's licence, chart.otf.copyright). They are cut from Noto Sans CJK SC (Debian's
fonts-noto-cjk, under the SIL Open Font License 1.1): printable ASCII, and every
character of the facts' Chinese titles and figures in Simplified and the
Traditional scripts the bot writes. `cargo test` fails when a chart label has a
character the font lacks: run this again after changing the facts' Chinese.

Needs apt-get (Debian) and network access to Debian's and PyPI's registries:
    python3 scripts/chart-font.py
"""
import glob
import pathlib
import subprocess
import sys
import tempfile
import tomllib

DEB = "fonts-noto-cjk=1:20220127+repack1-1"
FONTTOOLS = "fonttools==4.68.0"
ZHCONV = "zhconv==1.4.3"
COLLECTION = "usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SIMPLIFIED_CHINESE = 2  # the collection's fonts: JP, KR, SC, TC, HK, ...
ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "fonts" / "chart.otf"
LICENSE = ROOT / "data" / "fonts" / "chart.otf.copyright"


def chart_text(facts_zh):
    """Every character a chart label or value may hold."""
    text = "".join(chr(c) for c in range(0x20, 0x7F)) + "·–—%（）、，：．"
    for fact in facts_zh.get("facts", {}).values():
        text += fact.get("title", "")
        for figure in fact.get("figures", []):
            text += figure.get("label", "") + figure.get("value", "") + figure.get("unit", "")
    return text


def main():
    with tempfile.TemporaryDirectory() as work:
        work = pathlib.Path(work)
        subprocess.run(["apt-get", "download", DEB], cwd=work, check=True)
        (deb,) = glob.glob(str(work / "fonts-noto-cjk_*.deb"))
        subprocess.run(["dpkg-deb", "-x", deb, str(work / "x")], check=True)
        subprocess.run([sys.executable, "-m", "venv", str(work / "venv")], check=True)
        pip = work / "venv" / "bin" / "pip"
        subprocess.run([str(pip), "install", "-q", FONTTOOLS, ZHCONV], check=True)
        facts_zh = tomllib.loads((ROOT / "data" / "facts.zh.toml").read_text())
        simplified = chart_text(facts_zh)
        convert = (
            "import sys, zhconv; t = sys.stdin.read(); "
            "print(t + ''.join(zhconv.convert(t, v) for v in ('zh-hant', 'zh-tw', 'zh-hk')))"
        )
        python = str(work / "venv" / "bin" / "python")
        text = subprocess.run(
            [python, "-c", convert], input=simplified, capture_output=True, text=True, check=True
        ).stdout
        chars = "".join(sorted(set(text) - {"\n"}))
        (work / "chars.txt").write_text(chars)
        OUT.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                str(work / "venv" / "bin" / "pyftsubset"),
                str(work / "x" / COLLECTION),
                f"--font-number={SIMPLIFIED_CHINESE}",
                f"--text-file={work / 'chars.txt'}",
                f"--output-file={OUT}",
                "--layout-features=kern",
                "--no-hinting",
                "--desubroutinize",
                "--name-IDs=0,1,2,3,4,5,6,13,14",
            ],
            check=True,
        )
        copyright = work / "x" / "usr/share/doc/fonts-noto-cjk/copyright"
        LICENSE.write_text(copyright.read_text())
    print(f"{OUT.relative_to(ROOT)}: {len(chars)} characters, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
