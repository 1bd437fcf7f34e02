#!/bin/sh
# The worked examples (examples/*_client.c), each on its TLS stack's adapter
# (include/nativecerts/<stack>.h), verify a real TLS server against the roots nativecerts
# loads, and only against those: a CA and server certificates for localhost and 127.0.0.1
# are made here, `openssl s_server` serves them on 127.0.0.1 (nothing beyond loopback),
# and the client is given the CA through the load options (its CAFILE argument: only
# that file) or, with the default options, through SSL_CERT_FILE / SSL_CERT_DIR.
#
#   tls_handshake.sh CLIENT STACK CASE    (STACK: whose messages CLIENT prints; openssl
#                                          for the OpenSSL client on the lazy store too)
#
#   verifies            the CA verifies the server: by name, by IP address where the stack
#                       checks addresses, as PEM or DER, and with the default options from
#                       SSL_CERT_FILE or from SSL_CERT_DIR under a name that is no hash
#   verifies-rsa-root   the same by name with an RSA root (the others are EC keys)
#   rejects-unknown-ca  the options hold another CA only: verification fails
#   rejects-distrusted  the options hold another CA, the CA, and the CA again as a TRUSTED
#                       CERTIFICATE that rejects serverAuth: nativecerts excludes the CA,
#                       and verification fails
#   rejects-wrong-host  the server's certificate names another host and address:
#                       verification fails, by name and (where checked) by address
#   skips-unparsable    the options also hold an Ed25519 root with an unknown critical
#                       extension, which some stacks cannot parse: the adapter skips and
#                       counts it (the count is the stack's, below), and the CA verifies
#   curl-ca-defaults    CLIENT is tests/examples/curl_ca_defaults: a handle whose
#                       CURLOPT_CAINFO and CURLOPT_CAPATH hold the CA trusts only what the
#                       adapter hands over; and when the load fails, nothing
#
# Skips (77) without the openssl command. SSL_CERT_FILE and SSL_CERT_DIR are always set
# or unset here, never inherited: this machine may export its own.
set -u

client=$1
emu=${NC_EMULATOR:-} # a cross build's emulator, before each run of "$client" (unquoted)
stack=$2
case=$3
skip() { echo "skipped: $*" >&2; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }

# What each stack says and checks. checks_ip: whether it matches an IP literal against
# the certificate's addresses (Mbed TLS 2 and BearSSL match DNS names only). untrusted,
# wrong_name: a pattern of the reason its example prints. unparsable: how many of the
# skips-unparsable roots it skips (OpenSSL and GnuTLS read the Ed25519 key and ignore the
# extension until a chain goes through it; Mbed TLS and BearSSL know no Ed25519 key;
# wolfSSL refuses the extension).
case $stack in
openssl)
    checks_ip=yes unparsable=0
    untrusted="unable to get local issuer certificate"
    wrong_name="hostname mismatch|IP address mismatch" ;;
gnutls)
    checks_ip=yes unparsable=0
    untrusted="issuer is unknown"
    wrong_name="does not match the expected" ;;
mbedtls)
    checks_ip=no unparsable=1
    untrusted="not correctly signed by the trusted CA"
    wrong_name="Common Name \(CN\) does not match" ;;
wolfssl)
    checks_ip=yes unparsable=1
    untrusted="\(wolfSSL error -188\)" # ASN_NO_SIGNER_E
    wrong_name="\(wolfSSL error -322\)" ;; # DOMAIN_NAME_MISMATCH
bearssl)
    checks_ip=no unparsable=1
    untrusted="\(BearSSL error 62\)" # BR_ERR_X509_NOT_TRUSTED
    wrong_name="\(BearSSL error 56\)" ;; # BR_ERR_X509_BAD_SERVER_NAME
curl)
    checks_ip=yes unparsable=
    untrusted="unable to get local issuer certificate"
    wrong_name="no alternative certificate subject name matches" ;;
*)
    echo "unknown stack $stack" >&2
    exit 99 ;;
esac

command -v openssl >/dev/null 2>&1 || skip "openssl command not found"

work=$(mktemp -d "${TMPDIR:-/tmp}/nct-tls.XXXXXX") || exit 99
server_pid=
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 99' INT TERM
cd "$work" || exit 99

