#!/usr/bin/env python3
"""Checks of the command's output for cli_rules.sh: `json_checks.py MODE ARGS... < output`.

Expected values come from the `openssl` command or from the command's rules (exact field
names, null for absent values, times as YYYY-MM-DDTHH:MM:SSZ), never from nativecerts.
Exits 1 after printing what differs.

  list-vs-openssl PEM...       list --json over exactly these certificates
  excluded-and-errors BAD MISSING
                               exclusions and errors of list --json (see cli_rules.sh)
  table-vs-openssl PEM...      the list table: a row per certificate, fingerprint and
                               expiry as OpenSSL gives them, its source's path; every
                               row within 80 columns
  table-width                  every row within 80 columns
  sources ROOT                 sources --json of the layout in cli_rules.sh
  reasons CERTS S1 S2 S3       fate of root-a, expired, not-yet-valid: trusted or a reason
  odd-names DIR                sources of the files with odd names, escaped
"""

import base64
import datetime
import errno
import hashlib
import json
import subprocess
import sys
import unicodedata

CERT_KEYS = {"sha256", "subject", "issuer", "not_before", "not_after", "source"}
EXCLUDED_KEYS = {"sha256", "subject", "reason", "source"}
ERROR_KEYS = {"kind", "path", "line", "errno", "message"}
SOURCE_KEYS = {"kind", "name", "value", "origin", "status", "same_as", "certificates", "errors"}

failures = []


def fail(msg):
    failures.append(msg)


def load_json(raw):
    try:
        text = raw.decode("utf-8")  # strict: the output must be UTF-8
    except UnicodeDecodeError as e:
        sys.exit(f"output is not UTF-8: {e}")
    return json.loads(text, object_pairs_hook=no_duplicate_keys)


