#!/usr/bin/env python3
"""Regenerate gxreport's embedded fonts from registry packages (see README.md).

Sources (nothing is downloaded from anywhere else):
  Debian fonts-noto-cjk        NotoSerifCJK-Bold.ttc (face "Noto Serif CJK SC")
  Debian fonts-noto-cjk-extra  NotoSansCJK-Medium.ttc (face "Noto Sans CJK SC")
  Debian fonts-lxgw-wenkai     LXGWWenKai-Regular.ttf
  Debian fonts-texgyre         texgyretermes-{regular,bold}.otf
  PyPI   pylopdf-fonts-zh-cn   NotoSerifSC-Regular.otf

Usage: python3 make-fonts.py [--out DIR] [--charset auto|full|gb2312] [--report]
  --charset auto (default): keep the full CJK URO block; if the three renamed
  subsets together exceed 24 MiB, rebuild them with GB2312 + symbol blocks only.
  --report: only print coverage / name checks of the files already in DIR.
Needs fontTools (tested with 4.68.0). Output is deterministic for a given
fontTools version (head.modified is kept from the source font).
"""
import argparse
import base64
import hashlib
import os
import shutil
import subprocess
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

HERE = os.path.dirname(os.path.abspath(__file__))
NOTO_DIR = "/usr/share/fonts/opentype/noto"
WENKAI_DIR = "/usr/share/fonts/truetype/lxgw-wenkai"
TEXGYRE_DIR = "/usr/share/texmf/fonts/opentype/public/tex-gyre"
MiB = 1024 * 1024
LIMIT = 24 * MiB

# Words that must not survive in a renamed font's name table (OFL reserved
# font names / trademarks of the originals). Name ID 0 (copyright notice) is
# kept verbatim on purpose: the OFL requires the copyright notice to stay.
FORBIDDEN = ("noto", "lxgw", "霞鹜", "霞鶩", "wenkai", "source han", "思源", "klee")

# (output file, new family, new PostScript name, source path, TTC face family, Debian pkg)
RENAMED = [
    ("GXBiaoSong-Regular.otf", "GX BiaoSong", "GXBiaoSong-Regular",
     f"{NOTO_DIR}/NotoSerifCJK-Bold.ttc", "Noto Serif CJK SC", "fonts-noto-cjk"),
    ("GXHei-Regular.otf", "GX Hei", "GXHei-Regular",
     f"{NOTO_DIR}/NotoSansCJK-Medium.ttc", "Noto Sans CJK SC", "fonts-noto-cjk-extra"),
    ("GXKai-Regular.ttf", "GX Kai", "GXKai-Regular",
     f"{WENKAI_DIR}/LXGWWenKai-Regular.ttf", None, "fonts-lxgw-wenkai"),
]
COPIED_DEB = [
    ("texgyretermes-regular.otf", f"{TEXGYRE_DIR}/texgyretermes-regular.otf", "fonts-texgyre"),
    ("texgyretermes-bold.otf", f"{TEXGYRE_DIR}/texgyretermes-bold.otf", "fonts-texgyre"),
]
PYPI_PKG = "pylopdf-fonts-zh-cn"
PYPI_FONT = "NotoSerifSC-Regular.otf"

SYMBOL_RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x2000, 0x206F),  # General Punctuation
    (0x2100, 0x218F),  # Letterlike Symbols (℃ №) + Number Forms (Ⅰ–Ⅻ)
    (0x2190, 0x22FF),  # Arrows + Mathematical Operators
    (0x2460, 0x24FF),  # Enclosed Alphanumerics (①–⑳ …)
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
]
URO = (0x4E00, 0x9FFF)
EXT_A = (0x3400, 0x4DBF)
PROBES = ["䶮", "堃", "喆", "赟", "昇", "\U0002C317"]


