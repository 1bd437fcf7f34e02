/* Differential: the same bytes, as one certificate file, to nativecerts and to OpenSSL.
 * The run aborts when nativecerts accepts as a certificate something OpenSSL rejects:
 *
 *  1. every certificate nativecerts finds in the file (PEM blocks, or the file as one
 *     DER certificate) must be read by d2i_X509, exactly to its last byte;
 *  2. its validity, which decides "expired" and "not-yet-valid", must be the one
 *     OpenSSL's ASN1_TIME_to_tm reads;
 *  3. when both read the whole file without an error (OpenSSL's file reader is
 *     PEM_X509_INFO_read_bio, what X509_STORE_load_file uses), every certificate
 *     nativecerts finds must be among those OpenSSL found. (Where nativecerts reports an
 *     error, OpenSSL may silently read a damaged file otherwise: a BEGIN line inside an
 *     open block can end it there without a word, and drop the next block.)
 *  4. its extendedKeyUsage, unless refused, must read as OpenSSL's verifier reads it
 *     (oracle_eku): the same purposes, and never one that OpenSSL marks invalid;
 *  5. the same bytes read in a distrust role, which recognises certificates followed by
 *     other bytes or with a malformed extendedKeyUsage, must pass 1, 2 and 4 too.
 *
 * Not compared, because nativecerts differs on purpose (docs/trust.md, and the
 * "stricter"/"lenient" reasons of tests/codec/der/cases.txt): nativecerts refuses what
 * OpenSSL reads in places (indefinite lengths, BER forms, unreadable times, bytes after a
 * certificate, damaged trust data), so OpenSSL finding more is never a failure; a file
 * OpenSSL gives up on at its first bad block is compared block by block (1, 2) only; and
 * check 3 is skipped for files with a lone CR (nativecerts ends lines there, OpenSSL's
 * reader does not), which then rely on 1 and 2. */
#include <string.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "codec/der.h"
#include "codec/pem.h"
#include "core/cert_file.h"
#include "core/collect_state.h"
#include "fuzz_target.h"
#include "openssl_oracle.h"

/* Seconds since 1970 of a broken-down UTC time, without timegm's locale of the C
 * library: the same civil-days formula as the library, written again on purpose. */
static int64_t tm_to_unix(const struct tm *tm)
{
    int64_t y = (int64_t)tm->tm_year + 1900, m = tm->tm_mon + 1, d = tm->tm_mday;
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t days = era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
    return days * 86400 + tm->tm_hour * 3600 + tm->tm_min * 60 + tm->tm_sec;
}

static void check_time(const ASN1_TIME *t, int64_t ours, const char *which)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    FUZZ_CHECK(ASN1_TIME_to_tm(t, &tm) == 1, "%s: nativecerts reads %lld, OpenSSL cannot", which,
               (long long)ours);
    FUZZ_CHECK(tm_to_unix(&tm) == ours, "%s: nativecerts %lld, OpenSSL %lld", which,
               (long long)ours, (long long)tm_to_unix(&tm));
}

static int has_lone_cr(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] == '\r' && !(i + 1 < n && p[i + 1] == '\n')) return 1;
    return 0;
}

/* Certificates of OpenSSL's file reader (DER encodings), or NULL when it fails. */
static STACK_OF(X509_INFO) * openssl_file(const uint8_t *data, size_t size)
{
    BIO *bio = BIO_new_mem_buf(data, (int)size);
    if (!bio) abort();
    STACK_OF(X509_INFO) *infos = PEM_X509_INFO_read_bio(bio, NULL, NULL, NULL);
    BIO_free(bio);
    if (infos && ERR_peek_error() != 0) {
        sk_X509_INFO_pop_free(infos, X509_INFO_free);
        infos = NULL;
    }
    ERR_clear_error();
    return infos;
}

static int openssl_has(STACK_OF(X509_INFO) * infos, const uint8_t *der, size_t len)
{
    for (int i = 0; i < sk_X509_INFO_num(infos); i++) {
        X509 *x = sk_X509_INFO_value(infos, i)->x509;
        unsigned char *enc = NULL;
        int n = x ? i2d_X509(x, &enc) : -1;
        int same = n > 0 && (size_t)n == len && memcmp(enc, der, len) == 0;
        OPENSSL_free(enc);
        if (same) return 1;
    }
    return 0;
}

/* One certificate nativecerts collected, against d2i_X509 on its bytes (checks 1, 2 and 4;
 * 3 when infos is not NULL). */
static void check_cert(const nc__collect *c, const nc__cert_entry *e, STACK_OF(X509_INFO) * infos)
{
    const unsigned char *der = c->der + e->off, *p = der;
    X509 *x = d2i_X509(NULL, &p, (long)e->len);
    FUZZ_CHECK(x != NULL, "nativecerts accepts a certificate (%zu bytes) d2i_X509 refuses", e->len);
    FUZZ_CHECK(p == der + e->len, "d2i_X509 reads %zu of its %zu bytes", (size_t)(p - der), e->len);
    check_time(X509_get0_notBefore(x), e->not_before, "notBefore");
    check_time(X509_get0_notAfter(x), e->not_after, "notAfter");
    /* Refusing an extendedKeyUsage is allowed where the loader is stricter (indefinite
     * lengths); reading one, only as OpenSSL reads it. */
    int eku = oracle_eku(x);
    FUZZ_CHECK(e->eku == NC__EKU_MALFORMED || eku == (int)e->eku,
               "extendedKeyUsage: nativecerts %d, OpenSSL %d", (int)e->eku, eku);
    if (infos) {
        /* Compared re-encoded on both sides: OpenSSL re-encodes what it read, so
         * non-minimal length forms would differ from the bytes of the file. */
        unsigned char *enc = NULL;
        int n = i2d_X509(x, &enc);
        FUZZ_CHECK(n > 0 && openssl_has(infos, enc, (size_t)n),
                   "OpenSSL reads the file without error but not this certificate");
        OPENSSL_free(enc);
    }
    X509_free(x);
}

/* The bytes as one file in role. */
static void parse(nc__collect *c, const uint8_t *data, size_t size, nc__role role)
{
    nc__collect_init(c);
    uint32_t s = nc__collect_source(c, NATIVECERTS_SOURCE_FILE, "option", "/fuzz/f", NULL);
    uint8_t *buf = fuzz_copy(data, size);
    nc__cert_file_parse(c, s, "/fuzz/f", buf, size, role);
    free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1u << 20)) return 0; /* BIO_new_mem_buf takes an int */
    nc__collect c;
    parse(&c, data, size, NC__ROLE_TRUST);
    STACK_OF(X509_INFO) *infos = NULL;
    int compare_files = c.ncerts > 0 && c.nerrors == 0 && !nc__pem_looks_like_der(data, size) &&
                        !has_lone_cr(data, size) && (infos = openssl_file(data, size)) != NULL;
    for (size_t i = 0; i < c.ncerts; i++)
        check_cert(&c, &c.certs[i], compare_files ? infos : NULL);
    sk_X509_INFO_pop_free(infos, X509_INFO_free);
    ERR_clear_error();
    nc__collect_free(&c);

    /* 5. In a distrust role more is recognised (a certificate with bytes after it, one
     * whose only fault is its extendedKeyUsage), always as d2i_X509 reads it. */
    parse(&c, data, size, NC__ROLE_DISTRUST);
    for (size_t i = 0; i < c.ncerts; i++)
        check_cert(&c, &c.certs[i], NULL);
    ERR_clear_error();
    nc__collect_free(&c);
    return 0;
}
