/* DER elements and the structure of an X.509 certificate (RFC 5280 §4.1). */
#include "codec/der.h"

#include <string.h>

#include "codec/asn1_string.h"

#define TAG_BOOLEAN 0x01
#define TAG_INTEGER 0x02
#define TAG_BIT_STRING 0x03
#define TAG_OCTET_STRING 0x04
#define TAG_NULL 0x05
#define TAG_OID 0x06
#define TAG_ENUMERATED 0x0A
#define TAG_UTF8_STRING 0x0C
#define TAG_UNIVERSAL_STRING 0x1C
#define TAG_BMP_STRING 0x1E
#define TAG_UTC_TIME 0x17
#define TAG_GENERALIZED_TIME 0x18
#define TAG_SEQUENCE 0x30
#define TAG_SET 0x31
#define TAG_VERSION 0xA0     /* [0] EXPLICIT */
#define TAG_ISSUER_UID 0x81  /* [1] IMPLICIT BIT STRING */
#define TAG_SUBJECT_UID 0x82 /* [2] IMPLICIT BIT STRING */
#define TAG_EXTENSIONS 0xA3  /* [3] EXPLICIT */

#define CLASS_BITS 0xC0  /* of the first identifier byte: 0 for the universal class */
#define CONSTRUCTED 0x20 /* likewise */
#define HIGH_TAG 0x1F    /* tag number bits all set: the number follows */

/* The universal types OpenSSL's ASN1_PRINTABLE takes as a name attribute's value, one bit
 * per tag number (ASN1_tag2bit & B_ASN1_PRINTABLE): BIT STRING, the strings NumericString
 * PrintableString T61String IA5String UTF8String UniversalString BMPString, SEQUENCE, and
 * the types it calls "unknown" (7-9, 11, 13-15, 29). */
#define NAME_VALUE_TYPES                                                                           \
    (1u << 3 | 1u << 7 | 1u << 8 | 1u << 9 | 1u << 11 | 1u << 12 | 1u << 13 | 1u << 14 |           \
     1u << 15 | 1u << 16 | 1u << 18 | 1u << 19 | 1u << 20 | 1u << 22 | 1u << 28 | 1u << 29 |       \
     1u << 30)
#define ANY_TYPES 0x7FFFFFFFu /* every universal tag number of the low form, 0 to 30 */

/* OpenSSL's d2i reads a Name in at most this many bytes, header included (X509_NAME_MAX). */
#define NAME_MAX_BYTES ((size_t)1 << 20)

nc__der_err nc__der_next(const uint8_t **pos, const uint8_t *end, nc__der_elem *e)
{
    const uint8_t *p = *pos;
    if (p >= end) return NC__DER_ERR_MISSING_ELEMENT;
    e->tag = *p++;
    if ((e->tag & 0x1F) == 0x1F) {
        /* High tag number: base-128 bytes, the last without bit 8. */
        unsigned k = 0;
        do {
            if (p == end) return NC__DER_ERR_OVERRUN;
            if (++k > 4) return NC__DER_ERR_TAG_TOO_LARGE;
        } while (*p++ & 0x80);
    }
    if (p == end) return NC__DER_ERR_OVERRUN;
    uint8_t first = *p++;
    size_t n = 0;
    if (first < 0x80) {
        n = first;
    } else if (first == 0x80) {
        return NC__DER_ERR_INDEFINITE_LENGTH;
    } else {
        size_t count = first & 0x7F;
        /* OpenSSL's asn1_get_length wants a byte after the length bytes: a long-form
         * length of zero cannot end what holds the element. */
        if (count >= (size_t)(end - p)) return NC__DER_ERR_OVERRUN;
        /* OpenSSL skips leading zero bytes and takes the long form for short lengths;
         * refusing them would be stricter than d2i_X509 for no safety gain. */
        while (count > 0 && *p == 0) {
            p++;
            count--;
        }
        if (count > sizeof(size_t)) return NC__DER_ERR_LENGTH_TOO_LARGE;
        while (count-- > 0)
            n = (n << 8) | *p++;
    }
    if (n > (size_t)(end - p)) return NC__DER_ERR_OVERRUN;
    e->content = p;
    e->len = n;
    *pos = p + n;
    return NC__DER_OK;
}