def gb2312_chars(hanzi_only=False):
    """Every character of GB2312: all two-byte codes 0xA1A1-0xF7FE that decode."""
    out = set()
    for hi in range(0xB0 if hanzi_only else 0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            s = bytes([hi, lo]).decode("gb2312", errors="ignore")
            if s:
                out.add(ord(s))
    return out


def charset(mode):
    u = set(gb2312_chars())
    for a, b in SYMBOL_RANGES:
        u.update(range(a, b + 1))
    if mode == "full":
        u.update(range(URO[0], URO[1] + 1))
    return u


def deb_version(pkg):
    try:
        return subprocess.run(["dpkg-query", "-W", "-f", "${Version}", pkg],
                              capture_output=True, text=True, check=True).stdout.strip()
    except Exception:
        return "?"


def pypi_font_path():
    import pylopdf_fonts_zh_cn  # noqa: F401  (PyPI package pylopdf-fonts-zh-cn)
    return os.path.join(os.path.dirname(pylopdf_fonts_zh_cn.__file__), PYPI_FONT)


def check_wheel_hash(path):
    """Compare the copied file with the sha256 recorded in the wheel's RECORD."""
    from importlib import metadata
    dist = metadata.distribution(PYPI_PKG)
    for f in dist.files or []:
        if f.name == PYPI_FONT and f.hash:
            digest = base64.urlsafe_b64encode(
                hashlib.sha256(open(path, "rb").read()).digest()).rstrip(b"=").decode()
            return digest == f.hash.value
    return None


def open_face(path, face_family):
    if not path.lower().endswith((".ttc", ".otc")):
        return TTFont(path)
    from fontTools.ttLib import TTCollection
    n = len(TTCollection(path, lazy=True).fonts)
    for i in range(n):
        f = TTFont(path, fontNumber=i)
        nm = f["name"]
        if face_family in (nm.getDebugName(16), nm.getDebugName(1)):
            return f
    raise SystemExit(f"{path}: no face with family {face_family!r}")


def feature_tags(font):
    tags = set()
    for t in ("GSUB", "GPOS"):
        if t in font and font[t].table.FeatureList:
            tags.update(fr.FeatureTag for fr in font[t].table.FeatureList.FeatureRecord)
    return sorted(tags)


def rename(font, family, psname):
    name = font["name"]
    old = {}
    for rec in name.names:
        if rec.platformID == 3 and rec.langID == 0x409:
            old[rec.nameID] = rec.toUnicode()
    version = old.get(5, "Version 1.000")
    ver_short = version.split(";")[0].replace("Version ", "")
    name.names = []
    new = {
        1: family,
        2: "Regular",
        3: f"{ver_short};GXREPORT;{psname}",
        4: family,
        5: version,
        6: psname,
        10: "Modified Version (subset, renamed) of an SIL OFL 1.1 font, made for gxreport. "
            "See the OFL-*.txt licence file shipped next to this font.",
        16: family,
        17: "Regular",
    }
    for nid in (0, 8, 9, 12, 13, 14):  # copyright, manufacturer, designer, URLs, licence
        if nid in old:
            new[nid] = old[nid]
    for nid, text in sorted(new.items()):
        name.setName(text, nid, 3, 1, 0x409)
    for rec in name.names:
        if rec.nameID != 0:
            low = rec.toUnicode().lower()
            bad = [w for w in FORBIDDEN if w in low]
            if bad:
                raise SystemExit(f"{psname}: name ID {rec.nameID} still contains {bad}")

    if "CFF " in font:
        cff = font["CFF "].cff
        oldps = cff.fontNames[0]
        cff.fontNames = [psname]
        td = cff.topDictIndex[0]
        td.FullName = family
        td.FamilyName = family
        td.Weight = "Regular"
        if hasattr(td, "Notice"):
            td.Notice = old.get(0, "")
        if hasattr(td, "FDArray"):
            for fd in td.FDArray:
                fn = getattr(fd, "FontName", None)
                if fn and fn.startswith(oldps):
                    fd.FontName = psname + fn[len(oldps):]

    os2 = font["OS/2"]
    os2.usWeightClass = 400
    os2.fsSelection = (os2.fsSelection & ~((1 << 0) | (1 << 5))) | (1 << 6)  # REGULAR
    font["head"].macStyle &= ~0b11  # clear bold/italic


def make_subset(src, face_family, family, psname, unicodes, dest):
    font = open_face(src, face_family)
    feats = [t for t in feature_tags(font) if t != "locl"]
    opts = subset.Options()
    opts.layout_features = feats          # everything the font has, minus locl
    opts.layout_scripts = ["*"]
    opts.hinting = False                  # --no-hinting
    opts.glyph_names = False              # drop glyph names (TrueType post v3)
    opts.name_IDs = ["*"]                 # rewritten below anyway
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.recalc_bounds = True
    opts.prune_unicode_ranges = True
    opts.drop_tables = [t for t in opts.drop_tables] + ["DSIG"]
    # vhea / vmtx / VORG are subset and kept by default; BASE is passed through.
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=unicodes)
    sub.subset(font)
    rename(font, family, psname)
    font.save(dest)
    return feats


