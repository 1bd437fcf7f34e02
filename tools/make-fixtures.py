#!/usr/bin/env python3
"""Makes the committed test inputs of nativecerts: the fixture certificates in
tests/data/certs, and the PEM and trust-data cases of tests/codec built from them.

Run once, by hand, from anywhere: `python3 tools/make-fixtures.py`. The tests never run
it; they read what it wrote. It needs python3 with `cryptography` (>= 44, for
deterministic ECDSA) and the `openssl` command (for -trustout and -text output).

Everything is deterministic: keys are derived from their names, serials too, and ECDSA
signatures use RFC 6979 nonces, so a second run rewrites the same bytes (the -text dump
may differ across OpenSSL versions; it is only ever read as text between blocks).

The DER cases are not made here: each is a line of tests/codec/der/cases.txt, root-a.der
with edits written as text, which the tests apply. The expected results (*.expect,
cases.txt) are written by hand from the rules they test, not by this script.
"""

import base64
import datetime
import hashlib
import os
import subprocess
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CERTS = os.path.join(TOP, "tests", "data", "certs")
# Certificates the loader refuses (valid for OpenSSL's d2i_X509, not for its verifier).
MALFORMED = os.path.join(CERTS, "malformed")
PEM_CASES = os.path.join(TOP, "tests", "codec", "pem")
AUX_CASES = os.path.join(TOP, "tests", "codec", "trust_aux")

P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


def utc(y, mo, d, h=0, mi=0, s=0):
    return datetime.datetime(y, mo, d, h, mi, s, tzinfo=datetime.timezone.utc)


# name: (common name, notBefore, notAfter). cryptography writes UTCTime before 2050 and
# GeneralizedTime from 2050 on, as RFC 5280 asks; utc-2049 and gen-2050 sit on each side.
FIXTURES = {
    "root-a": ("nativecerts test root A", utc(2020, 1, 1), utc(2099, 12, 31, 23, 59, 59)),
    "root-b": ("nativecerts test root B", utc(2020, 1, 1), utc(2099, 12, 31, 23, 59, 59)),
    "root-c": ("nativecerts test root C", utc(2020, 1, 1), utc(2099, 12, 31, 23, 59, 59)),
    "expired": ("nativecerts test expired", utc(2000, 1, 1), utc(2001, 1, 1)),
    "not-yet-valid": ("nativecerts test not yet valid", utc(2090, 1, 1), utc(2099, 1, 1)),
    "utc-2049": ("nativecerts test UTCTime 2049", utc(2020, 1, 1), utc(2049, 12, 31, 23, 59, 59)),
    "gen-2050": ("nativecerts test GeneralizedTime 2050", utc(2020, 1, 1), utc(2050, 1, 1)),
}

# Roots whose own extendedKeyUsage extension restricts them: name -> (common name, purposes).
# Only serverAuth or anyExtendedKeyUsage lets a root serve TLS servers.
EKU_FIXTURES = {
    "eku-client": ("nativecerts test EKU clientAuth", [ExtendedKeyUsageOID.CLIENT_AUTH]),
    "eku-server-client": ("nativecerts test EKU serverAuth clientAuth",
                          [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]),
    "eku-any": ("nativecerts test EKU any", [ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE]),
    "eku-email": ("nativecerts test EKU emailProtection", [ExtendedKeyUsageOID.EMAIL_PROTECTION]),
}

