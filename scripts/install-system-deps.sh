#!/usr/bin/env bash
# Install what PDF conversion and its tests need, when missing: LibreOffice Writer (headless),
# Liberation fonts 2.x (1.x lacks many Vietnamese letters) and poppler-utils (pdftoppm, pdftotext).
# Debian/Ubuntu as root only; elsewhere print what to install and carry on.
set -u
pkgs=(libreoffice-writer-nogui fonts-liberation2 poppler-utils)
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
else
  command -v soffice >/dev/null 2>&1 || missing+=(libreoffice)
  command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { echo "apt-get install failed for: ${missing[*]}" >&2; exit 1; }
else
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install LibreOffice (Writer), Liberation fonts 2.x and poppler yourself; PDF output is skipped without them." >&2
fi
exit 0
