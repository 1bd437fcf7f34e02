#!/usr/bin/env python3
"""Makes the committed inputs of the name tests: certificates with unusual subject and
issuer names in tests/data/names (NAME.der and NAME.pem), DER Names that OpenSSL refuses
or that sit on an edge of its printer in tests/codec/x509_name/cases.txt, and DER Names
on the edges of OpenSSL's canonical form (its name hash) in tests/codec/name_hash/cases.txt.

Run once, by hand, from anywhere: `python3 tools/make-name-fixtures.py`. The tests never
run it; they read what it wrote. It needs python3 with `cryptography` (>= 44, for
deterministic ECDSA).

The certificates are assembled here byte by byte (names as DER, so that any string type
and any byte can be put in them: raw Latin-1 in a T61String, a control character, an
unknown attribute type), then signed with a key derived from their name. Everything is
deterministic: a second run rewrites the same bytes.

What the tests expect of the certificates comes from OpenSSL at test time. The expected
texts in cases.txt are for Names OpenSSL refuses to read; they are written here by hand
from the rule in src/codec/x509_name.h (such a value prints as #HEX of its DER).
"""

import datetime
import hashlib
import os

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NAMES = os.path.join(TOP, "tests", "data", "names")
CASES = os.path.join(TOP, "tests", "codec", "x509_name", "cases.txt")
HASH_CASES = os.path.join(TOP, "tests", "codec", "name_hash", "cases.txt")

P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551

# Universal tags of the string types.
UTF8, NUMERIC, PRINTABLE, T61, IA5, VISIBLE, UNIVERSAL, BMP = 12, 18, 19, 20, 22, 26, 28, 30


# --- DER ---------------------------------------------------------------------------------

def der_length(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, content):
    return bytes([tag]) + der_length(len(content)) + content


def long_form(tag, content):
    """An element whose length takes the long form even when short (BER, not DER)."""
    return bytes([tag, 0x81, len(content)]) + content


def oid(dotted):
    arcs = [int(a) for a in dotted.split(".")]
    out = b""
    for v in [arcs[0] * 40 + arcs[1]] + arcs[2:]:
        enc = [v & 0x7F]
        v >>= 7
        while v:
            enc.append(0x80 | (v & 0x7F))
            v >>= 7
        out += bytes(reversed(enc))
    return tlv(0x06, out)


def value(tag, text):
    """A string value: text is str (encoded for its type) or bytes (taken as they are)."""
    if isinstance(text, bytes):
        return tlv(tag, text)
    enc = {UTF8: "utf-8", BMP: "utf-16-be", UNIVERSAL: "utf-32-be"}.get(tag, "latin-1")
    return tlv(tag, text.encode(enc))


A = {  # attribute types by the short names OpenSSL prints
    "CN": "2.5.4.3", "SN": "2.5.4.4", "serialNumber": "2.5.4.5", "C": "2.5.4.6",
    "L": "2.5.4.7", "ST": "2.5.4.8", "street": "2.5.4.9", "O": "2.5.4.10", "OU": "2.5.4.11",
    "title": "2.5.4.12", "description": "2.5.4.13", "businessCategory": "2.5.4.15",
    "postalCode": "2.5.4.17", "name": "2.5.4.41", "GN": "2.5.4.42", "initials": "2.5.4.43",
    "generationQualifier": "2.5.4.44", "dnQualifier": "2.5.4.46", "pseudonym": "2.5.4.65",
    "role": "2.5.4.72", "organizationIdentifier": "2.5.4.97",
    "UID": "0.9.2342.19200300.100.1.1", "DC": "0.9.2342.19200300.100.1.25",
    "emailAddress": "1.2.840.113549.1.9.1", "unstructuredName": "1.2.840.113549.1.9.2",
    "jurisdictionL": "1.3.6.1.4.1.311.60.2.1.1", "jurisdictionST": "1.3.6.1.4.1.311.60.2.1.2",
    "jurisdictionC": "1.3.6.1.4.1.311.60.2.1.3",
}


def atv(kind, tag, text):
    return tlv(0x30, oid(A.get(kind, kind)) + value(tag, text))


def atv_raw(kind, value_der):
    """An attribute whose value is given as its whole encoding, to shape it at will."""
    return tlv(0x30, oid(A.get(kind, kind)) + value_der)