int nc__der_oid_valid(const uint8_t *p, size_t n)
{
    if (n == 0 || (p[n - 1] & 0x80) != 0) return 0;
    for (size_t i = 0; i < n; i++)
        if (p[i] == 0x80 && (i == 0 || (p[i - 1] & 0x80) == 0)) return 0;
    return 1;
}

size_t nc__der_header(uint8_t tag, size_t len, uint8_t out[NC__DER_HEADER_MAX])
{
    size_t n = 0;
    out[n++] = tag;
    if (len < 0x80) {
        out[n++] = (uint8_t)len;
        return n;
    }
    /* The length's bytes, high first, from its first that is not zero: a loop of fixed
     * count, which gcc 12 for aarch64 at -O3 can bound (a count of the bytes first, it
     * could not, and warned of a write past out). */
    size_t count_at = n++;
    for (int shift = 8 * ((int)sizeof len - 1); shift >= 0; shift -= 8)
        if (n > count_at + 1 || (len >> shift) != 0) out[n++] = (uint8_t)(len >> shift);
    out[count_at] = (uint8_t)(0x80 | (n - count_at - 1));
    return n;
}

size_t nc__der_element_length(const uint8_t *buf, size_t len)
{
    const uint8_t *p = buf;
    nc__der_elem e;
    if (nc__der_next(&p, buf + len, &e) != NC__DER_OK) return 0;
    return (size_t)(p - buf);
}

/* Reads the element at *p when it has the tag expected there; else returns wrong. */
static nc__der_err take(const uint8_t **p, const uint8_t *end, unsigned tag, nc__der_elem *e,
                        nc__der_err wrong)
{
    if (*p >= end || **p != tag) return wrong;
    return nc__der_next(p, end, e);
}

/* The content of a primitive element of universal type number `type`, judged as OpenSSL's
 * asn1_ex_c2i judges it (crypto/asn1/tasn_dec.c): a BOOLEAN has one byte, a NULL none; an
 * INTEGER or ENUMERATED is not empty and minimal (c2i_ibuf refuses "illegal padding": a
 * leading 0x00 before a byte under 0x80, a leading 0xFF before one from 0x80); a BIT STRING
 * has its unused-bits count, 0 to 7; an OBJECT IDENTIFIER is well formed; a BMPString has
 * an even length and a UniversalString a multiple of 4. Other types take any content. */
static int content_valid(unsigned type, const uint8_t *p, size_t n)
{
    switch (type) {
    case TAG_BOOLEAN:
        return n == 1;
    case TAG_INTEGER:
    case TAG_ENUMERATED:
        return n == 1 ||
               (n > 1 && !(p[0] == 0x00 && p[1] < 0x80) && !(p[0] == 0xFF && p[1] >= 0x80));
    case TAG_BIT_STRING:
        return n >= 1 && p[0] <= 7;
    case TAG_NULL:
        return n == 0;
    case TAG_OID:
        return nc__der_oid_valid(p, n);
    case TAG_UNIVERSAL_STRING:
        return n % 4 == 0;
    case TAG_BMP_STRING:
        return n % 2 == 0;
    default:
        return 1;
    }
}

/* Non-zero when e is a value that OpenSSL's template decoder reads where a universal type
 * whose bit is set in `types` may stand and, when other_classes, an element of any other
 * class (taken raw): ASN1_ANY is every type and other classes, an MSTRING some types only.
 * SEQUENCE and SET are taken raw, but constructed; an end-of-contents marker (00 00) is
 * refused, as OpenSSL's SEQUENCE reader does. Stricter than OpenSSL, as DER is (X.690
 * 8.1.2, 10.2): a universal tag number in the high-number form, and a constructed encoding
 * of any other universal type (OpenSSL refuses it for BOOLEAN, INTEGER, NULL, OBJECT
 * IDENTIFIER and ENUMERATED, and joins the pieces of the others). No real root has either. */