# A self-signed CA: make_ca NAME [KEY-ARGS...] [-addext EXT...].
make_ca() {
    name=$1
    shift
    [ $# -gt 0 ] || set -- -newkey ec -pkeyopt ec_paramgen_curve:P-256
    openssl req -x509 "$@" -nodes -days 2 -subj "/CN=nativecerts example test $name" \
        -keyout "$name.key" -out "$name.pem" \
        -addext basicConstraints=critical,CA:TRUE \
        -addext keyUsage=critical,keyCertSign,cRLSign 2>openssl.log ||
        { cat openssl.log >&2; exit 99; }
}
# A server certificate the CA issues with the given subjectAltName: make_server NAME CA SAN.
make_server() {
    printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' \
        "$3" >"$1.ext"
    if ! openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$1" \
        -keyout "$1.key" -out "$1.csr" 2>openssl.log ||
        ! openssl x509 -req -in "$1.csr" -CA "$2.pem" -CAkey "$2.key" -CAcreateserial \
            -days 1 -extfile "$1.ext" -out "$1.pem" 2>openssl.log; then
        cat openssl.log >&2
        exit 99
    fi
}

# Serves NAME's certificate on 127.0.0.1 (an HTTP status page to a GET, for curl), on a
# port the system picks, for at most 10 connections and 60 seconds; sets $port.
serve() { # NAME
    : >server.out
    timeout 60 openssl s_server -accept 127.0.0.1:0 -naccept 10 -www \
        -cert "$1.pem" -key "$1.key" >server.out 2>server.err </dev/null &
    server_pid=$!
    port=
    for _ in $(seq 100); do
        port=$(sed -n 's/^ACCEPT .*:\([0-9][0-9]*\)$/\1/p' server.out)
        [ -n "$port" ] && return 0
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    cat server.out server.err >&2
    echo "openssl s_server did not start" >&2
    exit 99
}

# Runs the client against TARGET with the rest as its arguments, no SSL_CERT_* unless
# given as NAME=VALUE before it; sets $rc and $out.
run() { # [VAR=VALUE...] TARGET [CAFILE]
    vars=
    while :; do
        case $1 in *=*) vars="$vars $1"; shift ;; *) break ;; esac
    done
    # shellcheck disable=SC2086 # $vars holds NAME=VALUE words without blanks
    out=$(env -u SSL_CERT_FILE -u SSL_CERT_DIR $vars $emu "$client" "$@" 2>&1)
    rc=$?
    printf '%s\n' "---$vars $client $*: exit $rc" "$out"
}

expect_ok() { # WHAT
    [ "$rc" = 0 ] || fail "$1: did not verify (exit $rc)"
    case $out in *"verification: ok"*) ;; *) fail "$1: no 'verification: ok' line" ;; esac
}

expect_failed() { # WHAT PATTERN
    [ "$rc" = 1 ] || fail "$1: expected exit 1 (verification failed), got $rc"
    printf '%s\n' "$out" | grep -Eq "verification: failed: .*($2)" ||
        fail "$1: the reason is not /$2/"
}

make_ca ca
case $case in
verifies)
    make_server server ca "DNS:localhost,IP:127.0.0.1"
    serve server
    run "localhost:$port" "$work/ca.pem"
    expect_ok "by name, CAFILE ca.pem"
    if [ $checks_ip = yes ]; then
        run "127.0.0.1:$port" "$work/ca.pem"
        expect_ok "by address, CAFILE ca.pem"
    fi
    # The roots come from nativecerts, not from the stack's own defaults: a DER file, and
    # a directory whose file name is no hash, are read by nativecerts only.
    openssl x509 -in ca.pem -outform DER -out ca.der || exit 99
    run "localhost:$port" "$work/ca.der"
    expect_ok "CAFILE ca.der"
    run SSL_CERT_FILE="$work/ca.pem" "localhost:$port"
    expect_ok "default options, SSL_CERT_FILE"
    mkdir roots && cp ca.pem roots/my-ca.crt || exit 99
    run SSL_CERT_DIR="$work/roots" "localhost:$port"
    expect_ok "default options, SSL_CERT_DIR"
    ;;
