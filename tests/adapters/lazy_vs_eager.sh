#!/bin/sh
# The lazy OpenSSL store verifies exactly as the eager one: chains made here with the
# openssl command, each verified on both stores by openssl_lazy (see there), which
# fails unless OpenSSL says the same on both (result, error, depth, chain) and the eager
# store says what the case expects.
#
#   lazy_vs_eager.sh OPENSSL_LAZY CASE
#
#   one-root           root -> intermediate -> server, among unrelated roots: verifies;
#                      the lazy store parsed the one root asked for
#   rekeyed            two roots with the same subject and different keys, the
#                      intermediate issued by the second (its authority key identifier
#                      names the key): verifies; both roots of that name were parsed
#   rekeyed-no-akid    the same without key identifiers, an intermediate under each key:
#                      OpenSSL cannot tell the two roots apart before the signature, so
#                      the first of that name in the store answers both (one verifies,
#                      the other fails its signature, 7): the stores must hold them in the
#                      same order
#   cross-signed       the intermediate's issuer is trusted only as a certificate
#                      cross-signed by another root: verifies through both (chain of 4)
#   cross-signed-both  the same root also self-signed: the two stores agree
#   reencoded-issuer   the intermediate names its issuer in other bytes than the root's
#                      subject (BMPString for PrintableString, other case and spacing,
#                      another order inside a multi-valued RDN) that OpenSSL's canonical
#                      form makes equal: verifies; the lazy store found the root
#   missing-issuer     the intermediate's issuer is not trusted: unable to get the local
#                      issuer (20), nothing parsed
#   distrusted         the root is there, and again as a TRUSTED CERTIFICATE rejecting
#                      serverAuth: nativecerts excludes it, both stores fail (20)
#   expired-skipped    the root has expired at the check time and the load skips expired
#                      roots: both fail (20)
#   expired-kept       the same root, not skipped: both fail on the expiry (10)
#   threads            one-root on one lazy store, from 8 threads at once
#
# Skips (77) without the openssl command.
set -u

prog=$1
emu=${NC_EMULATOR:-} # a cross build's emulator, before each run of "$prog" (unquoted)
case=$2
skip() { echo "skipped: $*" >&2; exit 77; }
command -v openssl >/dev/null 2>&1 || skip "openssl command not found"

work=$(mktemp -d "${TMPDIR:-/tmp}/nct-lazy.XXXXXX") || exit 99
trap 'rm -rf "$work"' EXIT
trap 'exit 99' INT TERM
cd "$work" || exit 99

die() { cat openssl.log >&2; exit 99; }
printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n' >ca.ext
cp ca.ext ca-no-akid.ext
printf 'authorityKeyIdentifier=none\nsubjectKeyIdentifier=none\n' >>ca-no-akid.ext
printf 'basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost\n' \
    >server.ext

# A key and a request: request FILE SUBJECT (FILE.key, FILE.csr).
request() {
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "$2" \
        -keyout "$1.key" -out "$1.csr" 2>openssl.log || die
}
# A self-signed root: root FILE SUBJECT [DAYS] [EXTFILE].
root() {
    request "$1" "$2"
    openssl x509 -req -in "$1.csr" -key "$1.key" -days "${3:-30}" -extfile "${4:-ca.ext}" \
        -out "$1.pem" 2>openssl.log || die
}
# A certificate FILE for FILE.csr, issued by ISSUER: sign FILE ISSUER EXTFILE [DAYS].
sign() {
    openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2.key" -CAcreateserial \
        -days "${4:-30}" -extfile "$3" -out "$1.pem" 2>openssl.log || die
}
# An intermediate and a server under it: chain NAME ISSUER [CA-EXTFILE] (NAME.chain).
chain() {
    request "$1-int" "/CN=lazy test $1 intermediate"
    sign "$1-int" "$2" "${3:-ca.ext}"
    request "$1-server" "/CN=localhost"
    sign "$1-server" "$1-int" server.ext
    cat "$1-server.pem" "$1-int.pem" >"$1.chain"
}
check() { # OPTIONS... ROOTS CHAIN EXPECT; sets $out
    out=$($emu "$prog" "$@")
    rc=$?
    printf '%s\n' "--- $*" "$out"
    [ $rc = 0 ] || { echo "FAIL: $case" >&2; exit 1; }
}

root unrelated1 "/CN=lazy test unrelated 1"
root unrelated2 "/O=lazy test/CN=unrelated 2"
cat unrelated1.pem unrelated2.pem >unrelated.pem

case $case in
one-root | threads)
    root r "/CN=lazy test root"
    chain a r
    cat unrelated.pem r.pem >roots.pem
    if [ "$case" = threads ]; then
        check --threads 8 --parsed 1 roots.pem a.chain ok
    else
        check --parsed 1 roots.pem a.chain ok
    fi
    ;;
