#!/usr/bin/env python3
"""Writes the hand-made inputs of fuzz_load: the seeds (tests/fuzz/seeds/load), one small
tree per profile's places, plus escapes, special files, hard links and a descriptor
limit; and the regressions (tests/fuzz/regressions/load), one per bug found. The
encoding is hostile_tree.c's; places, names and fixtures are looked up by their text in its
tables, so an input keeps its meaning when a table grows at its end.

    tests/fuzz/load_seeds.py [DIR]      (default: tests/fuzz)
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = open(os.path.join(HERE, "hostile_tree.c"), encoding="utf-8").read()


def strings_of(array):
    body = re.search(r"\b%s\[\w*\] = \{(.*?)\};" % array, SOURCE, re.S).group(1)
    return re.findall(r'"([^"]*)"', body)


PLACES = strings_of("fixed_places")
NAMES = strings_of("names")
DERS = strings_of("ht_cert_name")
PEMS = strings_of("fixture_pems")


def at(place, name=None):
    """The place and name bytes of an operation."""
    return [PLACES.index(place), NAMES.index(name) + 1 if name else 0]


# Contents of a file.
def fixture(f):
    return [0, DERS.index(f) if f in DERS else len(DERS) + PEMS.index(f)]


def bundle(*pems):
    return [2, len(pems) - 1] + [PEMS.index(p) for p in pems]


def der_plus(der, extra):
    return [3, DERS.index(der), len(extra) - 1] + list(extra)


def pem_plus(der, byte):
    return [4, DERS.index(der), byte]


def mutated_der(der, pos, xor):
    return [5, DERS.index(der), pos >> 8, pos & 255, xor]


def mutated_pem(pem, pos, byte):
    return [6, PEMS.index(pem), pos >> 8, pos & 255, byte]


def raw(data):
    return [7, len(data)] + list(data)


# Link targets.
def to_place(place, name=None, relative=True):
    return [0 if relative else 1] + at(place, name)


def from_common(place, name=None):
    return [7] + at(place, name)


def canary_up(which=0, inside=False):  # ../ one level above the root
    return [2, which, 1 if inside else 0]


def canary_abs(which=0, proc=False):  # the canaries' real path
    return [3, which, 1 if proc else 0]


def canary_past(which=0, extra=0):  # past the host's / and down again
    return [6, which, extra]


def sibling(name):
    return [4, NAMES.index(name), 0]


ODD = [".", "..", "/", "nonexistent", "../..", "/dev/zero", "/proc/self/fd/0", "self"]


def odd(which):
    return [5, ODD.index(which), 0]


# Operations.
def file(place, name, content):
    return [0] + at(place, name) + content


def link(place, name, target):
    return [2] + at(place, name) + target


def mkdir(place, name=None):
    return [4] + at(place, name)


def hardlink(place, name, nth_file):
    return [5] + at(place, name) + [nth_file]


def fifo(place, name=None):
    return [6] + at(place, name)


def device(place, name=None, zero=True):
    return [7] + at(place, name) + [1 if zero else 0]


BY_HAND, NO_DTYPE, SKIP_EXPIRED = 1, 2, 4


def fd_limit(headroom):
    return 0x88 | (headroom & 7) << 4


SEEDS = {
    "linux-debian": [0] + file("/etc/ssl/certs", "ca-certificates.crt",
                               bundle("root-a.pem", "root-b.pem", "expired.pem"))
    + file("/etc/ssl/certs", "a.pem", fixture("root-c.pem"))
    + link("/etc/ssl/certs", "5ad8a5d6.0", sibling("a.pem"))
    + link("/etc/ssl/certs", "b.crt", canary_up(0))
    + file("/etc/ssl/certs", "cert.pem", fixture("root-a.reject-any.pem")),
    "linux-fedora": [BY_HAND] + file("/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", None,
                                     bundle("root-b.trust-any.pem", "root-c.trust-client.pem"))
    + link("/etc/pki/tls/certs/ca-bundle.crt", None,
           from_common("/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem"))
    + link("/etc/ssl/certs", None, to_place("/etc/pki/tls/certs", relative=False))
    + file("/etc/pki/tls/certs", "a.pem", fixture("root-a.der"))
    + file("/etc/ssl/cert.pem", None, fixture("gen-2050.pem")),
    "linux-later-candidates": [SKIP_EXPIRED] + file("/etc/ssl/ca-bundle.pem", None,
                                                    bundle("utc-2049.pem", "not-yet-valid.pem"))
    + file("/etc/security/certificates", "a.pem", fixture("expired.der"))
    + mkdir("/etc/ssl/certs", "sub")
    + file("/etc/ssl/certs", "b.crt", raw(b"no certificate here\n")),
    "freebsd-untrusted": [0] + file("/usr/local/share/certs/ca-root-nss.crt", None,
                                    bundle("root-a.pem", "root-b.pem", "root-c.pem"))
    + file("/etc/ssl/untrusted", "5ad8a5d6.0", fixture("root-a.pem"))
    + file("/etc/ssl/certs", "a.pem", fixture("root-b.der"))
    + hardlink("/etc/ssl/untrusted", "b.crt", 1)
    + link("/etc/ssl/untrusted", "cert.pem", canary_abs(1)),
    "netbsd-untrusted": [NO_DTYPE] + file("/etc/openssl/certs", "ca-certificates.crt",
                                          bundle("root-a.pem", "root-b.pem"))
    + file("/etc/openssl/untrusted", "a.pem", fixture("root-b.der"))
    + fifo("/etc/openssl/certs", "b.crt")
    + file("/etc/openssl/untrusted", "b.crt", fixture("root-c.trust-client.pem")),
    "android-apex": [0] + file("/apex/com.android.conscrypt/cacerts", "5ad8a5d6.0",
                               fixture("android/root-a.pem-then-text"))
    + file("/apex/com.android.conscrypt/cacerts", "a.pem", fixture("android/root-b.text-then-pem"))
    + file("/system/etc/security/cacerts", "a.pem", fixture("root-c.pem"))
    + file("/data/misc/user/0/cacerts-removed", "5ad8a5d6.0", fixture("root-a.der")),
    "android-system": [BY_HAND] + file("/system/etc/security/cacerts", "a.pem",
                                       fixture("android/root-c.pem-then-text"))
    + file("/system/etc/security/cacerts", "b.crt", fixture("root-b.pem"))
    + file("/data/misc/user/0/cacerts-removed", "b.crt", fixture("root-b.der"))
    + file("/data/misc/user/0/cacerts-added", "a.pem", fixture("root-a.der"))
    + file("/data/data/com.termux/files/usr/etc/tls/cert.pem", None, bundle("gen-2050.pem")),
    "solaris-illumos": [0] + file("/etc/certs/CA", "a.pem", fixture("root-a.pem"))
    + file("/etc/certs/ca-certificates.crt", None, bundle("root-b.pem"))
    + file("/etc/ssl/cacert.pem", None, bundle("root-c.pem"))
    + link("/etc/certs/CA", "5ad8a5d6.0", canary_past(2, 1)),
    "aix-haiku-dragonfly": [0] + file("/var/ssl/certs/ca-bundle.crt", None, fixture("root-a.pem"))
    + file("/boot/system/data/ssl/CARootCertificates.pem", None, bundle("root-b.pem"))
    + file("/usr/local/etc/ssl/cert.pem", None, fixture("root-c.pem"))
    + file("/var/ssl/certs", "a.pem", fixture("utc-2049.der")),
    "escapes": [BY_HAND] + link("/etc/ssl/certs", None, canary_up(2))
    + link("/etc/ssl/cert.pem", None, canary_past(0, 3))
    + link("/etc/ssl/certs/ca-certificates.crt", None, canary_abs(0, True))
    + link("/etc/pki/tls/certs", None, odd(".."))
    + link("/etc/openssl/certs", None, canary_abs(2))
    + link("/etc/ssl/untrusted", None, canary_up(2, inside=True))
    + link("/apex/com.android.conscrypt/cacerts", None, canary_up(2)),
    "special-files": [NO_DTYPE | BY_HAND] + fifo("/etc/ssl/certs", "ca-certificates.crt")
    + device("/etc/ssl/certs", "a.pem", zero=True)
    + device("/etc/ssl/cert.pem", None, zero=False)
    + link("/etc/ssl/certs", "5ad8a5d6.0", odd("/dev/zero"))
    + link("/etc/ssl/certs", "5ad8a5d6.1", odd("self"))
    + mkdir("/etc/ssl/untrusted", "sub")
    + fifo("/etc/ssl/untrusted", "a.pem")
    + file("/etc/ssl/certs", "b.crt", fixture("root-a.pem")),
    "hard-links": [0] + file("/etc/ssl/certs", "a.pem", bundle("root-a.pem", "root-c.pem"))
    + hardlink("/etc/ssl/untrusted", "a.pem", 0)
    + hardlink("/usr/local/share/certs/ca-root-nss.crt", None, 0)
    + hardlink("/data/misc/user/0/cacerts-removed", "a.pem", 0)
    + file("/system/etc/security/cacerts", "a.pem", fixture("root-c.der")),
    "damaged": [0] + file("/etc/ssl/certs", "a.pem", mutated_der("root-a.der", 200, 0x40))
    + file("/etc/ssl/certs", "b.crt", mutated_pem("root-b.pem", 100, ord("!")))
    + file("/etc/ssl/certs", "cert.pem", raw(b"-----BEGIN CERTIFICATE-----\nAAAA\n"))
    + file("/etc/ssl/certs", "ca-certificates.crt", der_plus("root-c.der", b"\n"))
    + file("/etc/pki/tls/certs", "a.pem", pem_plus("root-a.der", 0))
    + file("/etc/ssl/cert.pem", None, fixture("root-b.pem")),
    "descriptor-limit": [fd_limit(2)] + file("/etc/ssl/certs", "a.pem", fixture("root-a.pem"))
    + file("/etc/ssl/certs", "b.crt", fixture("root-b.pem"))
    + file("/etc/ssl/untrusted", "a.pem", fixture("root-a.der"))
    + file("/etc/openssl/untrusted", "a.pem", fixture("root-b.der"))
    + file("/data/misc/user/0/cacerts-removed", "a.pem", fixture("root-c.der"))
    + file("/system/etc/security/cacerts", "a.pem", fixture("root-c.pem")),
}

# Inputs that failed (written to tests/fuzz/regressions/load): the smallest trees for
# the bugs the fuzzer found, by hand, beside the ones it found itself.
REGRESSIONS = {
    # A bundle candidate under a regular file (ENOTDIR) does not exist: the next
    # candidate, Fedora's bundle, is the bundle.
    "bundle-candidate-under-regular-file": [0] + file("/etc/ssl/certs", None, raw(b"x"))
    + file("/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", None, fixture("root-a.pem")),
    # Android: a system-roots APEX path that is not a directory leaves the roots to
    # /system/etc/security/cacerts.
    "android-apex-not-a-directory": [0] + file("/apex/com.android.conscrypt/cacerts", None,
                                               raw(b"x"))
    + file("/system/etc/security/cacerts", "a.pem", fixture("root-b.pem")),
    # A distrust file with bytes after the certificate still distrusts it (d2i_X509
    # reads the leading certificate): DER with a newline, a PEM block one byte long.
    "untrusted-der-with-newline": [0] + file("/etc/ssl/certs", "a.pem", fixture("root-a.pem"))
    + file("/etc/ssl/untrusted", "a.pem", der_plus("root-a.der", b"\n")),
    "untrusted-pem-one-byte-more": [0] + file("/etc/openssl/certs", "a.pem",
                                              fixture("root-b.pem"))
    + file("/etc/openssl/untrusted", "b.crt", pem_plus("root-b.der", 0)),
    "cacerts-removed-der-with-newline": [0] + file("/system/etc/security/cacerts", "a.pem",
                                                   fixture("root-c.pem"))
    + file("/data/misc/user/0/cacerts-removed", "a.pem", der_plus("root-c.der", b"\n")),
    # A scoped distrust place that is incomplete (Android's cacerts-removed, damaged) in a
    # load that found no certificate at all: no pointer arithmetic on an empty table.
    "cacerts-removed-damaged-nothing-found": [0] + file(
        "/data/misc/user/0/cacerts-removed", "a.pem", raw(b"-----BEGIN CERTIFICATE-----\n")),
}


def write(out, inputs):
    os.makedirs(out, exist_ok=True)
    for name, data in inputs.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(bytes(data))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else HERE
    write(os.path.join(out, "seeds", "load"), SEEDS)
    write(os.path.join(out, "regressions", "load"), REGRESSIONS)


if __name__ == "__main__":
    main()