def no_duplicate_keys(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        fail(f"duplicate keys in {keys}")
    return dict(pairs)


def openssl(*args):
    return subprocess.run(["openssl", *args], check=True, capture_output=True).stdout


def openssl_time(text):
    t = datetime.datetime.strptime(text, "%b %d %H:%M:%S %Y GMT")
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


VIEWS = {}


def openssl_view(path):
    """What openssl says (once per file)"""
    if path not in VIEWS:
        VIEWS[path] = read_openssl_view(path)
    return VIEWS[path]


def read_openssl_view(path):
    """What openssl says of a PEM certificate, in the fields of list --json."""
    def field(option, prefix):
        out = openssl("x509", "-in", path, "-noout", option, "-nameopt", "RFC2253,-esc_msb")
        line = out.decode("utf-8").rstrip("\n")
        assert line.startswith(prefix), line
        return line[len(prefix):]
    out = openssl("x509", "-in", path, "-noout", "-fingerprint", "-sha256").decode()
    fp = out.strip().split("=", 1)[1].replace(":", "").lower()
    return {
        "sha256": fp,
        "subject": field("-subject", "subject="),
        "issuer": field("-issuer", "issuer="),
        "not_before": openssl_time(field("-startdate", "notBefore=")),
        "not_after": openssl_time(field("-enddate", "notAfter=")),
        "source": path,
    }


def pem_sha256(path):
    text = open(path).read()
    body = text.split("-----BEGIN CERTIFICATE-----")[1].split("-----END CERTIFICATE-----")[0]
    return hashlib.sha256(base64.b64decode("".join(body.split()))).hexdigest()


def check_top(doc):
    if set(doc) != {"mode", "certificates", "excluded", "errors"}:
        fail(f"top-level keys {sorted(doc)}")
    if doc.get("mode") not in ("platform", "environment", "explicit"):
        fail(f"mode {doc.get('mode')!r}")
    for c in doc.get("certificates", []):
        if set(c) != CERT_KEYS:
            fail(f"certificate keys {sorted(c)}")
    for c in doc.get("excluded", []):
        if set(c) != EXCLUDED_KEYS:
            fail(f"excluded keys {sorted(c)}")
    for e in doc.get("errors", []):
        if set(e) != ERROR_KEYS:
            fail(f"error keys {sorted(e)}")


def list_vs_openssl(doc, paths):
    check_top(doc)
    want = {}
    for p in paths:
        v = openssl_view(p)
        want.setdefault(v["sha256"], v)
    got = {c["sha256"]: c for c in doc["certificates"]}
    if len(got) != len(doc["certificates"]):
        fail("a certificate appears twice")
    if set(got) != set(want):
        fail(f"certificates {sorted(got)} != {sorted(want)}")
    for sha, w in want.items():
        g = got.get(sha)
        if g is None:
            continue
        for k in CERT_KEYS:
            if g[k] != w[k]:
                fail(f"{w['source']}: {k} is {g[k]!r}, OpenSSL says {w[k]!r}")
    if doc["excluded"] or doc["errors"]:
        fail(f"unexpected excluded/errors: {doc['excluded']} {doc['errors']}")


def excluded_and_errors(doc, bad, missing):
    check_top(doc)
    reasons = sorted(e["reason"] for e in doc["excluded"])
    if reasons != ["distrusted", "expired"]:
        fail(f"reasons {reasons}")
    for e in doc["excluded"]:
        if len(e["sha256"]) != 64 or not isinstance(e["subject"], str) or not e["source"]:
            fail(f"excluded entry {e}")
    by_path = {e["path"]: e for e in doc["errors"]}
    b, m = by_path.get(bad), by_path.get(missing)
    if b is None or m is None:
        fail(f"errors {doc['errors']}")
        return
    if b["kind"] != "parse" or not isinstance(b["line"], int) or b["line"] < 1 or b["errno"] is not None:
        fail(f"parse error {b}")
    if m["kind"] != "io" or m["line"] is not None or m["errno"] != errno.ENOENT:
        fail(f"io error {m}")
    for e in (b, m):
        if e["path"] not in e["message"]:
            fail(f"message without its path: {e}")
    if len(doc["certificates"]) != 1:
        fail(f"{len(doc['certificates'])} trusted, expected root-a only")


def columns(line):
    n = 0
    for ch in line:
        if unicodedata.combining(ch):
            continue
        n += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return n


def table_width(text):
    """Every row of the table (down to the blank line before the sources) fits."""
    for line in text.split("\n\n")[0].splitlines():
        if columns(line) > 80:
            fail(f"{columns(line)} columns: {line}")


def table_vs_openssl(text, paths):
    """Rows: fingerprint prefix, expiry, source number; then the sources, each once."""
    table_width(text)
    lines = text.splitlines()
    if not lines or not lines[0].startswith("SHA-256") or "" not in lines:
        fail("no header line, or no blank line before the sources")
        return
    blank = lines.index("")
    rows = {line[:16]: line for line in lines[1:blank]}
    if len(rows) != blank - 1:
        fail("two rows with one fingerprint prefix")
    if lines[blank + 1] != "SOURCE":
        fail(f"no SOURCE heading: {lines[blank + 1]!r}")
    legend = {}
    for line in lines[blank + 2:]:
        if not line:  # what the validity marks mean follows
            break
        number, rest = line.split(None, 1)
        legend[int(number)] = rest
    for p in set(paths):
        v = openssl_view(p)
        row = rows.get(v["sha256"][:16])
        if row is None:
            fail(f"no row for {p}")
            continue
        if row[18:28] != v["not_after"][:10]:
            fail(f"{p}: expiry {row[18:28]!r}, OpenSSL says {v['not_after'][:10]}")
        if legend.get(int(row.split()[-1])) != f"{p} (1)":
            fail(f"{p}: source {row.split()[-1]} is {legend.get(int(row.split()[-1]))!r}")
    if len(rows) != len(set(openssl_view(p)["sha256"] for p in paths)):
        fail(f"{len(rows)} rows for {len(set(paths))} certificates")


def sources(doc, root):
    want_top = {"mode", "profile", "root", "sources", "trusted", "excluded", "errors",
                "files_read", "bytes_read", "advice"}
    if set(doc) != want_top:
        fail(f"top-level keys {sorted(doc)}")
    if doc["mode"] != "platform" or doc["root"] != root or doc["trusted"] != 1:
        fail(f"mode/root/trusted {doc['mode']} {doc['root']} {doc['trusted']}")
    if doc["advice"] is not None:
        fail("advice while a root is trusted")
    for s in doc["sources"]:
        if set(s) != SOURCE_KEYS:
            fail(f"source keys {sorted(s)}")
    by_name = {s["name"]: s for s in doc["sources"]}
    var = by_name.get("SSL_CERT_FILE")
    if not var or var["kind"] != "variable" or var["value"] != "/env/b.pem" or \
            var["status"] != "ignored-option":
        fail(f"SSL_CERT_FILE entry {var}")
    unset = by_name.get("SSL_CERT_DIR")
    if not unset or unset["value"] is not None or unset["status"] != "missing":
        fail(f"SSL_CERT_DIR entry {unset}")
    bundle = by_name.get("/etc/ssl/certs/ca-certificates.crt")
    if not bundle or bundle["status"] != "used" or bundle["certificates"] != 1 or \
            bundle["kind"] != "file" or bundle["origin"] != "profile" or bundle["same_as"] is not None:
        fail(f"bundle entry {bundle}")


def reasons(doc, certs, fates):
    check_top(doc)
    trusted = {c["sha256"] for c in doc["certificates"]}
    excluded = {e["sha256"]: e["reason"] for e in doc["excluded"]}
    for name, fate in zip(["root-a", "expired", "not-yet-valid"], fates):
        sha = pem_sha256(f"{certs}/{name}.pem")
        got = "trusted" if sha in trusted else excluded.get(sha, "absent")
        if got != fate:
            fail(f"{name}: {got}, expected {fate}")


def odd_names(doc, directory):
    check_top(doc)
    want = {directory + "/new\nline \"quoted\" back\\slash\ttab\x1b[31m.pem",
            directory + "/latin1-\ufffd-\ufffd.pem"}
    got = {c["source"] for c in doc["certificates"]}
    if got != want:
        fail(f"sources {got!r}, expected {want!r}")


def main():
    mode, args = sys.argv[1], sys.argv[2:]
    raw = sys.stdin.buffer.read()
    if mode.startswith("table"):
        text = raw.decode("utf-8")
        if mode == "table-width":
            table_width(text)
        else:
            table_vs_openssl(text, args)
    else:
        doc = load_json(raw)
        if mode == "odd-names":
            if any(b < 0x20 and b not in (0x0A,) for b in raw):
                fail("raw control character in the JSON")
        {
            "list-vs-openssl": lambda: list_vs_openssl(doc, args),
            "excluded-and-errors": lambda: excluded_and_errors(doc, *args),
            "sources": lambda: sources(doc, *args),
            "reasons": lambda: reasons(doc, args[0], args[1:]),
            "odd-names": lambda: odd_names(doc, *args),
        }[mode]()
    for f in failures:
        print("json_checks:", f, file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
