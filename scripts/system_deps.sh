#!/usr/bin/env bash
# Install the Debian packages ailaw needs, when they are missing: chromium (the UI is tested in a real headless
# browser), postgresql (the store is tested on a real server), antiword (legacy Word .doc bill and draft texts;
# without it a .doc is refused with one sentence) and tesseract-ocr with its English and Russian data (OCR of
# scanned PDFs such as Colorado's signed acts; without it a scan is one sentence on the crawl run). Needs root or sudo.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v antiword >/dev/null || need+=(antiword)
command -v tesseract >/dev/null || need+=(tesseract-ocr)
for lang in eng rus; do
  ls /usr/share/tesseract-ocr/*/tessdata/$lang.traineddata >/dev/null 2>&1 || need+=(tesseract-ocr-$lang)
done
[ ${#need[@]} -eq 0 ] && exit 0
echo "installing Debian packages: ${need[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "please install as root: apt-get install -y ${need[*]}" >&2; exit 1; }
  SUDO=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
