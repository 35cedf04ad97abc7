#!/usr/bin/env bash
# Installs the Debian packages pactgraph builds with (scripts/debian-packages.txt),
# only when one is missing. Uses sudo when not run as root.
set -euo pipefail
cd "$(dirname "$0")/.."
pkgs=$(grep -v '^#' scripts/debian-packages.txt | xargs)
if dpkg -s $pkgs >/dev/null 2>&1; then exit 0; fi
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends $pkgs