static int value_valid(const nc__der_elem *e, uint32_t types, int other_classes)
{
    unsigned type = e->tag & HIGH_TAG;
    if ((e->tag & CLASS_BITS) != 0) return other_classes;
    if (type == HIGH_TAG || (types >> type & 1) == 0) return 0;
    if (type == (TAG_SEQUENCE & HIGH_TAG) || type == (TAG_SET & HIGH_TAG))
        return (e->tag & CONSTRUCTED) != 0;
    if ((e->tag & CONSTRUCTED) != 0 || (e->tag == 0 && e->len == 0)) return 0;
    return content_valid(type, e->content, e->len);
}

static nc__der_err check_bit_string(const nc__der_elem *e, nc__der_err wrong)
{
    /* The first content byte counts the unused bits of the last one. */
    return content_valid(TAG_BIT_STRING, e->content, e->len) ? NC__DER_OK : wrong;
}

nc__der_err nc__der_check_algorithm(const nc__der_elem *seq)
{
    const nc__der_err wrong = NC__DER_ERR_BAD_ALGORITHM;
    const uint8_t *p = seq->content, *end = p + seq->len;
    nc__der_elem oid, params;
    nc__der_err err = take(&p, end, TAG_OID, &oid, wrong);
    if (err != NC__DER_OK) return err;
    if (!nc__der_oid_valid(oid.content, oid.len)) return wrong;
    if (p < end) {
        if ((err = nc__der_next(&p, end, &params)) != NC__DER_OK) return err;
        if (!value_valid(&params, ANY_TYPES, 1)) return NC__DER_ERR_BAD_ALGORITHM_PARAMETERS;
    }
    return p == end ? NC__DER_OK : wrong;
}

/* A name attribute's value as OpenSSL reads it: an ASN1_PRINTABLE (value_valid), whose
 * characters x509_name_ex_d2i must then convert to UTF-8 for the name's canonical form
 * (asn1_string_canon): a UTF8String of well-formed UTF-8, a BMPString or UniversalString
 * of Unicode scalar values. Single-byte strings always convert. */
static int name_value_valid(const nc__der_elem *e)
{
    if (!value_valid(e, NAME_VALUE_TYPES, 0)) return 0;
    if (e->tag != TAG_UTF8_STRING && e->tag != TAG_BMP_STRING && e->tag != TAG_UNIVERSAL_STRING)
        return 1;
    size_t ascii = 0; /* the usual UTF8String, all ASCII, needs no decoding */
    if (e->tag == TAG_UTF8_STRING)
        while (ascii < e->len && e->content[ascii] < 0x80)
            ascii++;
    nc__asn1_chars chars;
    return ascii == e->len ||
           nc__asn1_chars_init(&chars, e->tag, e->content + ascii, e->len - ascii) == 0;
}

/* Name: SEQUENCE OF SET OF SEQUENCE { OBJECT IDENTIFIER, value }, in at most
 * NAME_MAX_BYTES from its first byte, start. */
static nc__der_err check_name(const uint8_t *start, const nc__der_elem *name)
{
    const nc__der_err wrong = NC__DER_ERR_BAD_NAME;
    const uint8_t *p = name->content, *end = p + name->len;
    if ((size_t)(end - start) > NAME_MAX_BYTES) return NC__DER_ERR_NAME_TOO_LONG;
    while (p < end) {
        nc__der_elem rdn, atv, oid, value;
        nc__der_err err = take(&p, end, TAG_SET, &rdn, wrong);
        if (err != NC__DER_OK) return err;
        const uint8_t *q = rdn.content, *q_end = q + rdn.len;
        while (q < q_end) {
            if ((err = take(&q, q_end, TAG_SEQUENCE, &atv, wrong)) != NC__DER_OK) return err;
            const uint8_t *r = atv.content, *r_end = r + atv.len;
            if ((err = take(&r, r_end, TAG_OID, &oid, wrong)) != NC__DER_OK) return err;
            if (!nc__der_oid_valid(oid.content, oid.len)) return wrong;
            if (r >= r_end) return wrong; /* an attribute without its value */
            if ((err = nc__der_next(&r, r_end, &value)) != NC__DER_OK) return err;
            if (r != r_end) return wrong;
            if (!name_value_valid(&value)) return NC__DER_ERR_BAD_NAME_VALUE;
        }
    }
    return NC__DER_OK;
}