def rdn(*atvs):
    return tlv(0x31, b"".join(atvs))


def name(*rdns):
    """A Name; each argument is an RDN (from rdn()) or a single (kind, tag, text)."""
    return tlv(0x30, b"".join(r if isinstance(r, bytes) else rdn(atv(*r)) for r in rdns))


# --- Certificates ------------------------------------------------------------------------

def utc_time(t):
    return tlv(0x17, t.strftime("%y%m%d%H%M%SZ").encode())


def certificate(label, subject, issuer):
    seed = hashlib.sha256(b"nativecerts name fixture " + label.encode()).digest()
    key = ec.derive_private_key(int.from_bytes(seed, "big") % (P256_ORDER - 1) + 1, ec.SECP256R1())
    spki = key.public_key().public_bytes(serialization.Encoding.DER,
                                         serialization.PublicFormat.SubjectPublicKeyInfo)
    serial = int.from_bytes(hashlib.sha256(b"serial " + label.encode()).digest()[:8], "big") >> 1
    ecdsa_sha256 = tlv(0x30, oid("1.2.840.10045.4.3.2"))
    basic_constraints = tlv(0x30, oid("2.5.29.19") + tlv(0x01, b"\xff") +
                            tlv(0x04, tlv(0x30, tlv(0x01, b"\xff"))))
    utc = datetime.timezone.utc
    tbs = tlv(0x30, b"".join([
        tlv(0xA0, tlv(0x02, b"\x02")),
        tlv(0x02, serial.to_bytes(8, "big").lstrip(b"\x00")),
        ecdsa_sha256,
        issuer,
        tlv(0x30, utc_time(datetime.datetime(2021, 3, 4, 5, 6, 7, tzinfo=utc)) +
            utc_time(datetime.datetime(2046, 7, 8, 9, 10, 11, tzinfo=utc))),
        subject,
        spki,
        tlv(0xA3, tlv(0x30, basic_constraints)),
    ]))
    sig = key.sign(tbs, ec.ECDSA(hashes.SHA256(), deterministic_signing=True))
    return tlv(0x30, tbs + ecdsa_sha256 + tlv(0x03, b"\x00" + sig))


def pem(der):
    import base64
    b = base64.b64encode(der).decode()
    return ("-----BEGIN CERTIFICATE-----\n" + "\n".join(b[i:i + 64] for i in range(0, len(b), 64)) +
            "\n-----END CERTIFICATE-----\n").encode()


SELF = None  # issuer = subject