# A root whose extendedKeyUsage value is a SEQUENCE holding a padded OBJECT IDENTIFIER
# (06 01 80): d2i_X509 reads it, OpenSSL's verifier marks it invalid, the loader refuses it.
EKU_OID = ObjectIdentifier("2.5.29.37")
MALFORMED_FIXTURES = {
    "eku-malformed": ("nativecerts test EKU malformed", bytes.fromhex("3003060180")),
}


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def make_certificate(name, cn, not_before, not_after, eku=None, dest=CERTS):
    """eku: a list of purposes (an ExtendedKeyUsage extension), or bytes (its raw value)."""
    seed = hashlib.sha256(b"nativecerts fixture key " + name.encode()).digest()
    key = ec.derive_private_key(int.from_bytes(seed, "big") % (P256_ORDER - 1) + 1, ec.SECP256R1())
    serial = int.from_bytes(hashlib.sha256(b"serial " + name.encode()).digest()[:8], "big") >> 1
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(serial)
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True,
                crl_sign=True, encipher_only=False, decipher_only=False),
            critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
    )
    if isinstance(eku, bytes):
        cert = cert.add_extension(x509.UnrecognizedExtension(EKU_OID, eku), critical=False)
    elif eku is not None:
        cert = cert.add_extension(x509.ExtendedKeyUsage(eku), critical=False)
    cert = cert.sign(key, hashes.SHA256(), ecdsa_deterministic=True)
    write(os.path.join(dest, name + ".der"), cert.public_bytes(serialization.Encoding.DER))
    write(os.path.join(dest, name + ".pem"), cert.public_bytes(serialization.Encoding.PEM))


def openssl(*args):
    return subprocess.run(["openssl", *args], check=True, capture_output=True).stdout


# TRUSTED CERTIFICATE fixtures, each made by `openssl x509 -trustout` with these options.
TRUSTED = {
    "root-a.trust-server": ("root-a", ["-addtrust", "serverAuth"]),
    "root-b.reject-server": ("root-b", ["-addreject", "serverAuth"]),
    "root-c.trust-client": ("root-c", ["-addtrust", "clientAuth"]),
    "root-a.reject-any": ("root-a", ["-addreject", "anyExtendedKeyUsage"]),
    "root-b.trust-any": ("root-b", ["-addtrust", "anyExtendedKeyUsage"]),
    "root-c.trustout-plain": ("root-c", []),
    "root-a.aux-alias": ("root-a", ["-setalias", "nativecerts alias"]),
    # Explicit trust for server auth overrides the root's own extendedKeyUsage; trust data
    # without a trust list does not.
    "eku-client.trust-server": ("eku-client", ["-addtrust", "serverAuth"]),
    "eku-client.trust-any": ("eku-client", ["-addtrust", "anyExtendedKeyUsage"]),
    "eku-client.aux-alias": ("eku-client", ["-setalias", "nativecerts alias"]),
}

# More combinations, as trust-data cases rather than general fixtures.
TRUSTED_CASES = {
    "trust-client-and-server": ("root-a", ["-addtrust", "clientAuth", "-addtrust", "serverAuth"]),
    "trust-server-reject-server": ("root-b", ["-addtrust", "serverAuth", "-addreject", "serverAuth"]),
    "trust-server-reject-any": ("root-c", ["-addtrust", "serverAuth", "-addreject", "anyExtendedKeyUsage"]),
    "reject-client": ("root-a", ["-addreject", "clientAuth"]),
    "trust-server-alias": ("root-b", ["-addtrust", "serverAuth", "-setalias", "server root"]),
}


def make_trusted(dest, base, options):
    write(dest, openssl("x509", "-in", os.path.join(CERTS, base + ".pem"), "-trustout", *options))


# --- A small DER toolkit, to take trust data apart and put it back wrong. ---------------

def der_length(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, content, length=None):
    """An element; length overrides the encoded length bytes."""
    return bytes([tag]) + (der_length(len(content)) if length is None else length) + content


def elements(content):
    """The (tag, content) of each element of a constructed content (low tags, DER)."""
    out, i = [], 0
    while i < len(content):
        tag, first = content[i], content[i + 1]
        i += 2
        if first < 0x80:
            n = first
        else:
            k = first & 0x7F
            n = int.from_bytes(content[i:i + k], "big")
            i += k
        out.append((tag, content[i:i + n]))
        i += n
    return out


def pem(label, der):
    b = base64.b64encode(der).decode()
    body = "\n".join(b[i:i + 64] for i in range(0, len(b), 64))
    return f"-----BEGIN {label}-----\n{body}\n-----END {label}-----\n"