nc__der_err nc__der_check_name(const uint8_t *name, size_t len)
{
    const uint8_t *p = name, *end = name + len;
    nc__der_elem e;
    nc__der_err err = take(&p, end, TAG_SEQUENCE, &e, NC__DER_ERR_BAD_NAME);
    if (err == NC__DER_OK) err = check_name(name, &e);
    if (err == NC__DER_OK && p != end) err = NC__DER_ERR_AFTER_NAME;
    return err;
}

static nc__der_err check_validity(const nc__der_elem *seq, nc__cert_limits *info)
{
    const nc__der_err wrong = NC__DER_ERR_BAD_VALIDITY;
    const uint8_t *p = seq->content, *end = p + seq->len;
    nc__der_elem t[2];
    for (int i = 0; i < 2; i++) {
        if (p >= end || (*p != TAG_UTC_TIME && *p != TAG_GENERALIZED_TIME)) return wrong;
        nc__der_err err = nc__der_next(&p, end, &t[i]);
        if (err != NC__DER_OK) return err;
    }
    if (p != end) return wrong;
    if (nc__der_time_to_unix(t[0].tag, t[0].content, t[0].len, &info->not_before) != 0)
        return NC__DER_ERR_BAD_NOT_BEFORE;
    if (nc__der_time_to_unix(t[1].tag, t[1].content, t[1].len, &info->not_after) != 0)
        return NC__DER_ERR_BAD_NOT_AFTER;
    return NC__DER_OK;
}

/* SubjectPublicKeyInfo: SEQUENCE { AlgorithmIdentifier, BIT STRING }. */
static nc__der_err check_public_key(const nc__der_elem *seq)
{
    const nc__der_err wrong = NC__DER_ERR_BAD_PUBLIC_KEY;
    const uint8_t *p = seq->content, *end = p + seq->len;
    nc__der_elem alg, key;
    nc__der_err err = take(&p, end, TAG_SEQUENCE, &alg, wrong);
    if (err == NC__DER_OK) err = nc__der_check_algorithm(&alg);
    if (err == NC__DER_OK) err = take(&p, end, TAG_BIT_STRING, &key, wrong);
    if (err == NC__DER_OK) err = check_bit_string(&key, wrong);
    if (err == NC__DER_OK && p != end) err = wrong;
    return err;
}

/* Contents of the extendedKeyUsage extension's OID (2.5.29.37), and of the two purposes
 * that allow TLS server authentication. */
static const uint8_t oid_eku[] = {0x55, 0x1D, 0x25};
static const uint8_t oid_server_auth[] = {0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01};
static const uint8_t oid_any_eku[] = {0x55, 0x1D, 0x25, 0x00};

static int oid_is(const nc__der_elem *oid, const uint8_t *want, size_t n)
{
    return oid->len == n && memcmp(oid->content, want, n) == 0;
}

int nc__der_oid_serves_tls_server(const uint8_t *p, size_t n)
{
    return (n == sizeof oid_server_auth && memcmp(p, oid_server_auth, n) == 0) ||
           (n == sizeof oid_any_eku && memcmp(p, oid_any_eku, n) == 0);
}

/* extendedKeyUsage's value (the OCTET STRING's content), SEQUENCE OF KeyPurposeId, as
 * OpenSSL's X509V3_EXT_d2i reads it: that SEQUENCE first, each entry a well-formed
 * OBJECT IDENTIFIER, none at all allowed; bytes after the SEQUENCE are not looked at. */
static nc__eku read_eku(const nc__der_elem *value)
{
    const uint8_t *p = value->content, *end = p + value->len;
    nc__der_elem list, oid;
    if (take(&p, end, TAG_SEQUENCE, &list, NC__DER_ERR_BAD_EKU) != NC__DER_OK)
        return NC__EKU_MALFORMED;
    nc__eku eku = NC__EKU_NOT_SERVER;
    p = list.content;
    end = p + list.len;
    while (p < end) {
        if (take(&p, end, TAG_OID, &oid, NC__DER_ERR_BAD_EKU) != NC__DER_OK ||
            !nc__der_oid_valid(oid.content, oid.len))
            return NC__EKU_MALFORMED;
        if (nc__der_oid_serves_tls_server(oid.content, oid.len)) eku = NC__EKU_SERVER;
    }
    return eku;
}

