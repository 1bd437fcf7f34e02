#!/bin/sh
# The worked examples (examples/*_client.c) verify a real TLS server against the roots
# nativecerts loads, and only against those: a CA and a server certificate for localhost
# and 127.0.0.1 are made here, `openssl s_server` serves them on 127.0.0.1 (nothing
# beyond loopback), and the client is run with SSL_CERT_FILE naming the bundle to trust.
#
#   tls_handshake.sh CLIENT CASE
#
#   verifies          the bundle holds the CA: the handshake verifies, by IP and by name,
#                     and with the CA as DER or under any name in SSL_CERT_DIR
#   rejects-unknown-ca the bundle holds another CA only: verification fails
#   rejects-wrong-host the server's certificate names another host: verification fails
#
# Skips (77) without the openssl command. SSL_CERT_FILE and SSL_CERT_DIR are always set
# or unset here, never inherited: this machine may export its own.
set -u

client=$1
emu=${NC_EMULATOR:-} # a cross build's emulator, before each run of "$client" (unquoted)
case=$2
skip() { echo "skipped: $*" >&2; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }

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

# A CA, and a server certificate it issues with the given subjectAltName.
make_ca() { # NAME
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
        -subj "/CN=nativecerts example test $1" -keyout "$1.key" -out "$1.pem" \
        -addext basicConstraints=critical,CA:TRUE \
        -addext keyUsage=critical,keyCertSign,cRLSign 2>openssl.log ||
        { cat openssl.log >&2; exit 99; }
}
make_server() { # NAME CA SAN
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

# Serves NAME's certificate on 127.0.0.1, on a port the system picks, for at most
# NACCEPT connections and 60 seconds; sets $port.
serve() { # NAME NACCEPT
    : >server.out
    timeout 60 openssl s_server -accept 127.0.0.1:0 -naccept "$2" -www \
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

# Runs the client against TARGET trusting BUNDLE only; sets $rc and $out.
run_client() { # BUNDLE TARGET
    out=$(env -u SSL_CERT_DIR SSL_CERT_FILE="$1" $emu "$client" "$2" 2>&1)
    rc=$?
    printf '%s\n' "--- $client $2 (SSL_CERT_FILE=$1): exit $rc" "$out"
}

make_ca ca
case $case in
verifies)
    make_server server ca "DNS:localhost,IP:127.0.0.1"
    serve server 4
    run_client "$work/ca.pem" "127.0.0.1:$port"
    [ "$rc" = 0 ] || fail "handshake by IP address did not verify (exit $rc)"
    case $out in *"verification: ok"*) ;; *) fail "no 'verification: ok' line" ;; esac
    # By name: localhost may resolve to ::1 first, where nothing listens; the client
    # must go on to 127.0.0.1 and check the DNS name.
    run_client "$work/ca.pem" "localhost:$port"
    [ "$rc" = 0 ] || fail "handshake by host name did not verify (exit $rc)"
    # The roots come from nativecerts, not from OpenSSL's or GnuTLS's own defaults: a
    # DER file, and a directory whose file name is not a hash, are read by nativecerts
    # only (OpenSSL reads PEM from SSL_CERT_FILE and hash-named files from SSL_CERT_DIR).
    openssl x509 -in ca.pem -outform DER -out ca.der || exit 99
    run_client "$work/ca.der" "127.0.0.1:$port"
    [ "$rc" = 0 ] || fail "handshake with the CA as DER in SSL_CERT_FILE did not verify"
    mkdir roots && cp ca.pem roots/my-ca.crt || exit 99
    out=$(env -u SSL_CERT_FILE SSL_CERT_DIR="$work/roots" $emu "$client" "127.0.0.1:$port" 2>&1)
    rc=$?
    printf '%s\n' "--- $client (SSL_CERT_DIR=$work/roots): exit $rc" "$out"
    [ "$rc" = 0 ] || fail "handshake with the CA in SSL_CERT_DIR did not verify"
    ;;
rejects-unknown-ca)
    make_ca other
    make_server server ca "DNS:localhost,IP:127.0.0.1"
    serve server 1
    # The bundle holds a root (other.pem), so this is a verification failure, not an
    # empty store.
    run_client "$work/other.pem" "127.0.0.1:$port"
    [ "$rc" = 1 ] || fail "expected exit 1 (verification failed), got $rc"
    case $out in
    *"verification: failed: unable to get local issuer certificate"* | \
        *"verification: failed: "*"issuer is unknown"*) ;;
    *) fail "the message does not say the issuer is unknown" ;;
    esac
    ;;
rejects-wrong-host)
    make_server server ca "DNS:elsewhere.invalid,IP:192.0.2.1"
    serve server 1
    run_client "$work/ca.pem" "127.0.0.1:$port"
    [ "$rc" = 1 ] || fail "expected exit 1 (verification failed), got $rc"
    case $out in
    *"verification: failed: IP address mismatch"* | \
        *"verification: failed: "*"does not match"*) ;;
    *) fail "the message does not say the address does not match" ;;
    esac
    ;;
*)
    echo "unknown case $case" >&2
    exit 99
    ;;
esac
echo "ok: $case"
