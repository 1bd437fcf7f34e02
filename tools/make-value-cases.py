#!/usr/bin/env python3
"""Data cases for the values OpenSSL's decoder judges inside a certificate (issue 5): the
parameters of algorithm identifiers (ASN1_ANY), INTEGERs (serial, version), name attribute
values (ASN1_PRINTABLE), and the same parameters in TRUSTED CERTIFICATE trust data.

Written to be merged into tools/make-fixtures.py (make_der_cases / make_aux_cases); run
alone here, it imports that script for its DER toolkit and writes the same directories.
The expectations (*.expect, trust_aux/cases.txt) are written by hand."""

import importlib.util
import os

spec = importlib.util.spec_from_file_location(
    "make_fixtures", os.path.join(os.path.dirname(os.path.abspath(__file__)), "make-fixtures.py"))
mf = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mf)
tlv, elements, encode, pem, write = mf.tlv, mf.elements, mf.encode, mf.pem, mf.write
if os.environ.get("NC_OUT"):  # a dry run elsewhere
    mf.DER_CASES = os.path.join(os.environ["NC_OUT"], "der")
    mf.AUX_CASES = os.path.join(os.environ["NC_OUT"], "trust_aux")


def make_value_cases(der):
    (tag, cert), = elements(der)
    tbs, alg, sig = elements(cert)
    version, serial, sigalg, issuer, validity, subject, spki, ext = elements(tbs[1])
    alg_oid = elements(alg[1])[0]
    key_alg, key_bits = elements(spki[1])
    key_oid = elements(key_alg[1])[0]

    def certificate(tbs_fields, outer_alg=alg):
        return tlv(0x30, encode([(0x30, encode(tbs_fields)), outer_alg, sig]))

    def with_fields(**changed):
        names = ["version", "serial", "sigalg", "issuer", "validity", "subject", "spki", "ext"]
        fields = dict(zip(names, [version, serial, sigalg, issuer, validity, subject, spki, ext]))
        fields.update(changed)
        return certificate([fields[n] for n in names])

    def params(raw):
        """The signature AlgorithmIdentifier (outside the TBSCertificate) with these
        parameter bytes after its OID."""
        return certificate([version, serial, sigalg, issuer, validity, subject, spki, ext],
                           outer_alg=(0x30, tlv(0x06, alg_oid[1]) + raw))

    def issuer_value(raw):
        """The issuer as one commonName whose value is these bytes."""
        return with_fields(issuer=(0x30, tlv(0x31, tlv(0x30, tlv(0x06, b"\x55\x04\x03") + raw))))

    big = tlv(0x0C, b"a" * (1 << 20))
    cases = {
        # AlgorithmIdentifier parameters, read by OpenSSL as ASN1_ANY.
        "algorithm-params-boolean-two-bytes": params(tlv(0x01, b"\xff\xff")),
        "algorithm-params-null-with-content": params(tlv(0x05, b"\x00")),
        "algorithm-params-invalid-oid": params(tlv(0x06, b"\x80\x01")),
        "algorithm-params-end-of-contents": params(b"\x00\x00"),
        "algorithm-params-integer-not-minimal": params(tlv(0x02, b"\x00\x01")),
        "algorithm-params-integer-empty": params(tlv(0x02, b"")),
        "algorithm-params-enumerated-not-minimal": params(tlv(0x0A, b"\xff\x80")),
        "algorithm-params-bit-string-unused-bits-8": params(tlv(0x03, b"\x08\x00")),
        "algorithm-params-bmp-string-odd-length": params(tlv(0x1E, b"\x00\x61\x00")),
        "algorithm-params-universal-string-length-6": params(tlv(0x1C, b"\x00\x00\x00\x61\x00\x00")),
        "algorithm-params-constructed-null": params(tlv(0x25, b"")),
        "algorithm-params-constructed-integer": params(tlv(0x22, tlv(0x02, b"\x01"))),
        "algorithm-params-primitive-sequence": params(tlv(0x10, b"")),
        "algorithm-params-long-form-empty-null": params(b"\x05\x81\x00"),
        "algorithm-params-two-elements": params(tlv(0x05, b"") + tlv(0x05, b"")),
        "algorithm-params-constructed-octet-string": params(tlv(0x24, tlv(0x04, b"a"))),
        "algorithm-params-null-high-tag-form": params(b"\x1f\x05\x00"),
        "algorithm-params-null": params(tlv(0x05, b"")),
        "algorithm-params-tag-zero-with-content": params(tlv(0x00, b"\x01")),
        "algorithm-params-sequence-not-looked-into": params(tlv(0x30, b"\x01\x02\xff")),
        "algorithm-params-context-tag-not-looked-into": params(tlv(0xA0, b"\x02\x02\x00\x01")),
        "algorithm-params-utc-time-short": params(tlv(0x17, b"49")),
        "tbs-algorithm-params-integer-not-minimal": with_fields(
            sigalg=(0x30, sigalg[1] + tlv(0x02, b"\xff\xff"))),
        "public-key-params-boolean-empty": with_fields(
            spki=(0x30, tlv(0x30, tlv(0x06, key_oid[1]) + tlv(0x01, b"")) + tlv(*key_bits))),
        # INTEGERs: OpenSSL refuses a leading byte that only repeats the sign.
        "serial-not-minimal": with_fields(serial=(0x02, b"\x00" + serial[1])),
        "serial-not-minimal-negative": with_fields(serial=(0x02, b"\xff\x80\x01")),
        "serial-leading-zero-for-sign": with_fields(serial=(0x02, b"\x00\x80\x01")),
        "version-not-minimal": with_fields(version=(0xA0, tlv(0x02, b"\x00\x02"))),
        # Name attribute values, read by OpenSSL as ASN1_PRINTABLE, then converted to UTF-8.
        "name-value-integer": issuer_value(tlv(0x02, b"\x01")),
        "name-value-visible-string": issuer_value(tlv(0x1A, b"visible")),
        "name-value-utf8-invalid": issuer_value(tlv(0x0C, b"ab\xff")),
        "name-value-utf8-surrogate": issuer_value(tlv(0x0C, b"\xed\xa0\x80")),
        "name-value-bmp-string-odd-length": issuer_value(tlv(0x1E, b"\x00\x61\x00")),
        "name-value-bmp-string-surrogate": issuer_value(tlv(0x1E, b"\xd8\x00")),
        "name-value-universal-string-above-unicode": issuer_value(tlv(0x1C, b"\x00\x11\x00\x00")),
        "name-value-constructed-utf8": issuer_value(tlv(0x2C, tlv(0x04, b"a"))),
        "name-value-utf8-high-tag-form": issuer_value(b"\x1f\x0c\x01a"),
        "name-value-utf8-non-ascii": issuer_value(tlv(0x0C, "ca\u00e9 \u20ac".encode())),
        "name-value-t61-any-bytes": issuer_value(tlv(0x14, b"\xff\xfe\x00")),
        "name-value-sequence": issuer_value(tlv(0x30, tlv(0x06, b"\x2a"))),
        "name-value-object-descriptor": issuer_value(tlv(0x07, b"xy")),
        "name-value-bit-string": issuer_value(tlv(0x03, b"\x00\x01")),
        "name-over-1-mib": issuer_value(big),
    }
    return cases