/* [3] EXPLICIT SEQUENCE OF SEQUENCE { OID, critical BOOLEAN OPTIONAL, OCTET STRING }.
 * Sets *eku from the extendedKeyUsage extension, and *eku_fault when it is malformed or
 * comes twice: a fault of its own, which d2i_X509 does not see (see der.h). */
static nc__der_err check_extensions(const nc__der_elem *explicit_tag, nc__eku *eku,
                                    nc__der_err *eku_fault)
{
    const nc__der_err wrong = NC__DER_ERR_BAD_EXTENSIONS;
    const uint8_t *p = explicit_tag->content, *end = p + explicit_tag->len;
    nc__der_elem list, ext, oid, critical, value;
    nc__der_err err = take(&p, end, TAG_SEQUENCE, &list, wrong);
    if (err != NC__DER_OK) return err;
    if (p != end) return wrong;
    p = list.content;
    end = p + list.len;
    while (p < end) {
        if ((err = take(&p, end, TAG_SEQUENCE, &ext, wrong)) != NC__DER_OK) return err;
        const uint8_t *q = ext.content, *q_end = q + ext.len;
        if ((err = take(&q, q_end, TAG_OID, &oid, wrong)) != NC__DER_OK) return err;
        if (!nc__der_oid_valid(oid.content, oid.len)) return wrong;
        if (q < q_end && *q == TAG_BOOLEAN) {
            /* OpenSSL wants one byte; it reads any non-zero byte as TRUE. */
            if ((err = nc__der_next(&q, q_end, &critical)) != NC__DER_OK) return err;
            if (!content_valid(TAG_BOOLEAN, critical.content, critical.len)) return wrong;
        }
        if ((err = take(&q, q_end, TAG_OCTET_STRING, &value, wrong)) != NC__DER_OK) return err;
        if (q != q_end) return wrong;
        if (!oid_is(&oid, oid_eku, sizeof oid_eku)) continue;
        /* OpenSSL reads no extendedKeyUsage when there are two (X509_get_ext_d2i). */
        if (*eku != NC__EKU_ABSENT) {
            *eku_fault = NC__DER_ERR_TWO_EKU;
            *eku = NC__EKU_MALFORMED;
        } else if ((*eku = read_eku(&value)) == NC__EKU_MALFORMED) {
            *eku_fault = NC__DER_ERR_BAD_EKU;
        }
    }
    return NC__DER_OK;
}

/* [0] EXPLICIT holds exactly one INTEGER, minimal (its value is not ours to judge). */
static nc__der_err check_version(const nc__der_elem *explicit_tag)
{
    const nc__der_err wrong = NC__DER_ERR_BAD_VERSION;
    const uint8_t *p = explicit_tag->content, *end = p + explicit_tag->len;
    nc__der_elem version;
    nc__der_err err = take(&p, end, TAG_INTEGER, &version, wrong);
    if (err == NC__DER_OK &&
        (!content_valid(TAG_INTEGER, version.content, version.len) || p != end))
        err = wrong;
    return err;
}

