"""Dev tool: write font_widths.json, the advance widths of DejaVu Sans (regular and bold) the pictures lay text out with.

Not imported by sitrep. DejaVu Sans is the pictures' first font (and WeasyPrint's here); its widths
let labels be placed without overlaps on any machine, font installed or not. Browsers that fall back
to another sans-serif draw narrower text, never wider. Run it once, with fontTools (a WeasyPrint
dependency) and Debian's fonts-dejavu-core:

    python sitrep/data/extract_widths.py /usr/share/fonts/truetype/dejavu
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fontTools.ttLib import TTFont

OUT = Path(__file__).resolve().parent / "font_widths.json"
RANGES = ((0x20, 0x250), (0x2010, 0x2060), (0x2190, 0x21A0), (0x2212, 0x2213))  # Latin, punctuation, arrows, minus


def widths(path: Path) -> str:
    """Per character of RANGES, its advance in 1/100 em, as one comma-separated string (0: not in the font)."""
    font = TTFont(str(path))
    cmap, metrics, per_em = font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm
    values = []
    for low, high in RANGES:
        for code in range(low, high):
            glyph = cmap.get(code)
            values.append(str(round(metrics[glyph][0] * 100 / per_em)) if glyph else "0")
    return ",".join(values)


def main(folder: str) -> None:
    data = {
        "font": "DejaVu Sans",
        "ranges": [list(r) for r in RANGES],
        "regular": widths(Path(folder) / "DejaVuSans.ttf"),
        "bold": widths(Path(folder) / "DejaVuSans-Bold.ttf"),
    }
    OUT.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
