#!/usr/bin/env bash
# Install the Debian packages Untangle needs, if any are missing. `system-deps.sh build`:
# Graphviz (`dot`) for the drawings made from data, Pango, HarfBuzz subsetting and DejaVu fonts for WeasyPrint's handouts, and Carlito (Calibri's
# metric twin) so decks are measured, and drawn by LibreOffice, as PowerPoint lays them out.
# `system-deps.sh test` adds Chromium for the browser tests, LibreOffice Impress to prove the
# decks open outside PowerPoint, poppler-utils (`pdfinfo` to check that PDFs are tagged,
# `pdftoppm` for scripts/contact_sheet.py) and npm (when missing) to install the pinned axe-core
# for the book's accessibility test. Needs root (or sudo) only when something is missing.
set -euo pipefail
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-crosextra-carlito graphviz)
if [ "${1:-build}" = "test" ]; then
  packages+=(chromium libreoffice-impress poppler-utils)
  command -v npm >/dev/null || packages+=(npm)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "Please install these Debian packages as root: ${missing[*]}" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
