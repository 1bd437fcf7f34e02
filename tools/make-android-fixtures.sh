#!/bin/sh
# Android's system store files hold a PEM block and an `openssl x509 -text` dump; the
# order varies. Makes both orders from the fixture roots (run once; outputs committed).
set -eu
cd "$(dirname "$0")/../tests/data/certs"
mkdir -p android
for r in root-a root-b root-c; do
  { cat "$r.pem"; openssl x509 -in "$r.pem" -noout -text; } > "android/$r.pem-then-text"
  openssl x509 -in "$r.pem" -text > "android/$r.text-then-pem"
done
