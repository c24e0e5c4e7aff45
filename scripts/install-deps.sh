#!/usr/bin/env bash
# Installs the Debian packages given as arguments when any is missing, so that
# `make run` / `make test` work on a fresh Debian 12 machine. Needs root (or sudo).
set -euo pipefail
missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "deps: installing missing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! command -v dotnet >/dev/null 2>&1; then
  echo "deps: the .NET 10 SDK is required but 'dotnet' is not on PATH (see README, Requirements)" >&2
  exit 1
fi