def make_aux_cases():
    """TRUSTED CERTIFICATE blocks whose trust data is damaged or unusual."""

    def block_der(path):
        text = open(path).read()
        body = text.split("-----\n", 1)[1].rsplit("-----END", 1)[0]
        return base64.b64decode("".join(body.split()))

    base = block_der(os.path.join(CERTS, "root-a.trust-server.pem"))
    cert_len = len(tlv(0x30, elements(base)[0][1]))
    cert, aux = base[:cert_len], base[cert_len:]
    server_auth = tlv(0x06, bytes.fromhex("2b06010505070301"))
    client_auth = tlv(0x06, bytes.fromhex("2b06010505070302"))
    ecdsa_sha256 = tlv(0x06, bytes.fromhex("2a8648ce3d040302"))

    def other(*params):
        """Trust data whose `other` list holds ecdsa-with-SHA256 with each of params."""
        return cert + tlv(0x30, tlv(0xA1, b"".join(tlv(0x30, ecdsa_sha256 + p) for p in params)))

    cases = {
        "aux-truncated": cert + aux[:-1],
        "aux-trailing-byte": cert + aux + b"\x00",
        "aux-twice": cert + aux + aux,
        "aux-wrong-tag": cert + bytes([0x31]) + aux[1:],
        "aux-indefinite": cert + b"\x30\x80" + aux[2:] + b"\x00\x00",
        "aux-empty-sequence": cert + b"\x30\x00",
        "aux-empty-trust-list": cert + tlv(0x30, tlv(0x30, b"")),
        "aux-empty-reject-list": cert + tlv(0x30, tlv(0xA0, b"")),
        "aux-reject-holds-integer": cert + tlv(0x30, tlv(0xA0, tlv(0x02, b"\x01"))),
        "aux-reject-bad-oid": cert + tlv(0x30, tlv(0xA0, server_auth + tlv(0x06, b"\x80\x01"))),
        "aux-reject-truncated-inside": cert + tlv(0x30, tlv(0xA0, server_auth[:-1])),
        "aux-alias-before-trust": cert + tlv(0x30, tlv(0x0C, b"x") + tlv(0x30, server_auth)),
        "aux-unknown-element": cert + tlv(0x30, tlv(0x30, server_auth) + tlv(0x02, b"\x01")),
        "aux-reject-then-trust": cert + tlv(0x30, tlv(0xA0, client_auth) + tlv(0x30, server_auth)),
        "aux-all-fields": cert + tlv(0x30, tlv(0x30, client_auth + server_auth) + tlv(0xA0, client_auth)
                                     + tlv(0x0C, b"alias") + tlv(0x04, b"\x01\x02")
                                     + tlv(0xA1, tlv(0x30, tlv(0x06, bytes.fromhex("2a8648ce3d040302"))))),
        "aux-other-not-algorithm": cert + tlv(0x30, tlv(0xA1, tlv(0x02, b"\x01"))),
        # The parameters of the `other` list's AlgorithmIdentifiers, judged as in a
        # certificate (OpenSSL's ASN1_ANY), and an alias whose long-form length ends the data.
        "aux-other-params-null": other(tlv(0x05, b"")),
        "aux-other-params-end-of-contents": other(b"\x00\x00"),
        "aux-other-params-boolean-two-bytes": other(tlv(0x01, b"\x00\x00")),
        "aux-other-params-integer-not-minimal": other(tlv(0x05, b""), tlv(0x02, b"\x00\x7f")),
        "aux-other-params-two-elements": other(tlv(0x05, b"") + tlv(0x05, b"")),
        "aux-other-params-constructed-octet-string": other(tlv(0x24, tlv(0x04, b"a"))),
        "aux-alias-long-form-empty": cert + tlv(0x30, b"\x0c\x81\x00"),
    }
    for name, data in cases.items():
        write(os.path.join(AUX_CASES, name + ".pem"), pem("TRUSTED CERTIFICATE", data).encode())
    for name, (src, options) in TRUSTED_CASES.items():
        make_trusted(os.path.join(AUX_CASES, name + ".pem"), src, options)