rekeyed)
    root r1 "/CN=lazy test rekeyed root"
    root r2 "/CN=lazy test rekeyed root"
    chain a r2
    cat r1.pem unrelated.pem r2.pem >roots.pem
    check --parsed 2 roots.pem a.chain ok
    ;;
rekeyed-no-akid)
    root r1 "/CN=lazy test rekeyed root" 30 ca-no-akid.ext
    root r2 "/CN=lazy test rekeyed root" 30 ca-no-akid.ext
    chain a r1 ca-no-akid.ext
    chain b r2 ca-no-akid.ext
    cat r1.pem r2.pem unrelated.pem >roots.pem
    check --parsed 2 roots.pem a.chain any
    a=$out
    check --parsed 2 roots.pem b.chain any
    # The same root answers both: one chain verifies, the other fails its signature (7).
    ok="eager: rc 1, error 0 " bad="eager: rc 0, error 7 "
    case "$a/$out" in
    *"$ok"*"$bad"* | *"$bad"*"$ok"*) ;;
    *) echo "FAIL: expected one chain to verify and the other to fail (7)" >&2; exit 1 ;;
    esac
    ;;
cross-signed | cross-signed-both)
    root b "/CN=lazy test cross root B"
    root a "/CN=lazy test cross root A"
    sign a b ca.ext # a.pem is now A's key, issued by B
    mv a.pem a-by-b.pem
    openssl x509 -req -in a.csr -key a.key -days 30 -extfile ca.ext -out a.pem \
        2>openssl.log || die
    chain i a
    if [ "$case" = cross-signed ]; then
        cat a-by-b.pem unrelated.pem b.pem >roots.pem
        check --parsed 2 roots.pem i.chain ok
        case $out in *"eager: rc 1, error 0 (ok), depth 0, chain of 4"*) ;;
        *) echo "FAIL: the chain does not go through B" >&2; exit 1 ;; esac
    else
        cat a.pem a-by-b.pem unrelated.pem b.pem >roots.pem
        check roots.pem i.chain ok
    fi
    ;;
reencoded-issuer)
    # The root's subject in PrintableStrings; the same key's subject again in BMPStrings,
    # lowered, spaced and ordered otherwise, only to issue the intermediate.
    for mask in default MASK:0x800; do
        printf '[req]\ndistinguished_name=dn\nstring_mask=%s\n[dn]\n' "$mask" >"mask-$mask.cnf"
    done
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -config mask-default.cnf \
        -multivalue-rdn -subj "/C=ZZ/O=Lazy   Test  ORG/CN=Lazy Test Root+OU=Re Encoded" \
        -keyout r.key -out r.csr 2>openssl.log || die
    openssl x509 -req -in r.csr -key r.key -days 30 -extfile ca.ext -out r.pem 2>openssl.log || die
    openssl req -new -key r.key -config mask-MASK:0x800.cnf -multivalue-rdn \
        -subj "/C=zz/O=lazy test org/OU=re encoded+CN=lazy test root" -out r2.csr \
        2>openssl.log || die
    openssl x509 -req -in r2.csr -key r.key -days 30 -extfile ca.ext -out r2.pem \
        2>openssl.log || die
    cp r.key r2.key
    chain a r2
    openssl asn1parse -in a-int.pem >int.asn1 2>openssl.log || die
    grep -q BMPSTRING int.asn1 || { echo "the issuer is not in BMPStrings" >&2; exit 99; }
    cat unrelated.pem r.pem >roots.pem
    check --parsed 1 roots.pem a.chain ok
    ;;
missing-issuer)
    root r "/CN=lazy test root"
    root absent "/CN=lazy test absent root"
    chain a absent
    cat unrelated.pem r.pem >roots.pem
    check --parsed 0 roots.pem a.chain 20
    ;;
distrusted)
    root r "/CN=lazy test root"
    chain a r
    openssl x509 -in r.pem -addreject serverAuth -trustout -out r-rejected.pem 2>openssl.log || die
    cat unrelated.pem r.pem r-rejected.pem >roots.pem
    check --parsed 0 roots.pem a.chain 20
    ;;
expired-skipped | expired-kept)
    root r "/CN=lazy test short-lived root" 1
    chain a r
    cat unrelated.pem r.pem >roots.pem
    later=$(($(date +%s) + 3 * 86400))
    if [ "$case" = expired-skipped ]; then
        check --time "$later" --skip-expired --parsed 0 roots.pem a.chain 20
    else
        check --time "$later" --parsed 1 roots.pem a.chain 10
    fi
    ;;
*)
    echo "unknown case $case" >&2
    exit 99
    ;;
esac
echo "ok: $case"