# label: (subject, issuer). Each is read by OpenSSL; the tests compare with what it prints.
FIXTURES = {
    "utf8-non-ascii": (name(("C", PRINTABLE, "FR"), ("O", UTF8, "Société Générale ÄÖÜ"),
                            ("CN", UTF8, "Ünïcödé 証明書 😀 Ω")), SELF),
    "bmp-string": (name(("O", BMP, "Ærø"), ("CN", BMP, "BMP Ж 中文 ü")), SELF),
    "universal-string": (name(("OU", UNIVERSAL, "plain"),
                              ("CN", UNIVERSAL, "Universal 😀 𝄞 é")), SELF),
    "t61-latin1": (name(("O", T61, "ASCII only"), ("CN", T61, b"T\xe8st \xc9cole \xff")), SELF),
    "string-types": (name(("serialNumber", NUMERIC, "123 456"),
                          ("O", PRINTABLE, "Printable'()+,-./:=? x"),
                          ("emailAddress", IA5, "ia5@example.com"),
                          ("CN", PRINTABLE, b"Latin-1 in Printable \xe9")), SELF),
    "multi-valued-rdn": (name(("C", PRINTABLE, "DE"),
                              rdn(atv("O", UTF8, "Org"), atv("OU", UTF8, "Unit"),
                                  atv("L", UTF8, "Town")),
                              rdn(atv("CN", UTF8, "Name"), atv("UID", UTF8, "uid1"))), SELF),
    "rfc4514-specials": (name(("CN", UTF8, 'a,b+c"d\\e<f>g;h=i'),
                              ("O", UTF8, "#leading hash"),
                              ("OU", UTF8, " leading and trailing "),
                              ("L", UTF8, "#"),
                              ("ST", UTF8, " "),
                              ("street", UTF8, "trailing #"),
                              ("title", UTF8, "# "),
                              ("description", UTF8, "mid # and = and  two spaces")), SELF),
    "controls": (name(("CN", UTF8, "tab\there\x7fdel"), ("O", UTF8, "nul\x00byte"),
                      ("OU", UTF8, "del\x7fand\x1bescape"), ("L", UTF8, "new\nline\r"),
                      ("ST", BMP, "bmp\x01ctl")), SELF),
    # Every Bidi_Control character: printed raw, one can reorder the line that shows it.
    "bidi-controls": (name(("O", UTF8, "embed \u202a\u202b pop \u202c override \u202d"),
                           ("OU", UTF8, "isolate \u2066\u2067\u2068 pop \u2069 marks "
                                        "\u200e\u200f\u061c"),
                           ("CN", UTF8, "RLO \u202egpj.exe")), SELF),
    "attribute-names": (name(("C", PRINTABLE, "US"), ("ST", UTF8, "State"), ("L", UTF8, "City"),
                             ("street", UTF8, "1 Main St"), ("postalCode", UTF8, "12345"),
                             ("O", UTF8, "Org"), ("OU", UTF8, "Unit"),
                             ("organizationIdentifier", UTF8, "VATFR-123"),
                             ("businessCategory", UTF8, "Private Organization"),
                             ("jurisdictionC", PRINTABLE, "US"),
                             ("jurisdictionST", UTF8, "Delaware"),
                             ("jurisdictionL", UTF8, "Wilmington"),
                             ("DC", IA5, "com"), ("DC", IA5, "example"),
                             ("UID", UTF8, "jdoe"), ("title", UTF8, "Dr"),
                             ("GN", UTF8, "Jane"), ("SN", UTF8, "Doe"), ("initials", UTF8, "J"),
                             ("generationQualifier", UTF8, "III"),
                             ("dnQualifier", PRINTABLE, "q1"), ("pseudonym", UTF8, "jd"),
                             ("name", UTF8, "Jane Doe"), ("role", UTF8, "admin"),
                             ("description", UTF8, "text"),
                             ("unstructuredName", IA5, "host.example"),
                             ("serialNumber", PRINTABLE, "42"),
                             ("emailAddress", IA5, "jane@example.com"),
                             ("CN", UTF8, "Jane Doe")), SELF),
    "unknown-oid": (name(("1.3.6.1.4.1.55555.1.2", UTF8, "hello"),
                         ("2.5.4.200", PRINTABLE, "x"),
                         ("2.999.18446744073709551616", UTF8, "big arc"),
                         ("1.2.3.4", BMP, "bmp"),
                         ("CN", UTF8, "Known after unknown")), SELF),
    "empty-subject": (name(), name(("CN", UTF8, "Issuer of an empty subject"))),
    "empty-values": (name(("O", UTF8, "Org of empty CN"), ("CN", UTF8, ""),
                          ("OU", PRINTABLE, "")), SELF),
    "organization-only": (name(("C", PRINTABLE, "NL"), ("OU", UTF8, "Unit, B.V."),
                               ("O", UTF8, "Org \"Only\""), ("OU", UTF8, "Last unit")), SELF),
    "unit-only": (name(("C", PRINTABLE, "NL"), ("OU", UTF8, "Only a unit")), SELF),
    "no-display-attribute": (name(("C", PRINTABLE, "NL"), ("L", UTF8, "Ütrecht, NL")), SELF),
    "issuer-differs": (name(("CN", UTF8, "leaf")),
                       name(("O", UTF8, "Issuer, Inc."), ("CN", BMP, 'Ïssuer "quoted"'))),
    "long-name": (name(*[("OU", UTF8, "Unit %02d with a long enough name" % i) for i in range(12)],
                       ("CN", UTF8, "Long " + "é" * 150 + " end")), SELF),
    # What OpenSSL's canonical form (its name hash) folds: whitespace, ASCII case, string
    # types, the order inside an RDN; and what it keeps: NumericString, non-ASCII case.
    "canonical-forms": (name(("C", PRINTABLE, " de "),
                             rdn(atv("OU", PRINTABLE, "Unit\tA"), atv("O", UTF8, "  Big   ORG  ")),
                             ("serialNumber", NUMERIC, " 12  34 "),
                             ("L", UTF8, "ÉCOLE \u00a0Ÿ"),
                             ("CN", T61, b"\xc9COLE  Name\r\n")),
                        name(("CN", BMP, "  Issuer \t CA ")),),
}