def coverage(path):
    f = TTFont(path, lazy=True)
    cm = set(f.getBestCmap())
    gbh = gb2312_chars(hanzi_only=True)
    r = {
        "family": [rec.toUnicode() for rec in f["name"].names if rec.nameID == 1],
        "weight": f["OS/2"].usWeightClass,
        "uro": sum(1 for c in cm if URO[0] <= c <= URO[1]),
        "exta": sum(1 for c in cm if EXT_A[0] <= c <= EXT_A[1]),
        "extb": sum(1 for c in cm if c >= 0x20000),
        "gb": len(gbh & cm),
        "gb_all": len(gb2312_chars() & cm),
        "probes": {p: (ord(p) in cm) for p in PROBES},
        "glyphs": f["maxp"].numGlyphs,
        "size": os.path.getsize(path),
    }
    return r


def report(out):
    files = [r[0] for r in RENAMED] + [PYPI_FONT] + [c[0] for c in COPIED_DEB]
    gball = len(gb2312_chars())
    print(f"\n| file | size | glyphs | URO 4E00–9FFF | Ext A | Ext B+ | GB2312 hanzi /6763 "
          f"| GB2312 all /{gball} | " + " | ".join(
              f"{p} U+{ord(p):04X}" for p in PROBES) + " |")
    print("|---" * (7 + len(PROBES)) + "|---|")
    for fn in files:
        p = os.path.join(out, fn)
        if not os.path.exists(p):
            print(f"| {fn} | missing |")
            continue
        c = coverage(p)
        probes = " | ".join("yes" if c["probes"][q] else "no" for q in PROBES)
        print(f"| {fn} | {c['size'] / MiB:.2f} MiB ({c['size']} B) | {c['glyphs']} | {c['uro']} "
              f"| {c['exta']} | {c['extb']} | {c['gb']} | {c['gb_all']} | {probes} |")
    print()
    for fn in files:
        p = os.path.join(out, fn)
        if os.path.exists(p):
            c = coverage(p)
            print(f"{fn}: name ID 1 = {c['family']}  usWeightClass = {c['weight']}")


def debian_license_stanza(copyright_file, name):
    """Return the text of the 'License: <name>' stanza of a Debian copyright file."""
    lines = open(copyright_file, encoding="utf-8").read().splitlines()
    out, inside = [], False
    for i, ln in enumerate(lines):
        # the stand-alone stanza starts a paragraph (the 'Files:' paragraphs
        # also have a 'License:' field, which is only a short name)
        if (ln.startswith("License: ") and ln[9:].strip() == name and not inside
                and (i == 0 or lines[i - 1].strip() == "")):
            inside = True
            continue
        if inside:
            if not ln.startswith(" "):
                break
            body = ln[1:]
            out.append("" if body == "." else body)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"


def debian_copyright_field(copyright_file, files="*"):
    """Copyright: (+ Comment:) lines of the 'Files: <files>' paragraph."""
    text = open(copyright_file, encoding="utf-8").read()
    for para in text.split("\n\n"):
        if para.startswith("Files: ") and para.splitlines()[0][7:].strip() == files:
            keep, on = [], False
            for ln in para.splitlines():
                if ln.startswith(("Copyright:", "Comment:")):
                    on = True
                elif not ln.startswith(" "):
                    on = False
                if on:
                    keep.append(ln)
            return "\n".join(keep)
    return ""


def font_notices(path, face_family=None):
    f = open_face(path, face_family)
    nm = f["name"]
    c = nm.getName(0, 3, 1, 0x409) or nm.getName(0, 1, 0, 0)
    t = nm.getName(7, 3, 1, 0x409) or nm.getName(7, 1, 0, 0)
    return (c.toUnicode() if c else ""), (t.toUnicode() if t else "")


