# Shared by launch.sh and run-tests.sh: install what EquityDesk needs on a Debian/Ubuntu machine, then a venv.
# Sourced, not run. Set EQUITYDESK_VENV to choose the virtual environment's folder (default .venv).

set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${EQUITYDESK_VENV:-$here/.venv}"
python_bin="${PYTHON:-python3}"

# Qt's offscreen/xcb platform plugins load these.
qt_packages=(libglib2.0-0 libgl1 libegl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libxkbcommon0
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-shape0 libxcb-xkb1 libxcb-randr0 libxcb-xinerama0)
# The tests read back what we write: poppler-utils the PDFs we print, LibreOffice our workbooks as another
# spreadsheet program sees them (a font, since --no-install-recommends leaves LibreOffice with none).
test_packages=(poppler-utils libreoffice-calc-nogui fonts-dejavu-core)

install_system_packages() {
  local wanted=("$@") missing=()
  command -v dpkg-query >/dev/null 2>&1 || return 0
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "Please install these system packages first: ${missing[*]}" >&2; return 1
    fi
  fi
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_venv() {
  local extra="$1"
  if ! "$python_bin" -c 'import venv, ensurepip' >/dev/null 2>&1; then
    install_system_packages python3-venv
  fi
  [ -x "$venv/bin/python" ] || "$python_bin" -m venv "$venv"
  local stamp="$venv/.installed-$extra"
  if [ ! -f "$stamp" ] || [ "$here/setup.cfg" -nt "$stamp" ] || [ "$here/setup.py" -nt "$stamp" ] || \
     [ "$here/pyproject.toml" -nt "$stamp" ]; then
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    if [ -n "$extra" ]; then
      "$venv/bin/python" -m pip install --quiet -e "$here[$extra]"
    else
      "$venv/bin/python" -m pip install --quiet -e "$here"
    fi
    touch "$stamp"
  fi
}
