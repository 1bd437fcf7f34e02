/* Telling what a file holds (see file_kind.h). Every DER read is bounded by the element
 * that holds it (nc__der_next); nothing is decoded beyond the first few elements. */
#include "core/file_kind.h"

#include <stdlib.h>
#include <string.h>

#include "codec/der.h"
#include "core/backend.h"

/* Larger files are not looked into: what they hold is left unsaid. */
#define CONTENT_READ_MAX (256u * 1024)

static const uint8_t oid_pkcs7_data[] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01};
static const uint8_t oid_pkcs7_signed[] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02};

/* PEM labels, by a word they hold; the first row that matches decides. */
static const struct {
    const char *word;
    nc__file_kind kind;
} pem_words[] = {
    {"CERTIFICATE REQUEST", NC__FILE_CSR}, /* before CERTIFICATE */
    {"CERTIFICATE", NC__FILE_CERTIFICATES},
    {"PRIVATE KEY", NC__FILE_PRIVATE_KEY},
    {"PUBLIC KEY", NC__FILE_PUBLIC_KEY},
    {"X509 CRL", NC__FILE_CRL},
    {"PKCS7", NC__FILE_PKCS7},
    {"CMS", NC__FILE_PKCS7},
    {"PKCS12", NC__FILE_PKCS12},
};

static nc__file_kind kind_of_label(const char *label)
{
    for (size_t i = 0; i < sizeof pem_words / sizeof pem_words[0]; i++)
        if (strstr(label, pem_words[i].word)) return pem_words[i].kind;
    return NC__FILE_OTHER_PEM;
}

/* The label of a "-----BEGIN LABEL-----" line at p (end of the buffer at end), into
 * label; 0 when p does not start such a line. */
static int begin_label(const uint8_t *p, const uint8_t *end, char *label, size_t n)
{
    static const char begin[] = "-----BEGIN ";
    size_t k = sizeof begin - 1, i = 0;
    if ((size_t)(end - p) < k || memcmp(p, begin, k) != 0) return 0;
    for (p += k; p < end && *p != '\n' && *p != '\r' && *p != '-'; p++)
        if (i + 1 < n) label[i++] = *p >= 0x20 && *p < 0x7f ? (char)*p : '?';
    label[i] = '\0';
    return p + 5 <= end && memcmp(p, "-----", 5) == 0;
}

/* PEM: a file with any certificate block is one of certificates (damaged, or the load
 * would have found them); else the first block's label says what it is. */
static int pem_kind(const uint8_t *buf, size_t len, nc__file_content *out)
{
    const uint8_t *p = buf, *end = buf + len;
    char label[sizeof out->label];
    int found = 0;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
    while (p < end) {
        if (begin_label(p, end, label, sizeof label)) {
            nc__file_kind kind = kind_of_label(label);
            if (kind == NC__FILE_CERTIFICATES || !found) {
                out->kind = kind;
                memcpy(out->label, label, sizeof label);
            }
            if (kind == NC__FILE_CERTIFICATES) return 1;
            found = 1;
        }
        while (p < end && *p != '\n' && *p != '\r')
            p++;
        while (p < end && (*p == '\n' || *p == '\r'))
            p++;
    }
    return found;
}

static int is_oid(const nc__der_elem *e, const uint8_t *oid, size_t n)
{
    return e->tag == 0x06 && e->len == n && memcmp(e->content, oid, n) == 0;
}

/* An INTEGER of one content byte equal to v. */
static int is_small_int(const nc__der_elem *e, unsigned v)
{
    return e->tag == 0x02 && e->len == 1 && e->content[0] == v;
}

/* Reads the elements inside e into items (at most max); returns how many. */
static size_t children(const nc__der_elem *e, nc__der_elem *items, size_t max)
{
    const uint8_t *p = e->content, *end = e->content + e->len;
    size_t n = 0;
    while (n < max && p < end && nc__der_next(&p, end, &items[n]) == NC__DER_OK)
        n++;
    return n;
}

static int is_time(const nc__der_elem *e)
{
    return e->tag == 0x17 || e->tag == 0x18;
}