def write_licences(out):
    pypi_lic = None
    from importlib import metadata
    for f in metadata.distribution(PYPI_PKG).files or []:
        if f.name == "LICENSE":
            pypi_lic = f.locate().read_text(encoding="utf-8")
    serif_sc = font_notices(pypi_font_path())
    serif_cjk = font_notices(RENAMED[0][3], RENAMED[0][4])
    sans_cjk = font_notices(RENAMED[1][3], RENAMED[1][4])
    deb = "/usr/share/doc/fonts-noto-cjk/copyright"
    hdr = [
        "Copyright notices of the Noto fonts shipped in this folder, copied from the",
        "packages they come from:",
        "",
        f"NotoSerifSC-Regular.otf (unchanged; PyPI {PYPI_PKG} {metadata.version(PYPI_PKG)}),",
        "font name table, ID 0 and ID 7:",
        f"    {serif_sc[0]}",
        f"    {serif_sc[1]}",
        "",
        f"GXBiaoSong-Regular.otf is a Modified Version (subset, renamed) of Noto Serif CJK SC Bold",
        f"(Debian fonts-noto-cjk {deb_version('fonts-noto-cjk')}), font name table, ID 0 and ID 7:",
        f"    {serif_cjk[0]}",
        f"    {serif_cjk[1]}",
        "",
        f"GXHei-Regular.otf is a Modified Version (subset, renamed) of Noto Sans CJK SC Medium",
        f"(Debian fonts-noto-cjk-extra {deb_version('fonts-noto-cjk-extra')}), font name table, ID 0 and ID 7:",
        f"    {sans_cjk[0]}",
        f"    {sans_cjk[1]}",
        "",
        f"Debian {deb}, 'Files: *' paragraph:",
        *("    " + ln for ln in debian_copyright_field(deb).splitlines()),
        "",
        f"Licence text below: the LICENSE file of the PyPI package {PYPI_PKG}",
        "(identical in substance to the 'License: SIL-1.1' text in the Debian copyright file).",
        "",
        "-" * 72,
        "",
    ]
    with open(os.path.join(out, "OFL-Noto.txt"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(hdr) + pypi_lic)

    deb = "/usr/share/doc/fonts-lxgw-wenkai/copyright"
    wk = font_notices(RENAMED[2][3])
    hdr = [
        "GXKai-Regular.ttf is a Modified Version (subset, renamed) of LXGW WenKai Regular",
        f"(Debian fonts-lxgw-wenkai {deb_version('fonts-lxgw-wenkai')}). It is renamed because the",
        "original reserves the font names below; it is not the original font and is not",
        "endorsed by its authors.",
        "",
        "Font name table, ID 0 (copyright) and ID 7 (trademark) of the original:",
        *("    " + ln for ln in wk[0].splitlines()),
        *("    " + ln for ln in wk[1].splitlines()),
        "",
        f"Debian {deb}, 'Files: *' paragraph:",
        *("    " + ln for ln in debian_copyright_field(deb).splitlines()),
        "",
        f"Licence text below: the 'License: OFL-1.1' text of {deb}.",
        "",
        "-" * 72,
        "",
    ]
    with open(os.path.join(out, "OFL-LXGW-WenKai.txt"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(hdr) + debian_license_stanza(deb, "OFL-1.1"))

    shutil.copyfile("/usr/share/texmf/doc/fonts/tex-gyre/GUST-FONT-LICENSE.txt",
                    os.path.join(out, "GUST-FONT-LICENSE.txt"))
    print("licence files written: OFL-Noto.txt OFL-LXGW-WenKai.txt GUST-FONT-LICENSE.txt")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=HERE)
    ap.add_argument("--charset", choices=["auto", "full", "gb2312"], default="auto")
    ap.add_argument("--report", action="store_true")
    ap.add_argument("--licences-only", action="store_true")
    a = ap.parse_args()
    out = a.out
    os.makedirs(out, exist_ok=True)
    if a.report:
        report(out)
        return
    if a.licences_only:
        write_licences(out)
        return

    import fontTools
    print(f"fontTools {fontTools.version}")
    # 1. unchanged copies
    src = pypi_font_path()
    from importlib import metadata
    print(f"{PYPI_FONT}: PyPI {PYPI_PKG} {metadata.version(PYPI_PKG)} -> copied unchanged")
    shutil.copyfile(src, os.path.join(out, PYPI_FONT))
    ok = check_wheel_hash(os.path.join(out, PYPI_FONT))
    print(f"  sha256 matches the wheel RECORD: {ok}")
    for fn, path, pkg in COPIED_DEB:
        print(f"{fn}: Debian {pkg} {deb_version(pkg)} -> copied unchanged")
        shutil.copyfile(path, os.path.join(out, fn))

    write_licences(out)

    # 2. renamed subsets
    modes = ["full", "gb2312"] if a.charset == "auto" else [a.charset]
    sizes = {}
    for mode in modes:
        u = charset(mode)
        print(f"charset {mode}: {len(u)} code points requested")
        total = 0
        for fn, fam, ps, path, face, pkg in RENAMED:
            dest = os.path.join(out, fn)
            feats = make_subset(path, face, fam, ps, u, dest)
            sz = os.path.getsize(dest)
            total += sz
            print(f"  {fn}: {fam!r} from Debian {pkg} {deb_version(pkg)} "
                  f"{os.path.basename(path)}{' [' + face + ']' if face else ''}; "
                  f"features kept {','.join(feats)}; {sz / MiB:.2f} MiB")
        sizes[mode] = total
        print(f"  total of the three renamed subsets ({mode}): {total / MiB:.2f} MiB")
        if a.charset == "auto" and mode == "full" and total <= LIMIT:
            break
        if a.charset == "auto" and mode == "full":
            print(f"  > 24 MiB: falling back to GB2312 + symbol blocks")
    report(out)


if __name__ == "__main__":
    main()
