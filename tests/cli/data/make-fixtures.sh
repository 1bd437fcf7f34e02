#!/bin/sh
# Writes the files of this directory: what people name with --file instead of a CA
# certificate (keys, signing requests, revocation lists, PKCS#12 and PKCS#7 bundles), in
# PEM and in DER, made by the openssl command. The outputs are committed; run this again
# only to change them: `sh make-fixtures.sh` here.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out key.pem
openssl pkey -in key.pem -outform DER -out key.der
openssl ec -in key.pem -out ec-key.pem 2>/dev/null # "EC PRIVATE KEY" (SEC1)
openssl pkey -in key.pem -pubout -out pubkey.pem
openssl pkey -in key.pem -pubout -outform DER -out pubkey.der
openssl req -new -key key.pem -subj "/CN=nativecerts fixture request" -out csr.pem
openssl req -in csr.pem -outform DER -out csr.der
openssl req -x509 -key key.pem -subj "/CN=nativecerts fixture CA" -days 36500 \
    -set_serial 1 -out "$tmp/ca.pem"
# A CRL needs a CA database; this one is empty.
cat >"$tmp/ca.cnf" <<CNF
[ca]
default_ca = fixture
[fixture]
database = $tmp/index.txt
crlnumber = $tmp/crlnumber
default_md = sha256
default_crl_days = 36500
CNF
: >"$tmp/index.txt"
echo 01 >"$tmp/crlnumber"
openssl ca -config "$tmp/ca.cnf" -gencrl -keyfile key.pem -cert "$tmp/ca.pem" -out crl.pem \
    2>/dev/null
openssl crl -in crl.pem -outform DER -out crl.der
openssl pkcs12 -export -in "$tmp/ca.pem" -inkey key.pem -passout pass:fixture -out bundle.p12
openssl crl2pkcs7 -nocrl -certfile "$tmp/ca.pem" -out bundle.p7b
openssl crl2pkcs7 -nocrl -certfile "$tmp/ca.pem" -outform DER -out bundle.p7b.der
chmod 0644 key.pem key.der ec-key.pem bundle.p12
