/* OpenSSL's canonical form of a Name, written RDN by RDN into SHA-1. Each RDN's attributes
 * are encoded into working memory to be sorted: on the stack for any usual Name, else one
 * allocation bounded by the Name's length. The rest is read in place. */
#include "codec/x509_name_hash.h"

#include <stdlib.h>
#include <string.h>

#include "codec/asn1_string.h"
#include "codec/x509_name.h"
#include "hash/sha1.h"

#define TAG_OID 0x06
#define TAG_UTF8_STRING 0x0C
#define TAG_NUMERIC_STRING 0x12
#define TAG_SEQUENCE 0x30
#define TAG_SET 0x31

/* The smallest attribute, 30 05 06 01 xx 0C 00, so a Name of n bytes has at most n / 7. */
#define MIN_ATTR_BYTES 7
/* An attribute's canonical form is at most twice its encoding (a Latin-1 byte becomes two
 * bytes of UTF-8, a BMP character at most three) plus its headers, which grow by at most
 * this much when their lengths do. */
#define ATTR_GROWTH (3 * NC__DER_HEADER_MAX)
/* Working memory on the stack: enough for the Names of real certificates. */
#define LOCAL_NAME_BYTES 512

/* Bytes written to buf, or only counted when buf is NULL. */
typedef struct out {
    uint8_t *buf;
    size_t len;
} out;

static void put(out *o, const uint8_t *p, size_t n)
{
    if (o->buf != NULL && n > 0) memcpy(o->buf + o->len, p, n);
    o->len += n;
}

static void put_byte(out *o, uint8_t b)
{
    if (o->buf != NULL) o->buf[o->len] = b;
    o->len++;
}

static void put_header(out *o, uint8_t tag, size_t len)
{
    uint8_t header[NC__DER_HEADER_MAX];
    put(o, header, nc__der_header(tag, len, header));
}

static void put_piece(void *o, const uint8_t *p, size_t n)
{
    put(o, p, n);
}

/* How the characters of a string type are read, for the types asn1_string_canon converts
 * (ASN1_MASK_CANON: the string types of asn1_string.h but NumericString): 0 not converted,
 * 1 one byte each (Latin-1), 2 UTF-8, 3 BMP or UniversalString. */
static int string_kind(unsigned tag)
{
    if (tag == TAG_NUMERIC_STRING) return 0;
    switch (nc__asn1_string_width(tag)) {
    case 0:
        return 2;
    case 1:
        return 1;
    case 2:
    case 4:
        return 3;
    default:
        return 0;
    }
}

