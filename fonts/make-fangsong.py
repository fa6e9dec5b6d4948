#!/usr/bin/env python3
"""Make fonts/GXFangSong-Regular.ttf: a renamed subset of 朱雀仿宋 (Zhuque Fangsong).

Source: the TTF that ../shared/fonts/zhuque-fangsong/ holds (built with fontmake 3.12.2 from
TrionesType/zhuque commit 227319a16dab9b4ce48b8cf168f70f2ffa0ce3d0, src/ZhuqueFangsong.glyphspackage;
see SOURCE.md there), or the path given as the first argument.

Charset: GB2312 (all of it) + the symbol blocks of make-fonts.py + every CJK Unified Ideograph
(URO and Ext A) the source has. No registry package ships the 通用规范汉字表 list, and the
characters of that list that the source has are all in URO/Ext A, so this is a superset of
"GB2312 + 通用规范汉字表" restricted to what the font can print.

Needs fontTools (PyPI fonttools 4.68.0). Usage: python3 fonts/make-fangsong.py [SOURCE.ttf]
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

# The TTF the project keeps beside the repositories (see SOURCE.md there).
DEFAULT_SRC = os.environ.get(
    "ZHUQUE_TTF", "/work/shared/fonts/zhuque-fangsong/ZhuqueFangsong-Regular.ttf")
FAMILY, PSNAME, OUT = "GX FangSong", "GXFangSong-Regular", "GXFangSong-Regular.ttf"




def main():
    src = sys.argv[1] if len(sys.argv) > 1 else DEFAULT_SRC
    digest = hashlib.sha256(open(src, "rb").read()).hexdigest()
    cmap = TTFont(src)["cmap"].getBestCmap()
    want = mf.charset("gb2312")
    for a, b in (mf.URO, mf.EXT_A):
        want.update(c for c in range(a, b + 1) if c in cmap)
    unicodes = sorted(c for c in want if c in cmap)
    dest = os.path.join(HERE, OUT)
    mf.make_subset(src, None, FAMILY, PSNAME, unicodes, dest)
    # fontTools stamps a TTF with the time of saving: put the source's
    # head.modified back, so the output bytes do not change between runs.
    modified = TTFont(src)["head"].modified
    out = TTFont(dest, recalcTimestamp=False)
    out["head"].modified = modified
    out.save(dest)
    out = TTFont(dest)
    have = out["cmap"].getBestCmap()
    gb = mf.gb2312_chars(hanzi_only=True)
    print(f"source {src}\n  sha256 {digest}")
    print(f"{OUT}: {os.path.getsize(dest):,} B, {len(have):,} code points, "
          f"GB2312 hanzi {sum(1 for c in gb if c in have)}/{len(gb)}, "
          f"URO {sum(1 for c in have if mf.URO[0] <= c <= mf.URO[1]):,}, "
          f"Ext A {sum(1 for c in have if mf.EXT_A[0] <= c <= mf.EXT_A[1])}")
    missing = [chr(c) for c in sorted(mf.charset('gb2312')) if c not in have and c > 0x7f]
    print(f"  requested symbols it lacks: {len(missing)} (e.g. {''.join(missing[:40])})")


if __name__ == "__main__":
    main()
