/* DER elements and the structure of an X.509 certificate (RFC 5280 §4.1). */
#include "codec/der.h"

#define TAG_BOOLEAN 0x01
#define TAG_INTEGER 0x02
#define TAG_BIT_STRING 0x03
#define TAG_OCTET_STRING 0x04
#define TAG_OID 0x06
#define TAG_UTC_TIME 0x17
#define TAG_GENERALIZED_TIME 0x18
#define TAG_SEQUENCE 0x30
#define TAG_SET 0x31
#define TAG_VERSION 0xA0     /* [0] EXPLICIT */
#define TAG_ISSUER_UID 0x81  /* [1] IMPLICIT BIT STRING */
#define TAG_SUBJECT_UID 0x82 /* [2] IMPLICIT BIT STRING */
#define TAG_EXTENSIONS 0xA3  /* [3] EXPLICIT */

/* Compared by address by the certificate check, to say which element ran over. */
static const char msg_overrun[] = "element longer than what holds it";

const char *nc__der_next(const uint8_t **pos, const uint8_t *end, nc__der_elem *e)
{
    const uint8_t *p = *pos;
    if (p >= end) return "missing element";
    e->tag = *p++;
    if ((e->tag & 0x1F) == 0x1F) {
        /* High tag number: base-128 bytes, the last without bit 8. */
        unsigned k = 0;
        do {
            if (p == end) return msg_overrun;
            if (++k > 4) return "tag number too large";
        } while (*p++ & 0x80);
    }
    if (p == end) return msg_overrun;
    uint8_t first = *p++;
    size_t n = 0;
    if (first < 0x80) {
        n = first;
    } else if (first == 0x80) {
        return "indefinite length";
    } else {
        size_t count = first & 0x7F;
        if (count > (size_t)(end - p)) return msg_overrun;
        /* OpenSSL skips leading zero bytes and takes the long form for short lengths;
         * refusing them would be stricter than d2i_X509 for no safety gain. */
        while (count > 0 && *p == 0) {
            p++;
            count--;
        }
        if (count > sizeof(size_t)) return "length too large";
        while (count-- > 0)
            n = (n << 8) | *p++;
    }
    if (n > (size_t)(end - p)) return msg_overrun;
    e->content = p;
    e->len = n;
    *pos = p + n;
    return NULL;
}

int nc__der_oid_valid(const uint8_t *p, size_t n)
{
    if (n == 0 || (p[n - 1] & 0x80) != 0) return 0;
    for (size_t i = 0; i < n; i++)
        if (p[i] == 0x80 && (i == 0 || (p[i - 1] & 0x80) == 0)) return 0;
    return 1;
}

size_t nc__der_element_length(const uint8_t *buf, size_t len)
{
    const uint8_t *p = buf;
    nc__der_elem e;
    if (nc__der_next(&p, buf + len, &e) != NULL) return 0;
    return (size_t)(p - buf);
}

/* Reads the element at *p when it has the tag expected there; else returns wrong. */
static const char *take(const uint8_t **p, const uint8_t *end, unsigned tag, nc__der_elem *e,
                        const char *wrong)
{
    if (*p >= end || **p != tag) return wrong;
    return nc__der_next(p, end, e);
}

static const char *check_bit_string(const nc__der_elem *e, const char *wrong)
{
    /* The first content byte counts the unused bits of the last one. */
    return (e->len >= 1 && e->content[0] <= 7) ? NULL : wrong;
}

/* AlgorithmIdentifier: SEQUENCE { OBJECT IDENTIFIER, parameters ANY OPTIONAL }. */
static const char *check_algorithm(const nc__der_elem *seq)
{
    static const char wrong[] = "malformed algorithm identifier";
    const uint8_t *p = seq->content, *end = p + seq->len;
    nc__der_elem oid, params;
    const char *err = take(&p, end, TAG_OID, &oid, wrong);
    if (err != NULL) return err;
    if (!nc__der_oid_valid(oid.content, oid.len)) return wrong;
    if (p < end && (err = nc__der_next(&p, end, &params)) != NULL) return err;
    return p == end ? NULL : wrong;
}