/* OpenSSL's ossl_isspace: space, TAB, LF, VT, FF, CR; nothing outside ASCII. */
static int is_space(uint32_t c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Folding the UTF-8 bytes of a value, as asn1_string_canon does: leading whitespace
 * vanishes, a run inside becomes one space, a trailing run is never written; A-Z are
 * lowered; every other byte is kept (those of a multi-byte character are never ASCII). */
typedef struct folder {
    out *o;
    int started, space;
} folder;

static void fold(folder *f, uint8_t b)
{
    if (is_space(b)) {
        f->space = f->started;
        return;
    }
    if (f->space) put_byte(f->o, ' ');
    f->space = 0;
    f->started = 1;
    put_byte(f->o, b >= 'A' && b <= 'Z' ? (uint8_t)(b + ('a' - 'A')) : b);
}

/* A string value's characters as UTF-8, folded. The value was judged valid for its type
 * by the Name check; a BMP or Universal one that does not decode gives -1. */
static int put_folded(out *o, const nc__der_elem *v, int kind)
{
    folder f = {o, 0, 0};
    const uint8_t *p = v->content, *end = p + v->len;
    if (kind == 2) {
        for (; p < end; p++)
            fold(&f, *p);
    } else if (kind == 1) {
        for (; p < end; p++) {
            if (*p < 0x80) {
                fold(&f, *p);
            } else { /* Latin-1: two bytes of UTF-8 */
                fold(&f, (uint8_t)(0xC0 | *p >> 6));
                fold(&f, (uint8_t)(0x80 | (*p & 0x3F)));
            }
        }
    } else {
        nc__asn1_chars it;
        uint32_t cp;
        uint8_t u[4];
        if (nc__asn1_chars_init(&it, v->tag, v->content, v->len) != 0) return -1;
        while (nc__asn1_chars_next(&it, &cp))
            for (size_t i = 0, n = nc__utf8_put(cp, u); i < n; i++)
                fold(&f, u[i]);
    }
    return 0;
}

/* SEQUENCE { OBJECT IDENTIFIER, value } with the value as i2d writes OpenSSL's canonical
 * copy of it: strings folded into a UTF8String, the others as OpenSSL re-encodes them.
 * Returns 0, or -1. */
static int put_attr(out *o, const nc__x509_attr *e)
{
    int kind = string_kind(e->content.tag);
    uint8_t header[NC__DER_HEADER_MAX];
    out value = {NULL, 0};
    size_t value_len;
    if (kind == 0) {
        nc__x509_value_der(e, put_piece, &value);
        value_len = value.len;
    } else {
        if (put_folded(&value, &e->content, kind) != 0) return -1;
        value_len = nc__der_header(TAG_UTF8_STRING, value.len, header) + value.len;
    }
    size_t oid_len = nc__der_header(TAG_OID, e->oid_len, header) + e->oid_len;
    put_header(o, TAG_SEQUENCE, oid_len + value_len);
    put_header(o, TAG_OID, e->oid_len);
    put(o, e->oid, e->oid_len);
    if (kind == 0) {
        nc__x509_value_der(e, put_piece, o);
        return 0;
    }
    put_header(o, TAG_UTF8_STRING, value.len);
    return put_folded(o, &e->content, kind);
}

/* One attribute's canonical encoding in the working memory. */
typedef struct span {
    const uint8_t *p;
    size_t len;
} span;

/* DER's SET OF order, OpenSSL's der_cmp: bytes first, then the shorter first. */
static int compare_spans(const void *a, const void *b)
{
    const span *x = a, *y = b;
    int c = memcmp(x->p, y->p, x->len < y->len ? x->len : y->len);
    if (c != 0) return c;
    return (x->len > y->len) - (x->len < y->len);
}

/* Working memory for the attributes of any RDN of a Name of len bytes. */
#define MAX_ATTRS(len) ((len) / MIN_ATTR_BYTES + 1)
#define MAX_BYTES(len) (2 * (len) + MAX_ATTRS(len) * ATTR_GROWTH)

/* Hashes each non-empty RDN: its SET header, then its attributes in order. */
static int hash_rdns(nc__x509_attrs *it, uint8_t *bytes, span *spans, nc__sha1 *h)
{
    nc__x509_attr e;
    int more = nc__x509_attrs_next(it, &e);
    while (more == 1) {
        out o = {bytes, 0};
        size_t n = 0, rdn = e.rdn;
        do {
            size_t at = o.len;
            if (put_attr(&o, &e) != 0) return -1;
            spans[n].p = bytes + at;
            spans[n].len = o.len - at;
            n++;
        } while ((more = nc__x509_attrs_next(it, &e)) == 1 && e.rdn == rdn);
        if (n > 1) qsort(spans, n, sizeof *spans, compare_spans);
        uint8_t header[NC__DER_HEADER_MAX];
        nc__sha1_update(h, header, nc__der_header(TAG_SET, o.len, header));
        for (size_t i = 0; i < n; i++)
            nc__sha1_update(h, spans[i].p, spans[i].len);
    }
    return more;
}

int nc__x509_name_hash(const uint8_t *name, size_t len, uint32_t *hash)
{
    nc__x509_attrs it;
    if (nc__x509_attrs_init(&it, name, len) != 0) return -1;
    uint8_t local_bytes[MAX_BYTES(LOCAL_NAME_BYTES)];
    span local_spans[MAX_ATTRS(LOCAL_NAME_BYTES)];
    uint8_t *bytes = local_bytes;
    span *spans = local_spans;
    void *heap = NULL;
    if (len > LOCAL_NAME_BYTES) {
        if (len > SIZE_MAX / 16) return -2;
        heap = malloc(MAX_ATTRS(len) * sizeof(span) + MAX_BYTES(len));
        if (heap == NULL) return -2;
        spans = heap;
        bytes = (uint8_t *)(spans + MAX_ATTRS(len));
    }
    nc__sha1 h;
    nc__sha1_init(&h);
    int rc = hash_rdns(&it, bytes, spans, &h);
    free(heap);
    if (rc < 0) return -1;

    uint8_t digest[20];
    nc__sha1_final(&h, digest);
    *hash = (uint32_t)digest[0] | (uint32_t)digest[1] << 8 | (uint32_t)digest[2] << 16 |
            (uint32_t)digest[3] << 24;
    return 0;
}
