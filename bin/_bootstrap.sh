# Sourced by bin/screener and bin/test: make sure this machine can run Screener.
# 1. System libraries Qt needs (offscreen and on a real display), PDF tools, fonts, age,
#    binutils (PyInstaller needs objdump; build_installer.py links the trimmed ICU data),
#    wixl and msitools (the Windows installer's dry run compiles and reads an MSI).
# 2. A virtual environment in .venv with Screener and its test tools, refreshed whenever
#    pyproject.toml changes.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$REPO/.venv"
PY="${PYTHON:-python3}"

DEBIAN_PACKAGES=(
  python3-venv libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xkb1 libglib2.0-0
  poppler-utils qpdf age xvfb openbox fonts-dejavu-core strace binutils wixl msitools
)

ensure_system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || return 0   # not Debian/Ubuntu: install by hand
  local missing=()
  for p in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "Please install: ${missing[*]}" >&2; return 1; }
    sudo="sudo"
  fi
  echo "Installing system packages: ${missing[*]}" >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

ensure_venv() {
  local stamp="$VENV/.screener-stamp"
  local want
  # sha256sum on Linux, shasum on macOS
  want="$( (sha256sum "$REPO/pyproject.toml" 2>/dev/null || shasum -a 256 "$REPO/pyproject.toml") | cut -d' ' -f1)"
  if [ -x "$VENV/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  echo "Setting up $VENV (first run takes a minute) ..." >&2
  [ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip >&2
  "$VENV/bin/python" -m pip install -q -e "$REPO[test]" >&2
  echo "$want" > "$stamp"
}

ensure_system_packages
ensure_venv