/* DER, by the shape of the outer SEQUENCE's first elements:
 *   PKCS#12 PFX          { INTEGER 3, { OID pkcs7-data | signedData, ... }, ... }
 *   PKCS#7 ContentInfo   { OID signedData, [0] ... }
 *   PKCS#8 private key   { INTEGER 0|1, AlgorithmIdentifier, OCTET STRING ... }
 *   PKCS#1, SEC1 keys    { INTEGER 0, INTEGER ... } / { INTEGER 1, OCTET STRING ... }
 *   encrypted PKCS#8     { AlgorithmIdentifier, OCTET STRING }
 *   SubjectPublicKeyInfo { AlgorithmIdentifier, BIT STRING }
 *   CSR                  { { INTEGER 0, Name, SubjectPublicKeyInfo, [0] }, alg, sig }
 *   CRL                  { { [INTEGER 1,] alg, Name, Time, ... }, alg, sig } */
static nc__file_kind der_kind(const uint8_t *buf, size_t len)
{
    const uint8_t *p = buf;
    nc__der_elem outer, top[3], in[4], sub[2];
    if (nc__der_next(&p, buf + len, &outer) != NC__DER_OK || outer.tag != 0x30)
        return NC__FILE_UNKNOWN;
    size_t n = children(&outer, top, 3);
    if (n >= 2 && is_small_int(&top[0], 3) && top[1].tag == 0x30 && children(&top[1], sub, 1) &&
        (is_oid(&sub[0], oid_pkcs7_data, sizeof oid_pkcs7_data) ||
         is_oid(&sub[0], oid_pkcs7_signed, sizeof oid_pkcs7_signed)))
        return NC__FILE_PKCS12;
    if (n >= 1 && is_oid(&top[0], oid_pkcs7_signed, sizeof oid_pkcs7_signed)) return NC__FILE_PKCS7;
    if (n >= 2 && top[0].tag == 0x02 && top[0].len == 1 && top[0].content[0] <= 1 &&
        (top[1].tag == 0x30 || top[1].tag == 0x02 || top[1].tag == 0x04))
        return NC__FILE_PRIVATE_KEY;
    if (n == 2 && top[0].tag == 0x30 && top[1].tag == 0x04) return NC__FILE_PRIVATE_KEY;
    if (n == 2 && top[0].tag == 0x30 && top[1].tag == 0x03) return NC__FILE_PUBLIC_KEY;
    if (n < 1 || top[0].tag != 0x30) return NC__FILE_UNKNOWN;
    size_t k = children(&top[0], in, 4);
    if (k == 4 && is_small_int(&in[0], 0) && in[1].tag == 0x30 && in[2].tag == 0x30 &&
        in[3].tag == 0xA0)
        return NC__FILE_CSR;
    size_t v = k >= 1 && is_small_int(&in[0], 1); /* a CRL's optional version, v2 */
    if (k >= v + 3 && in[v].tag == 0x30 && in[v + 1].tag == 0x30 && is_time(&in[v + 2]))
        return NC__FILE_CRL;
    return NC__FILE_UNKNOWN;
}

void nc__file_content_of(const uint8_t *buf, size_t len, nc__file_content *out)
{
    memset(out, 0, sizeof *out);
    if (len == 0) {
        out->kind = NC__FILE_EMPTY;
        return;
    }
    out->kind = buf[0] == 0x30 ? der_kind(buf, len) : NC__FILE_UNKNOWN;
    out->der = out->kind != NC__FILE_UNKNOWN;
    if (out->der || pem_kind(buf, len, out)) return;
    /* Text is what holds no control byte but line ends and tabs near its start. */
    out->kind = NC__FILE_TEXT;
    for (size_t i = 0; i < len && i < 512; i++)
        if (buf[i] < 0x20 && buf[i] != '\n' && buf[i] != '\r' && buf[i] != '\t')
            out->kind = NC__FILE_UNKNOWN;
}

void nc__file_content_read(const nativecerts_options *opts, const char *path, nc__file_content *out)
{
    size_t len = 0;
    char *buf = malloc(CONTENT_READ_MAX);
    memset(out, 0, sizeof *out);
    if (buf && nc__backend_read_small_file(opts, path, buf, CONTENT_READ_MAX, &len) == 0)
        nc__file_content_of((const uint8_t *)buf, len, out);
    free(buf);
}
