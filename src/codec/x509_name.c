/* Names as RFC 4514 text, the way OpenSSL's X509_NAME_print_ex prints them with
 * XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB (crypto/asn1/a_strex.c), and display names. */
#include "codec/x509_name.h"

#include "codec/asn1_string.h"
#include "codec/der.h"

#define TAG_BIT_STRING 0x03
#define TAG_OID 0x06
#define TAG_SEQUENCE 0x30
#define TAG_SET 0x31
#define TAG_VERSION 0xA0
#define TAG_CONSTRUCTED 0x20
#define TAG_NUMBER_MASK 0x1F

/* ---- Output: snprintf's convention, at any position (names are printed backwards). */

typedef struct sink {
    char *buf;  /* NULL when nothing is to be written */
    size_t cap; /* bytes that may be written: n - 1 */
    size_t pos; /* where the next byte goes; counts past cap */
} sink;

static sink sink_of(char *buf, size_t n)
{
    sink s = {n > 0 ? buf : NULL, n > 0 ? n - 1 : 0, 0};
    return s;
}

static void put(sink *s, const void *data, size_t len)
{
    const char *p = data;
    for (size_t i = 0; i < len; i++, s->pos++)
        if (s->pos < s->cap) s->buf[s->pos] = p[i];
}

static void put_char(sink *s, char c)
{
    put(s, &c, 1);
}

static void put_hex_byte(sink *s, uint8_t b)
{
    static const char digits[] = "0123456789ABCDEF";
    put_char(s, digits[b >> 4]);
    put_char(s, digits[b & 0xF]);
}

static void put_utf8(sink *s, uint32_t cp)
{
    uint8_t u[4];
    put(s, u, nc__utf8_put(cp, u));
}

/* NUL-terminates what was written of a text of `total` bytes; a cut never leaves half a
 * UTF-8 character behind. Returns total. */
static size_t finish(sink *s, size_t total)
{
    if (s->buf == NULL) return total;
    size_t end = total < s->cap ? total : s->cap;
    if (total > s->cap) {
        size_t k = end, tail = 0;
        while (k > 0 && tail < 4 && ((uint8_t)s->buf[k - 1] & 0xC0) == 0x80) {
            k--;
            tail++;
        }
        if (k > 0) {
            uint8_t lead = (uint8_t)s->buf[k - 1];
            size_t need = lead < 0x80             ? 1
                          : (lead & 0xE0) == 0xC0 ? 2
                          : (lead & 0xF0) == 0xE0 ? 3
                                                  : 4;
            if (need != tail + 1) end = k - 1;
        }
    }
    s->buf[end] = '\0';
    return total;
}

/* ---- Reading a Name: SEQUENCE OF SET OF SEQUENCE { OBJECT IDENTIFIER, value }. */

int nc__x509_attrs_init(nc__x509_attrs *it, const uint8_t *name, size_t len)
{
    const uint8_t *p = name, *end = name + len;
    nc__der_elem seq;
    if (len == 0 || name[0] != TAG_SEQUENCE || nc__der_next(&p, end, &seq) != NC__DER_OK ||
        p != end)
        return -1;
    it->p = seq.content;
    it->end = seq.content + seq.len;
    it->q = it->q_end = NULL;
    it->rdn = 0;
    return 0;
}

int nc__x509_attrs_next(nc__x509_attrs *it, nc__x509_attr *e)
{
    nc__der_elem rdn, atv, oid;
    while (it->q == it->q_end) {
        if (it->p == it->end) return 0;
        if (*it->p != TAG_SET || nc__der_next(&it->p, it->end, &rdn) != NC__DER_OK) return -1;
        if (it->q != NULL) it->rdn++;
        it->q = rdn.content;
        it->q_end = rdn.content + rdn.len;
    }
    if (*it->q != TAG_SEQUENCE || nc__der_next(&it->q, it->q_end, &atv) != NC__DER_OK) return -1;
    const uint8_t *r = atv.content, *r_end = atv.content + atv.len;
    if (r == r_end || *r != TAG_OID || nc__der_next(&r, r_end, &oid) != NC__DER_OK ||
        !nc__der_oid_valid(oid.content, oid.len))
        return -1;
    e->value = r;
    if (nc__der_next(&r, r_end, &e->content) != NC__DER_OK || r != r_end) return -1;
    e->value_len = (size_t)(r - e->value);
    e->oid = oid.content;
    e->oid_len = oid.len;
    e->rdn = it->rdn;
    return 1;
}