# Names (not certificates) for the printer's edges. label: (DER Name, expected text or None).
# None: OpenSSL reads the Name and the test compares with what it prints. A text: OpenSSL
# refuses the Name, and the text is what the rule in src/codec/x509_name.h gives.
CN = "2.5.4.3"
NAME_CASES = {
    "empty-name": (name(), None),
    "empty-rdn": (name(rdn()), None),
    "empty-rdn-between": (name(("CN", UTF8, "a"), rdn(), ("CN", UTF8, "b")), None),
    "only-hash": (name(("CN", UTF8, "#")), None),
    "only-space": (name(("CN", UTF8, " ")), None),
    "hash-then-text": (name(("CN", UTF8, "#a")), None),
    "specials": (name(("CN", UTF8, 'a=b,c+d"e\\f<g>h;i')), None),
    "controls-utf8": (name(("CN", UTF8, b"a\x00b\x1f\x7f")), None),
    "latin1-ia5": (name(("CN", IA5, b"caf\xe9 \x80")), None),
    "numeric-any-bytes": (name(("CN", NUMERIC, b"1 2\xff")), None),
    "universal-astral": (name(("CN", UNIVERSAL, "😀")), None),
    "bmp-empty": (name(("CN", BMP, "")), None),
    "utf8-trailing-space-after-multibyte": (name(("CN", UTF8, "é ")), None),
    "unknown-oid-long-length": (name(("1.2.3.4", UTF8, "a" * 200)), None),
    "unknown-oid-bmp": (name(("1.2.3.4", BMP, "x")), None),
    "oid-arc-over-64-bits": (name(("2." + str(2 ** 70) + ".5", UTF8, "x")), None),
    "oid-arc-with-zero-digits": (name(("1.2." + str(10 ** 18 + 5) + ".7", UTF8, "x")), None),
    "oid-first-arc-0": (name(("0.39.1", UTF8, "x")), None),
    "oid-first-arc-1": (name(("1.39.1", UTF8, "x")), None),
    "oid-first-arc-2-large": (name(("2.100000.1", UTF8, "x")), None),
    "oid-text-cut-at-79": (name(("1.2." + ".".join(["1234567"] * 100), UTF8, "x")), None),
    "oid-too-long-to-print": (name(("1.2." + ".".join(["1234567"] * 200), UTF8, "x")), None),
    "oid-long-arc": (name(("1.2." + "9" * 100, UTF8, "x")), None),
    "sequence-value": (name((CN, 0x30, oid("1.2"))), None),
    "object-descriptor-value": (name((CN, 0x07, b"xy")), None),
    "multi-valued-three": (name(rdn(atv("CN", UTF8, "a"), atv("O", UTF8, "b"),
                                    atv("1.2.3", UTF8, "c"))), None),
    "reversed-order": (name(("C", PRINTABLE, "DE"), ("O", UTF8, "o"), ("CN", UTF8, "c")), None),
    "non-minimal-length-known": (bytes.fromhex("300e310c300a06035504030c81026162"), None),
    "non-minimal-length-unknown": (bytes.fromhex("300e310c300a06032a03040c81026162"), None),
    "bit-string-unused-bits-set": (name((CN, 0x03, b"\x03\xff\xff")), None),
    "bit-string-empty-with-count": (name((CN, 0x03, b"\x05")), None),
    "bit-string-unknown-oid": (name(("1.2.3.4", 0x03, b"\x01\x81")), None),
    # OpenSSL refuses these Names (d2i_X509_NAME fails); the rule gives #HEX.
    "utf8-invalid-byte": (name(("CN", UTF8, b"\xff")), "CN=#0C01FF"),
    "utf8-surrogate": (name(("CN", UTF8, b"\xed\xa0\x80")), "CN=#0C03EDA080"),
    "utf8-overlong-nul": (name(("CN", UTF8, b"\xc0\x80")), "CN=#0C02C080"),
    "utf8-above-unicode": (name(("CN", UTF8, b"\xf4\x90\x80\x80")), "CN=#0C04F4908080"),
    "utf8-truncated": (name(("CN", UTF8, b"ab\xe2\x82")), "CN=#0C046162E282"),
    "bmp-odd-length": (name(("CN", BMP, b"\x00a\x00")), "CN=#1E03006100"),
    "bmp-surrogate-pair": (name(("CN", BMP, "😀")), "CN=#1E04D83DDE00"),
    "universal-not-multiple-of-4": (name(("CN", UNIVERSAL, b"\x00\x00\x00")), "CN=#1C03000000"),
    "universal-above-unicode": (name(("CN", UNIVERSAL, b"\x00\x11\x00\x00")), "CN=#1C0400110000"),
    "visible-string": (name(("CN", VISIBLE, "vis#ible, x")), "CN=vis#ible\\, x"),
    "integer-value": (name((CN, 0x02, b"\x01")), "CN=#020101"),
    "utc-time-value": (name((CN, 0x17, b"200101000000Z")), "CN=#170D3230303130313030303030305A"),
    "context-tag-value": (name((CN, 0x80, b"ab")), "CN=#80026162"),
    "general-string-value": (name((CN, 27, b"gen")), "CN=#1B0367656E"),
    "bmp-string-valid-then-broken": (name(("O", UTF8, "fine"), ("CN", BMP, b"\xd8\x00")),
                                     "CN=#1E02D800,O=fine"),
}