verifies-rsa-root)
    make_ca rsa-ca -newkey rsa:2048
    make_server server rsa-ca "DNS:localhost,IP:127.0.0.1"
    serve server
    run "localhost:$port" "$work/rsa-ca.pem"
    expect_ok "by name, CAFILE rsa-ca.pem"
    ;;
rejects-unknown-ca)
    make_ca other
    make_server server ca "DNS:localhost,IP:127.0.0.1"
    serve server
    # The options hold a root (other.pem): a verification failure, not an empty store.
    run "localhost:$port" "$work/other.pem"
    expect_failed "CAFILE other.pem" "$untrusted"
    ;;
rejects-distrusted)
    make_ca other
    make_server server ca "DNS:localhost,IP:127.0.0.1"
    serve server
    openssl x509 -in ca.pem -addreject serverAuth -trustout -out ca-rejected.pem || exit 99
    cat other.pem ca.pem ca-rejected.pem >bundle.pem || exit 99
    run "localhost:$port" "$work/bundle.pem"
    expect_failed "CAFILE with the CA and its serverAuth reject" "$untrusted"
    case $out in *"roots: 1 from nativecerts"*) ;; *) fail "the CA was not excluded" ;; esac
    ;;
rejects-wrong-host)
    make_server server ca "DNS:elsewhere.invalid,IP:192.0.2.1"
    serve server
    run "localhost:$port" "$work/ca.pem"
    expect_failed "by name" "$wrong_name"
    if [ $checks_ip = yes ]; then
        run "127.0.0.1:$port" "$work/ca.pem"
        expect_failed "by address" "$wrong_name"
    fi
    ;;
skips-unparsable)
    [ -n "$unparsable" ] || { echo "unknown for $stack" >&2; exit 99; }
    make_ca odd -newkey ed25519 -addext "1.2.3.4=critical,DER:05:00"
    make_server server ca "DNS:localhost,IP:127.0.0.1"
    serve server
    cat odd.pem ca.pem >bundle.pem || exit 99
    run "localhost:$port" "$work/bundle.pem"
    expect_ok "CAFILE with an Ed25519 root and an unknown critical extension"
    case $out in
    *"roots: 2 from nativecerts, $unparsable skipped by"*) ;;
    *) fail "expected 2 roots from nativecerts and $unparsable skipped" ;;
    esac
    ;;
curl-ca-defaults)
    make_ca other
    make_server server ca "DNS:localhost,IP:127.0.0.1"
    serve server
    # CURLOPT_CAINFO, and CURLOPT_CAPATH: a directory OpenSSL reads by subject hash.
    mkdir hashed && cp ca.pem "hashed/$(openssl x509 -in ca.pem -noout -hash).0" || exit 99
    : >empty.pem
    url=https://localhost:$port/
    # The program itself: it verifies when nativecerts gives the CA.
    run "$url" "$work/ca.pem" "$work/ca.pem" "$work/hashed" trust
    expect_ok "nativecerts gives the CA"
    run "$url" "$work/other.pem" "$work/ca.pem" "$work/hashed" trust
    expect_failed "nativecerts gives another CA; CAINFO and CAPATH hold the CA" "$untrusted"
    run "$url" "$work/ca.pem" "$work/ca.pem" "" trust
    expect_ok "nativecerts gives the CA; no CAPATH"
    run "$url" "$work/other.pem" "" "$work/hashed" trust
    expect_failed "nativecerts gives another CA; CAPATH holds the CA" "$untrusted"
    # An empty result, or a load that fails, leaves nothing to trust: the transfer fails.
    run "$url" "$work/empty.pem" "$work/ca.pem" "$work/hashed" trust
    [ "$rc" != 0 ] || fail "an empty result fell back to CURLOPT_CAINFO or CURLOPT_CAPATH"
    run "$url" "$work/ca.pem" "$work/ca.pem" "$work/hashed" fail-load
    [ "$rc" != 0 ] || fail "a failed load left CURLOPT_CAINFO or CURLOPT_CAPATH in place"
    case $out in *"load: NATIVECERTS_ERESOURCE"*) ;; *) fail "the load did not fail" ;; esac
    ;;
*)
    echo "unknown case $case" >&2
    exit 99
    ;;
esac
echo "ok: $stack $case"
