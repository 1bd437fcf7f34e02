#!/usr/bin/env bash
# Packages the install and example tests use, beyond what .ci/run installs:
#   pkgconf         pkg-config, for install_pkgconfig_consumer (it skips without it)
#   libgnutls28-dev the GnuTLS example and its example_gnutls_* tests (built if found)
#   groff-base      groff, for the rendering check of man_pages_cover_api_and_options
#   binutils        readelf and nm (SONAME, NEEDED, RUNPATH and exported-symbol checks)
# Installs only what is missing; apt-get update runs only then.
set -euo pipefail

need=()
for pkg in pkgconf libgnutls28-dev groff-base binutils; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${need[@]}"
fi