# Names for OpenSSL's canonical form (x509_name_canon, asn1_string_canon, i2d_name_canon):
# label: (DER Name, refused). The test compares our hash with X509_NAME_hash_ex where
# OpenSSL reads the Name; where it refuses (refused is True), ours must refuse too.
SP = " \t\n\v\f\r"
NAME_HASH_CASES = {
    "ascii-case-lowered": (name(("CN", UTF8, "MiXeD CASE")), False),
    "non-ascii-case-kept": (name(("CN", UTF8, "ÀÉÎ ЖУРНАЛ Ω")), False),
    "whitespace-trimmed": (name(("CN", UTF8, SP + "lead and trail" + SP)), False),
    "whitespace-runs-collapsed": (name(("CN", UTF8, "a" + SP + "b  c\td")), False),
    "whitespace-only": (name(("CN", UTF8, SP)), False),
    "nbsp-is-not-space": (name(("CN", UTF8, "\u00a0x\u00a0 y")), False),
    "ideographic-space-is-not-space": (name(("CN", UTF8, "\u3000x\u3000")), False),
    "other-controls-kept": (name(("CN", UTF8, b"a\x00b\x1cc\x1f\x7f")), False),
    "empty-string": (name(("CN", UTF8, "")), False),
    "printable-becomes-utf8": (name(("O", PRINTABLE, "Printable ORG")), False),
    "t61-latin1-becomes-utf8": (name(("CN", T61, b"\xc9COLE  \xe9\xff")), False),
    "ia5-lowered": (name(("emailAddress", IA5, "User@Example.COM")), False),
    "bmp-becomes-utf8": (name(("CN", BMP, " BMP Ж Name ")), False),
    "universal-becomes-utf8": (name(("CN", UNIVERSAL, " Uni 😀 X ")), False),
    "numeric-string-kept": (name(("serialNumber", NUMERIC, "  12 34  ")), False),
    "unknown-attribute-type-folded": (name(("1.2.3.4", UTF8, "  ABC  ")), False),
    "unknown-value-type-kept": (name(("CN", 0x0D, b"\x01 AB ")), False),
    "sequence-value-kept-whole": (name(("CN", 0x30, oid("1.2"))), False),
    "sequence-value-non-minimal-length": (name(rdn(atv_raw("CN", bytes.fromhex("308103060102")))),
                                          False),
    "bit-string-unused-bits-cleared": (name(("CN", 0x03, b"\x03\xff\xff")), False),
    "bit-string-empty-with-count": (name(("CN", 0x03, b"\x05")), False),
    "bit-string-whole-bytes": (name(("CN", 0x03, b"\x00\xab")), False),
    "string-non-minimal-length": (name(rdn(atv_raw("CN", bytes.fromhex("0c8200024142")))),
                                  False),
    "oid-non-minimal-length": (name(rdn(tlv(0x30, bytes.fromhex("0681035504030c024142")))),
                               False),
    "set-and-sequence-non-minimal-length": (tlv(0x30, long_form(0x31, long_form(
        0x30, oid(CN) + value(UTF8, "AB")))), False),
    "latin1-crosses-long-length": (name(("CN", T61, b"\xe9" * 100)), False),
    "canonical-form-over-1024-bytes": (name(("CN", T61, b"\xe9" * 600)), False),
    "rdn-over-1024-bytes": (name(("CN", UTF8, "x" * 1500), ("O", UTF8, "y" * 300)), False),
    "multi-valued-sorted": (name(rdn(atv("O", UTF8, "zzz"), atv("CN", UTF8, "aaa"),
                                     atv("C", PRINTABLE, "DE"))), False),
    "multi-valued-sorted-after-folding": (name(rdn(atv("CN", PRINTABLE, "B"),
                                                   atv("CN", UTF8, "a"))), False),
    "multi-valued-shorter-first": (name(rdn(atv("CN", UTF8, "ab"), atv("CN", UTF8, "b"))),
                                   False),
    "multi-valued-equal-after-folding": (name(rdn(atv("CN", UTF8, "x"), atv("CN", BMP, " X"))),
                                         False),
    "multi-valued-17-attributes": (name(rdn(*[atv("OU", UTF8, "Unit %d" % (17 - i))
                                              for i in range(17)])), False),
    "multi-valued-over-1024-bytes": (name(rdn(*[atv("OU", UTF8, "%d" % i + "u" * 90)
                                                for i in range(12, 0, -1)])), False),
    "empty-rdns-left-out": (name(rdn(), ("CN", UTF8, "a"), rdn(), rdn(), ("O", UTF8, "b"), rdn()),
                            False),
    "only-empty-rdns": (name(rdn(), rdn()), False),
    "same-rdns-twice": (name(("CN", UTF8, "a"), ("CN", UTF8, "A")), False),
    # OpenSSL's ASN1_PRINTABLE does not take these types: d2i_X509_NAME refuses the Name.
    "videotex-string-refused": (name(("CN", 21, b"x")), True),
    "graphic-string-refused": (name(("CN", 25, b"x")), True),
    "boolean-refused": (name(("CN", 0x01, b"\xff")), True),
    "set-value-refused": (name(("CN", 0x31, b"")), True),
}