/* ---- Values. */

void nc__x509_value_der(const nc__x509_attr *e, nc__x509_put emit, void *ctx)
{
    unsigned tag = e->content.tag;
    const uint8_t *c = e->content.content;
    size_t n = e->content.len;
    if ((tag & TAG_CONSTRUCTED) != 0 || (tag & TAG_NUMBER_MASK) == TAG_NUMBER_MASK) {
        emit(ctx, e->value, e->value_len);
        return;
    }
    uint8_t header[NC__DER_HEADER_MAX];
    emit(ctx, header, nc__der_header((uint8_t)tag, n, header));
    if (tag == TAG_BIT_STRING && n >= 1 && c[0] <= 7) {
        /* c2i_ASN1_BIT_STRING clears the unused bits; i2c writes no count for no bits. */
        uint8_t unused = n > 1 ? c[0] : 0;
        emit(ctx, &unused, 1);
        if (n > 1) {
            uint8_t last = (uint8_t)(c[n - 1] & (0xFF << unused));
            emit(ctx, c + 1, n - 2);
            emit(ctx, &last, 1);
        }
        return;
    }
    emit(ctx, c, n);
}

static void put_hex(void *s, const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put_hex_byte(s, p[i]);
}

/* #HEX of the value's DER as OpenSSL's do_dump writes it, re-encoded by i2d. */
static void put_dump(sink *s, const nc__x509_attr *e)
{
    put_char(s, '#');
    nc__x509_value_der(e, put_hex, s);
}

/* One character of a value, escaped as do_esc_char does with ESC_2253 and ESC_CTRL.
 * OpenSSL marks the first character "first" and the last "last", and a character that is
 * both only "last". */
static void put_escaped(sink *s, uint32_t cp, int first, int last)
{
    if (cp >= 0x80) {
        put_utf8(s, cp);
        return;
    }
    char c = (char)cp;
    int backslash;
    switch (c) {
    case '"':
    case '+':
    case ',':
    case ';':
    case '<':
    case '>':
    case '\\':
        backslash = 1;
        break;
    case ' ':
        backslash = first || last;
        break;
    case '#':
        backslash = first && !last;
        break;
    default:
        backslash = 0;
    }
    if (backslash) {
        put_char(s, '\\');
        put_char(s, c);
    } else if (cp < 0x20 || cp == 0x7F) {
        put_char(s, '\\');
        put_hex_byte(s, (uint8_t)cp);
    } else {
        put_char(s, c);
    }
}

/* How a value's characters are written: escaped for RFC 4514, or plain for display. */
typedef enum value_style { STYLE_RFC4514, STYLE_DISPLAY } value_style;

static void put_value(sink *s, const nc__x509_attr *e, value_style style)
{
    nc__asn1_chars it;
    if ((e->content.tag & TAG_CONSTRUCTED) != 0 ||
        nc__asn1_chars_init(&it, e->content.tag, e->content.content, e->content.len) != 0) {
        put_dump(s, e);
        return;
    }
    uint32_t cp;
    for (int first = 1; nc__asn1_chars_next(&it, &cp); first = 0) {
        if (style == STYLE_RFC4514)
            put_escaped(s, cp, first, it.p == it.end);
        else
            put_utf8(s, cp < 0x20 || cp == 0x7F ? 0xFFFD : cp);
    }
}

/* TYPE=VALUE; an attribute type OpenSSL does not know has its value dumped. */
static void put_entry(sink *s, const nc__x509_attr *e)
{
    char type[NC__X509_ATTR_NAME_MAX];
    int known = nc__x509_attr_name(e->oid, e->oid_len, type);
    for (const char *t = type; *t; t++)
        put_char(s, *t);
    put_char(s, '=');
    if (known)
        put_value(s, e, STYLE_RFC4514);
    else
        put_dump(s, e);
}

static size_t entry_length(const nc__x509_attr *e)
{
    sink dry = {NULL, 0, 0};
    put_entry(&dry, e);
    return dry.pos;
}

/* ---- Whole names. */

