#!/usr/bin/env bash
# Regenerate gxreport's embedded fonts (this folder) from registry packages only:
#   Debian: fonts-noto-cjk fonts-noto-cjk-extra fonts-lxgw-wenkai fonts-texgyre
#   PyPI:   pylopdf-fonts-zh-cn (NotoSerifSC-Regular.otf), fonttools (subsetter)
# For maintainers; the generated files are committed. See README.md.
#
# Usage: fonts/make-fonts.sh [--charset auto|full|gb2312]
#   (arguments are passed to make-fonts.py; default --charset auto)
set -euo pipefail
cd "$(dirname "$0")"

DEB_PKGS="fonts-noto-cjk fonts-noto-cjk-extra fonts-lxgw-wenkai fonts-texgyre fontconfig"
# Versions the committed files were made with (other versions work, but the
# output bytes and coverage figures in README.md may then differ).
PIP_PKGS="fonttools==4.68.0 pylopdf-fonts-zh-cn==0.1.1"
PY=${PYTHON:-python3}

missing=""
for p in $DEB_PKGS; do
  dpkg-query -W -f '${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "installing Debian packages:$missing"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update
  $SUDO apt-get install -y $missing
fi

if ! "$PY" -c "import fontTools, pylopdf_fonts_zh_cn" 2>/dev/null; then
  echo "installing PyPI packages: $PIP_PKGS"
  "$PY" -m pip install $PIP_PKGS
fi
"$PY" -c "import fontTools; v=fontTools.version; print('fontTools', v); \
  import sys; v!='4.68.0' and print('warning: committed files were made with fontTools 4.68.0', file=sys.stderr)"

"$PY" make-fonts.py "$@"
# 朱雀仿宋 (the 仿宋 role): from the TTF built from its public source (see README.md);
# set ZHUQUE_TTF to its path when it is not the shared copy.
ZHUQUE_TTF=${ZHUQUE_TTF:-/work/shared/fonts/zhuque-fangsong/ZhuqueFangsong-Regular.ttf}
if [ -f "$ZHUQUE_TTF" ]; then
  ZHUQUE_TTF="$ZHUQUE_TTF" "$PY" make-fangsong.py
else
  echo "warning: $ZHUQUE_TTF not found; GXFangSong-Regular.ttf left as it is" >&2
fi

echo
echo "fc-scan families:"
for f in GXBiaoSong-Regular.otf GXHei-Regular.otf GXKai-Regular.ttf GXFangSong-Regular.ttf NotoSerifSC-Regular.otf \
         texgyretermes-regular.otf texgyretermes-bold.otf; do
  printf '  %-28s %s\n' "$f" "$(fc-scan --format '%{family} | %{style} | weight %{weight}\n' "$f" | head -1)"
done