def main():
    os.makedirs(NAMES, exist_ok=True)
    for label, (subject, issuer) in FIXTURES.items():
        der = certificate(label, subject, subject if issuer is SELF else issuer)
        with open(os.path.join(NAMES, label + ".der"), "wb") as f:
            f.write(der)
        with open(os.path.join(NAMES, label + ".pem"), "wb") as f:
            f.write(pem(der))
    os.makedirs(os.path.dirname(CASES), exist_ok=True)
    with open(CASES, "w", encoding="utf-8") as f:
        f.write("# Written by tools/make-name-fixtures.py. One Name per line:\n"
                "#   LABEL HEX-DER-OF-THE-NAME [= EXPECTED-TEXT]\n"
                "# Without an expected text, OpenSSL reads the Name and the printer must print\n"
                "# what X509_NAME_print_ex prints; with one, OpenSSL refuses it and the text\n"
                "# follows the rule in src/codec/x509_name.h.\n")
        for label, (der, expected) in NAME_CASES.items():
            f.write(f"{label} {der.hex()}" + (f" = {expected}" if expected else "") + "\n")
    os.makedirs(os.path.dirname(HASH_CASES), exist_ok=True)
    with open(HASH_CASES, "w", encoding="utf-8") as f:
        f.write("# Written by tools/make-name-fixtures.py. One Name per line:\n"
                "#   LABEL HEX-DER-OF-THE-NAME [= refused]\n"
                "# Without \"= refused\", OpenSSL reads the Name and our hash must be what\n"
                "# X509_NAME_hash_ex gives; with it, OpenSSL refuses it and so must we.\n")
        for label, (der, refused) in NAME_HASH_CASES.items():
            f.write(f"{label} {der.hex()}" + (" = refused" if refused else "") + "\n")


if __name__ == "__main__":
    main()