def make_aux_value_cases():
    def block_der(path):
        text = open(path).read()
        body = text.split("-----\n", 1)[1].rsplit("-----END", 1)[0]
        import base64
        return base64.b64decode("".join(body.split()))

    base = block_der(os.path.join(mf.CERTS, "root-a.trust-server.pem"))
    cert = base[:len(tlv(0x30, elements(base)[0][1]))]
    ecdsa_sha256 = tlv(0x06, bytes.fromhex("2a8648ce3d040302"))

    def other(*params):
        return cert + tlv(0x30, tlv(0xA1, b"".join(tlv(0x30, ecdsa_sha256 + p) for p in params)))

    return {
        "aux-other-params-null": other(tlv(0x05, b"")),
        "aux-other-params-end-of-contents": other(b"\x00\x00"),
        "aux-other-params-boolean-two-bytes": other(tlv(0x01, b"\x00\x00")),
        "aux-other-params-integer-not-minimal": other(tlv(0x05, b""), tlv(0x02, b"\x00\x7f")),
        "aux-other-params-two-elements": other(tlv(0x05, b"") + tlv(0x05, b"")),
        "aux-other-params-constructed-octet-string": other(tlv(0x24, tlv(0x04, b"a"))),
        "aux-alias-long-form-empty": cert + tlv(0x30, b"\x0c\x81\x00"),
    }


def main():
    with open(os.path.join(mf.CERTS, "root-a.der"), "rb") as f:
        for name, data in make_value_cases(f.read()).items():
            write(os.path.join(mf.DER_CASES, name + ".der"), data)
    for name, data in make_aux_value_cases().items():
        write(os.path.join(mf.AUX_CASES, name + ".pem"), pem("TRUSTED CERTIFICATE", data).encode())


if __name__ == "__main__":
    main()