static nc__der_err check_tbs(const nc__der_elem *tbs, nc__cert_limits *info, nc__der_err *eku_fault)
{
    const uint8_t *p = tbs->content, *end = p + tbs->len;
    nc__der_elem e;
    nc__der_err err = NC__DER_OK;

    if (p < end && *p == TAG_VERSION) {
        err = nc__der_next(&p, end, &e);
        if (err == NC__DER_OK) err = check_version(&e);
    }
    if (err == NC__DER_OK) err = take(&p, end, TAG_INTEGER, &e, NC__DER_ERR_NO_SERIAL);
    if (err == NC__DER_OK && e.len == 0) err = NC__DER_ERR_EMPTY_SERIAL;
    if (err == NC__DER_OK && !content_valid(TAG_INTEGER, e.content, e.len))
        err = NC__DER_ERR_SERIAL_NOT_MINIMAL;
    if (err == NC__DER_OK)
        err = take(&p, end, TAG_SEQUENCE, &e, NC__DER_ERR_NO_TBS_SIGNATURE_ALGORITHM);
    if (err == NC__DER_OK) err = nc__der_check_algorithm(&e);
    const uint8_t *name = p;
    if (err == NC__DER_OK) err = take(&p, end, TAG_SEQUENCE, &e, NC__DER_ERR_NO_ISSUER);
    if (err == NC__DER_OK) err = check_name(name, &e);
    if (err == NC__DER_OK) err = take(&p, end, TAG_SEQUENCE, &e, NC__DER_ERR_NO_VALIDITY);
    if (err == NC__DER_OK) err = check_validity(&e, info);
    name = p;
    if (err == NC__DER_OK) err = take(&p, end, TAG_SEQUENCE, &e, NC__DER_ERR_NO_SUBJECT);
    if (err == NC__DER_OK) err = check_name(name, &e);
    if (err == NC__DER_OK) err = take(&p, end, TAG_SEQUENCE, &e, NC__DER_ERR_NO_PUBLIC_KEY);
    if (err == NC__DER_OK) err = check_public_key(&e);
    if (err != NC__DER_OK) return err;

    /* Then [1], [2], [3], each optional, at most once, in that order. */
    int last = 0;
    while (p < end) {
        int rank = *p == TAG_ISSUER_UID    ? 1
                   : *p == TAG_SUBJECT_UID ? 2
                   : *p == TAG_EXTENSIONS  ? 3
                                           : 0;
        if (rank <= last) return NC__DER_ERR_AFTER_PUBLIC_KEY;
        err = nc__der_next(&p, end, &e);
        if (err == NC__DER_OK)
            err = rank == 3 ? check_extensions(&e, &info->eku, eku_fault)
                            : check_bit_string(&e, NC__DER_ERR_BAD_UNIQUE_ID);
        if (err != NC__DER_OK) return err;
        last = rank;
    }
    return NC__DER_OK;
}

nc__der_err nc__der_check_certificate(const uint8_t *der, size_t len, nc__cert_limits *info)
{
    const uint8_t *p = der, *end = der + len;
    nc__der_elem cert, e;
    nc__cert_limits found = {0, 0, NC__EKU_ABSENT};
    nc__der_err err, eku_fault = NC__DER_OK;

    if (info != NULL) *info = found;
    if (len == 0) return NC__DER_ERR_CERT_EMPTY;
    if (der[0] != TAG_SEQUENCE) return NC__DER_ERR_CERT_NOT_SEQUENCE;
    err = nc__der_next(&p, end, &cert);
    if (err != NC__DER_OK) return err == NC__DER_ERR_OVERRUN ? NC__DER_ERR_CERT_TRUNCATED : err;
    if (p != end) return NC__DER_ERR_AFTER_CERT;

    p = cert.content;
    end = p + cert.len;
    err = take(&p, end, TAG_SEQUENCE, &e, NC__DER_ERR_NO_TBS);
    if (err == NC__DER_OK) err = check_tbs(&e, &found, &eku_fault);
    if (err == NC__DER_OK)
        err = take(&p, end, TAG_SEQUENCE, &e, NC__DER_ERR_NO_SIGNATURE_ALGORITHM);
    if (err == NC__DER_OK) err = nc__der_check_algorithm(&e);
    if (err == NC__DER_OK) err = take(&p, end, TAG_BIT_STRING, &e, NC__DER_ERR_NO_SIGNATURE);
    if (err == NC__DER_OK) err = check_bit_string(&e, NC__DER_ERR_BAD_SIGNATURE);
    if (err == NC__DER_OK && p != end) err = NC__DER_ERR_AFTER_SIGNATURE;
    if (err != NC__DER_OK) return err;
    /* The rest is sound: the certificate is known, whatever its extendedKeyUsage. */
    if (info != NULL) *info = found;
    return eku_fault;
}
