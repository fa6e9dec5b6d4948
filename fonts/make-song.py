#!/usr/bin/env python3
"""Make fonts/GXSong-Regular.otf: the 表格（宋体） face, a renamed GB2312 subset of Noto Serif SC.

Why: the tables print only the official labels (all in GB2312) and figures, yet the table role
used the whole 11 MiB NotoSerifSC-Regular.otf, so every build parsed, hashed and subset it.
The full file stays the rare-character fallback after this face, so nothing prints differently:
a character outside the subset comes from the same design.

Source: fonts/NotoSerifSC-Regular.otf, the unchanged file of PyPI pylopdf-fonts-zh-cn 0.1.1
(make-fonts.py copies it and checks it against the wheel's RECORD), or the path given as the
first argument. Charset: GB2312 + the symbol blocks of make-fonts.py (`charset("gb2312")`).
Renamed like the other subsets (make-fonts.py `rename`): family "GX Song".

Needs fontTools (PyPI fonttools 4.68.0). Usage: python3 fonts/make-song.py [SOURCE.otf]
"""
import hashlib
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("make_fonts", os.path.join(HERE, "make-fonts.py"))
mf = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mf)

from fontTools.ttLib import TTFont  # noqa: E402

FAMILY, PSNAME, OUT = "GX Song", "GXSong-Regular", "GXSong-Regular.otf"


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, mf.PYPI_FONT)
    digest = hashlib.sha256(open(src, "rb").read()).hexdigest()
    cmap = TTFont(src)["cmap"].getBestCmap()
    unicodes = sorted(c for c in mf.charset("gb2312") if c in cmap)
    dest = os.path.join(HERE, OUT)
    mf.make_subset(src, None, FAMILY, PSNAME, unicodes, dest)
    # fontTools stamps the font with the time of saving: put the source's
    # head.modified back, so the output bytes do not change between runs.
    modified = TTFont(src)["head"].modified
    out = TTFont(dest, recalcTimestamp=False)
    out["head"].modified = modified
    out.save(dest)
    have = TTFont(dest)["cmap"].getBestCmap()
    gb = mf.gb2312_chars(hanzi_only=True)
    print(f"source {src}\n  sha256 {digest}")
    print(f"{OUT}: {os.path.getsize(dest):,} B, {len(have):,} code points, "
          f"GB2312 hanzi {sum(1 for c in gb if c in have)}/{len(gb)}")
    print(f"  sha256 {hashlib.sha256(open(dest, 'rb').read()).hexdigest()}")


if __name__ == "__main__":
    main()