/* Name: SEQUENCE OF SET OF SEQUENCE { OBJECT IDENTIFIER, value }. */
static const char *check_name(const nc__der_elem *name)
{
    static const char wrong[] = "malformed name";
    const uint8_t *p = name->content, *end = p + name->len;
    while (p < end) {
        nc__der_elem rdn, atv, oid, value;
        const char *err = take(&p, end, TAG_SET, &rdn, wrong);
        if (err != NULL) return err;
        const uint8_t *q = rdn.content, *q_end = q + rdn.len;
        while (q < q_end) {
            if ((err = take(&q, q_end, TAG_SEQUENCE, &atv, wrong)) != NULL) return err;
            const uint8_t *r = atv.content, *r_end = r + atv.len;
            if ((err = take(&r, r_end, TAG_OID, &oid, wrong)) != NULL) return err;
            if (!nc__der_oid_valid(oid.content, oid.len)) return wrong;
            if (r >= r_end) return wrong; /* an attribute without its value */
            if ((err = nc__der_next(&r, r_end, &value)) != NULL) return err;
            if (r != r_end) return wrong;
        }
    }
    return NULL;
}

static const char *check_validity(const nc__der_elem *seq, nc__cert_info *info)
{
    static const char wrong[] = "malformed validity";
    const uint8_t *p = seq->content, *end = p + seq->len;
    nc__der_elem t[2];
    for (int i = 0; i < 2; i++) {
        if (p >= end || (*p != TAG_UTC_TIME && *p != TAG_GENERALIZED_TIME)) return wrong;
        const char *err = nc__der_next(&p, end, &t[i]);
        if (err != NULL) return err;
    }
    if (p != end) return wrong;
    if (nc__der_time_to_unix(t[0].tag, t[0].content, t[0].len, &info->not_before) != 0)
        return "invalid notBefore time";
    if (nc__der_time_to_unix(t[1].tag, t[1].content, t[1].len, &info->not_after) != 0)
        return "invalid notAfter time";
    return NULL;
}

/* SubjectPublicKeyInfo: SEQUENCE { AlgorithmIdentifier, BIT STRING }. */
static const char *check_public_key(const nc__der_elem *seq)
{
    static const char wrong[] = "malformed public key";
    const uint8_t *p = seq->content, *end = p + seq->len;
    nc__der_elem alg, key;
    const char *err = take(&p, end, TAG_SEQUENCE, &alg, wrong);
    if (err == NULL) err = check_algorithm(&alg);
    if (err == NULL) err = take(&p, end, TAG_BIT_STRING, &key, wrong);
    if (err == NULL) err = check_bit_string(&key, wrong);
    if (err == NULL && p != end) err = wrong;
    return err;
}

/* [3] EXPLICIT SEQUENCE OF SEQUENCE { OID, critical BOOLEAN OPTIONAL, OCTET STRING }. */
static const char *check_extensions(const nc__der_elem *explicit_tag)
{
    static const char wrong[] = "malformed extensions";
    const uint8_t *p = explicit_tag->content, *end = p + explicit_tag->len;
    nc__der_elem list, ext, oid, critical, value;
    const char *err = take(&p, end, TAG_SEQUENCE, &list, wrong);
    if (err != NULL) return err;
    if (p != end) return wrong;
    p = list.content;
    end = p + list.len;
    while (p < end) {
        if ((err = take(&p, end, TAG_SEQUENCE, &ext, wrong)) != NULL) return err;
        const uint8_t *q = ext.content, *q_end = q + ext.len;
        if ((err = take(&q, q_end, TAG_OID, &oid, wrong)) != NULL) return err;
        if (!nc__der_oid_valid(oid.content, oid.len)) return wrong;
        if (q < q_end && *q == TAG_BOOLEAN) {
            /* OpenSSL wants one byte; it reads any non-zero byte as TRUE. */
            if ((err = nc__der_next(&q, q_end, &critical)) != NULL) return err;
            if (critical.len != 1) return wrong;
        }
        if ((err = take(&q, q_end, TAG_OCTET_STRING, &value, wrong)) != NULL) return err;
        if (q != q_end) return wrong;
    }
    return NULL;
}

