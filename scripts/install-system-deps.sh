#!/usr/bin/env bash
# Install what PDF conversion and its tests need, when missing: LibreOffice Writer (headless),
# Liberation fonts 2.x (1.x lacks many Vietnamese letters) and poppler-utils (pdftoppm, pdftotext);
# for the tests also chromium and chromium-driver (the web app's browser tests).
# Debian/Ubuntu as root installs them; anywhere else this prints what to install.
#
#   install-system-deps.sh            required: exit 1 when anything is still missing (make test)
#   install-system-deps.sh --optional warn and exit 0 (make run: everything but PDFs works without)
set -u
optional=0
[ "${1:-}" = "--optional" ] && optional=1
pkgs=(libreoffice-writer-nogui fonts-liberation2 poppler-utils)
tools=(soffice pdftoppm pdftotext)
# The test suite (required mode) also drives the web app in a real browser (issue 14, `browser` tests).
[ $optional -eq 0 ] && pkgs+=(chromium chromium-driver) && tools+=(chromium chromedriver)
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
fail() {
  echo "install-system-deps: $*" >&2
  if [ $optional -eq 1 ]; then
    echo "install-system-deps: continuing without them: PDF output is skipped." >&2
    exit 0
  fi
  exit 1
}
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
  echo "Installing system packages (a few minutes the first time): ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null || fail "apt-get update failed"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || fail "apt-get install failed for: ${missing[*]}"
  echo "Installed: ${missing[*]}"
else
  fail "missing system packages: ${missing[*]}; install LibreOffice (Writer), Liberation fonts 2.x and poppler (as root on Debian/Ubuntu: make sysdeps)"
fi
# What was asked for must now really be there.
for tool in "${tools[@]}"; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool still not found after installing"
done
exit 0