def make_pem_cases():
    def lines(name):
        return open(os.path.join(CERTS, name + ".pem")).read().splitlines()

    def body(name):
        return lines(name)[1:-1]

    A, B, C = lines("root-a"), lines("root-b"), lines("root-c")
    TA = open(os.path.join(CERTS, "root-a.trust-server.pem")).read().splitlines()
    TB = open(os.path.join(CERTS, "root-b.reject-server.pem")).read().splitlines()
    dump = openssl("x509", "-in", os.path.join(CERTS, "root-a.pem"), "-noout", "-text").decode().splitlines()
    BEGIN, END = "-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----"

    def lf(*groups):
        return ("\n".join(line for g in groups for line in g) + "\n").encode()

    def spaced(lines_):
        # Every whitespace PEM allows, inside and around base64 lines.
        ws = [" ", "\t", "\v", "\f", "  \t"]
        out = []
        for i, line in enumerate(lines_):
            cut = (i * 7) % len(line)
            out.append(ws[i % len(ws)] + line[:cut] + ws[(i + 2) % len(ws)] + line[cut:] + ws[(i + 1) % len(ws)])
            if i == 2:
                out.append("")
                out.append(" \t ")
        return out

    mixed = []
    for i, line in enumerate(A):
        mixed.append(line + ["\n", "\r\n", "\r"][i % 3])
    a_once = "".join(body("root-a"))

    cases = {
        "lf": lf(A),
        "crlf": ("\r\n".join(A + B) + "\r\n").encode(),
        "cr": ("\r".join(["comment"] + A + ["between"] + B) + "\r").encode(),
        "mixed-line-ends": ("".join(mixed) + "\r\n".join(B) + "\r\n").encode(),
        "no-final-newline": "\n".join(A).encode(),
        "bom": b"\xef\xbb\xbf" + lf(A),
        "bom-crlf": b"\xef\xbb\xbf" + ("\r\n".join(A) + "\r\n").encode(),
        "bom-only": b"\xef\xbb\xbf",
        "empty": b"",
        "text-only": lf(["This directory holds the roots of the machine.", "",
                         "See update-ca-certificates(8)."]),
        "text-outside-blocks": lf(
            ["# Bundle made for the tests", "subject=CN = nativecerts test root A",
             "issuer=CN = nativecerts test root A", ""], A,
            ["", "some words between", "-- not a marker --", "----- neither -----", ""], B,
            ["trailing text without a newline at the end"])[:-1],
        "x509-certificate-label": lf(["-----BEGIN X509 CERTIFICATE-----"], body("root-a"),
                                     ["-----END X509 CERTIFICATE-----"]),
        "trusted-certificate-label": lf(TA),
        "trusted-and-plain-bundle": lf(TA, B, TB),
        "other-labels-skipped": lf(
            ["-----BEGIN PRIVATE KEY-----", "this is * not base64 ! at all", "-----END PRIVATE KEY-----",
             "-----BEGIN RSA PRIVATE KEY-----", "Proc-Type: 4,ENCRYPTED",
             "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF", "", "@@@@", "-----END RSA PRIVATE KEY-----",
             "-----BEGIN X509 CRL-----", "MIIB====broken", "-----END X509 CRL-----",
             "-----BEGIN CERTIFICATE REQUEST-----", "AAAA", "-----END CERTIFICATE REQUEST-----",
             "-----BEGIN certificate-----", "lower case is another label", "-----END certificate-----",
             "-----BEGIN -----", "an empty label", "-----END -----"], A),
        "other-label-missing-end": lf(A, ["-----BEGIN PRIVATE KEY-----", "garbage !", "more garbage"]),
        "other-label-mismatched-end": lf(
            ["-----BEGIN PRIVATE KEY-----", "garbage !", "-----END CERTIFICATE-----"], A),
        "other-label-begin-inside": lf(["-----BEGIN PRIVATE KEY-----", "garbage !"], A),
        "whitespace-in-body": lf([BEGIN], spaced(body("root-a")), [END]),
        "single-line-body": lf([BEGIN, a_once, END]),
        "trailing-whitespace-markers": ("\r\n".join([BEGIN + " \t"] + body("root-a") + [END + "\t \v\f "]) + "\r\n").encode(),
        "rfc1421-headers": lf([BEGIN, "Proc-Type: 4,ENCRYPTED",
                               "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF", ""],
                              body("root-a"), [END], B),
        "invalid-char": lf([BEGIN], body("root-a")[:4], [body("root-a")[4][:10] + "*" + body("root-a")[4][10:]],
                           body("root-a")[5:6], ["!" + body("root-a")[6]], body("root-a")[7:], [END], B),
        # A NUL byte in one body, a UTF-8 "é" in the next.
        "invalid-bytes": lf([BEGIN], body("root-a")[:2], [body("root-a")[2][:5] + "\0" + body("root-a")[2][5:]],
                            body("root-a")[3:], [END, BEGIN], body("root-b")[:1],
                            [body("root-b")[1] + "\u00e9"], body("root-b")[2:], [END], C),
        "missing-end": lf(A, [BEGIN], body("root-b")),
        "mismatched-end": lf([BEGIN], body("root-a"), ["-----END X509 CERTIFICATE-----"],
                             ["-----BEGIN TRUSTED CERTIFICATE-----"], body("root-b"), [END], C),
        "begin-inside-block": lf([BEGIN], body("root-a")[:3], B, C),
        "empty-block": lf([BEGIN, END]),
        "empty-block-blank-lines": lf([BEGIN, "", "   ", "\t", END]),
        "aaaa": lf([BEGIN, "AAAA", END]),
        "padding": lf([BEGIN, "AQ==", END, BEGIN, "AQI=", END, BEGIN, "AQID", END,
                       BEGIN, "AQ", "==", END, BEGIN, "AQID", "BA==", END]),
        "padding-errors": lf([BEGIN, "AA==AAAA", END, BEGIN, "A===", END, BEGIN, "=AAA", END,
                              BEGIN, "AAA", END, BEGIN, "AAAAA", END, BEGIN, "AA=A", END,
                              BEGIN, "AAAA", "AA==", "", "AAAA", END], A),
        "malformed-begin": lf(["-----BEGIN CERTIFICATE----"], body("root-a"), [END],
                              ["-----BEGIN CERTIFICATE-----trailing"], body("root-b"), [END], C),
        "malformed-end": lf([BEGIN], body("root-a"), ["-----END CERTIFICATE----"],
                            [BEGIN], body("root-b"), ["-----END CERTIFICATE----- x"], C),
        "stray-end": lf([END], A, [END]),
        "indented-markers": lf(["  " + BEGIN], body("root-a"), ["  " + END], B),
        "labels-in-messages": lf(["-----BEGIN " + "X" * 40 + "-----", "data",
                                  "-----BEGIN CTRL\x01LABEL-----", "data"]),
        "android-pem-then-text": lf(A, dump),
        "android-text-then-pem": lf(dump, A),
        "resume-after-errors": lf(
            [BEGIN], body("root-a")[:1], ["%%%%"], body("root-a")[1:], [END],
            A,
            [BEGIN], body("root-b")[:2],
            B,
            [BEGIN], body("root-c"), ["-----END PRIVATE KEY-----"],
            ["-----BEGIN CERTIFICATE"], body("root-c"), [END],
            C,
            ["-----BEGIN EC PRIVATE KEY-----", "???", "-----END EC PRIVATE KEY-----"],
            ["tail"]),
    }
    for name, data in cases.items():
        write(os.path.join(PEM_CASES, name + ".in"), data)


def main():
    for name, (cn, nb, na) in FIXTURES.items():
        make_certificate(name, cn, nb, na)
    for name, (cn, eku) in EKU_FIXTURES.items():
        make_certificate(name, cn, utc(2020, 1, 1), utc(2099, 12, 31, 23, 59, 59), eku)
    for name, (cn, eku) in MALFORMED_FIXTURES.items():
        make_certificate(name, cn, utc(2020, 1, 1), utc(2099, 12, 31, 23, 59, 59), eku, MALFORMED)
    for name, (base, options) in TRUSTED.items():
        make_trusted(os.path.join(CERTS, name + ".pem"), base, options)
    make_aux_cases()
    make_pem_cases()
    return 0


if __name__ == "__main__":
    sys.exit(main())