/* [0] EXPLICIT holds exactly one INTEGER (its value is not ours to judge). */
static const char *check_version(const nc__der_elem *explicit_tag)
{
    static const char wrong[] = "malformed version";
    const uint8_t *p = explicit_tag->content, *end = p + explicit_tag->len;
    nc__der_elem version;
    const char *err = take(&p, end, TAG_INTEGER, &version, wrong);
    if (err == NULL && (version.len == 0 || p != end)) err = wrong;
    return err;
}

static const char *check_tbs(const nc__der_elem *tbs, nc__cert_info *info)
{
    const uint8_t *p = tbs->content, *end = p + tbs->len;
    nc__der_elem e;
    const char *err = NULL;

    if (p < end && *p == TAG_VERSION) {
        err = nc__der_next(&p, end, &e);
        if (err == NULL) err = check_version(&e);
    }
    if (err == NULL) err = take(&p, end, TAG_INTEGER, &e, "missing or misplaced serial number");
    if (err == NULL && e.len == 0) err = "empty serial number";
    if (err == NULL)
        err = take(&p, end, TAG_SEQUENCE, &e, "missing or misplaced TBS signature algorithm");
    if (err == NULL) err = check_algorithm(&e);
    if (err == NULL) err = take(&p, end, TAG_SEQUENCE, &e, "missing or misplaced issuer");
    if (err == NULL) err = check_name(&e);
    if (err == NULL) err = take(&p, end, TAG_SEQUENCE, &e, "missing or misplaced validity");
    if (err == NULL) err = check_validity(&e, info);
    if (err == NULL) err = take(&p, end, TAG_SEQUENCE, &e, "missing or misplaced subject");
    if (err == NULL) err = check_name(&e);
    if (err == NULL) err = take(&p, end, TAG_SEQUENCE, &e, "missing or misplaced public key");
    if (err == NULL) err = check_public_key(&e);
    if (err != NULL) return err;

    /* Then [1], [2], [3], each optional, at most once, in that order. */
    int last = 0;
    while (p < end) {
        int rank = *p == TAG_ISSUER_UID    ? 1
                   : *p == TAG_SUBJECT_UID ? 2
                   : *p == TAG_EXTENSIONS  ? 3
                                           : 0;
        if (rank <= last) return "unexpected element after the public key";
        err = nc__der_next(&p, end, &e);
        if (err == NULL)
            err = rank == 3 ? check_extensions(&e)
                            : check_bit_string(&e, "malformed unique identifier");
        if (err != NULL) return err;
        last = rank;
    }
    return NULL;
}

const char *nc__der_check_certificate(const uint8_t *der, size_t len, nc__cert_info *info)
{
    const uint8_t *p = der, *end = der + len;
    nc__der_elem cert, e;
    nc__cert_info times = {0, 0};
    const char *err;

    if (len == 0) return "certificate is empty";
    if (der[0] != TAG_SEQUENCE) return "certificate is not a SEQUENCE";
    err = nc__der_next(&p, end, &cert);
    if (err != NULL) return err == msg_overrun ? "certificate is truncated" : err;
    if (p != end) return "bytes after the certificate";

    p = cert.content;
    end = p + cert.len;
    err = take(&p, end, TAG_SEQUENCE, &e, "missing or misplaced TBSCertificate");
    if (err == NULL) err = check_tbs(&e, &times);
    if (err == NULL)
        err = take(&p, end, TAG_SEQUENCE, &e, "missing or misplaced signature algorithm");
    if (err == NULL) err = check_algorithm(&e);
    if (err == NULL) err = take(&p, end, TAG_BIT_STRING, &e, "missing or misplaced signature");
    if (err == NULL) err = check_bit_string(&e, "malformed signature");
    if (err == NULL && p != end) err = "element after the signature";
    if (err == NULL && info != NULL) *info = times;
    return err;
}
