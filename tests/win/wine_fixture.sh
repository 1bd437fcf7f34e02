#!/bin/sh
# The ctest fixture that boots Wine once for the whole suite, and shuts it down after.
#   wine_fixture.sh boot WINE WINESERVER | wine_fixture.sh shutdown WINE WINESERVER
# WINEPREFIX (a private prefix under the build directory) comes from the environment.
# Wine's first process starts services that inherit its output: were that a ctest pipe,
# every test would wait for them (or hang, with a wineserver not yet booted). So the
# server is made persistent and booted here with all output sent to /dev/null.
set -eu
action=$1 wine=$2 wineserver=$3
case "$action" in
boot)
  mkdir -p "$WINEPREFIX"
  # A server left from an earlier run (killed, or still exiting) would refuse -p.
  "$wineserver" -k </dev/null >/dev/null 2>&1 || true
  "$wineserver" -w </dev/null >/dev/null 2>&1 || true
  "$wineserver" -p </dev/null >/dev/null 2>&1
  "$wine" wineboot -i </dev/null >/dev/null 2>&1
  ;;
shutdown)
  "$wineserver" -k </dev/null >/dev/null 2>&1 || true
  "$wineserver" -w </dev/null >/dev/null 2>&1 || true
  ;;
*)
  echo "usage: $0 boot|shutdown WINE WINESERVER" >&2
  exit 2
  ;;
esac