/* What a malformed Name gives: an empty text and (size_t)-1. */
static size_t malformed(char *buf, size_t n)
{
    sink s = sink_of(buf, n);
    finish(&s, 0);
    return (size_t)-1;
}

size_t nc__x509_name_rfc4514(const uint8_t *name, size_t len, char *buf, size_t n)
{
    sink s = sink_of(buf, n);
    nc__x509_attrs it;
    nc__x509_attr e;
    int more;

    /* First the length, then each attribute written backwards from the end: the text is
     * the attributes last to first, and each separator is one byte. */
    size_t total = 0, count = 0;
    if (nc__x509_attrs_init(&it, name, len) != 0) return malformed(buf, n);
    while ((more = nc__x509_attrs_next(&it, &e)) == 1) {
        total += entry_length(&e) + (count > 0);
        count++;
    }
    if (more < 0) return malformed(buf, n);

    size_t end = total, prev_rdn = 0;
    nc__x509_attrs_init(&it, name, len);
    for (size_t i = 0; nc__x509_attrs_next(&it, &e) == 1; i++) {
        if (i > 0) {
            s.pos = --end;
            put_char(&s, e.rdn == prev_rdn ? '+' : ',');
        }
        end -= entry_length(&e);
        s.pos = end;
        put_entry(&s, &e);
        prev_rdn = e.rdn;
    }
    return finish(&s, total);
}

static int is_type(const nc__x509_attr *e, uint8_t x520_arc)
{
    /* 2.5.4.N: 55 04 N */
    return e->oid_len == 3 && e->oid[0] == 0x55 && e->oid[1] == 0x04 && e->oid[2] == x520_arc;
}

size_t nc__x509_name_display(const uint8_t *name, size_t len, char *buf, size_t n)
{
    static const uint8_t preferred[] = {3 /* CN */, 10 /* O */, 11 /* OU */};
    nc__x509_attr found[3], e;
    int have[3] = {0, 0, 0}, more;
    nc__x509_attrs it;
    if (nc__x509_attrs_init(&it, name, len) != 0) return malformed(buf, n);
    while ((more = nc__x509_attrs_next(&it, &e)) == 1) {
        for (int k = 0; k < 3; k++) {
            if (is_type(&e, preferred[k]) && e.content.len > 0) {
                found[k] = e;
                have[k] = 1;
            }
        }
    }
    if (more < 0) return malformed(buf, n);
    for (int k = 0; k < 3; k++) {
        if (!have[k]) continue;
        sink s = sink_of(buf, n);
        put_value(&s, &found[k], STYLE_DISPLAY);
        return finish(&s, s.pos);
    }
    return nc__x509_name_rfc4514(name, len, buf, n);
}

/* ---- Where the names are in a certificate. */

int nc__x509_cert_names(const uint8_t *der, size_t len, const uint8_t **issuer, size_t *issuer_len,
                        const uint8_t **subject, size_t *subject_len)
{
    if (der == NULL || nc__der_check_certificate(der, len, NULL) != NC__DER_OK) return -1;
    /* The check proved the layout: Certificate { TBSCertificate { [0] version OPTIONAL,
     * serial, signature, issuer, validity, subject, ... } ... }. */
    const uint8_t *p = der, *end = der + len;
    nc__der_elem cert, tbs, skip;
    if (nc__der_next(&p, end, &cert) != NC__DER_OK) return -1;
    p = cert.content;
    if (nc__der_next(&p, cert.content + cert.len, &tbs) != NC__DER_OK) return -1;
    p = tbs.content;
    end = tbs.content + tbs.len;
    if (p < end && *p == TAG_VERSION && nc__der_next(&p, end, &skip) != NC__DER_OK) return -1;
    for (int i = 0; i < 2; i++) /* serial, signature algorithm */
        if (nc__der_next(&p, end, &skip) != NC__DER_OK) return -1;
    *issuer = p;
    if (nc__der_next(&p, end, &skip) != NC__DER_OK) return -1;
    *issuer_len = (size_t)(p - *issuer);
    if (nc__der_next(&p, end, &skip) != NC__DER_OK) return -1; /* validity */
    *subject = p;
    if (nc__der_next(&p, end, &skip) != NC__DER_OK) return -1;
    *subject_len = (size_t)(p - *subject);
    return 0;
}
