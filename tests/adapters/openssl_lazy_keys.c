/* The lazy OpenSSL store finds a root by a key of its subject name (nativecerts/openssl.h:
 * nativecerts_priv_lazy_name_key), which must be equal for every two names OpenSSL finds
 * equal (X509_NAME_cmp compares their canonical forms), or a verification would miss a
 * root the eager store finds. Held against OpenSSL itself: for the subject of every
 * certificate of tests/data (unusual names among them) and of this machine's roots,
 * variants are made with each string value in every string type OpenSSL converts that
 * can hold it (UTF8String, BMPString, UniversalString, PrintableString, IA5String,
 * VisibleString, T61String), in other case and spacing, and the attributes of each RDN
 * added in reverse; every variant OpenSSL finds equal to the name must have its key.
 * Prints how many distinct subjects of the load share a key (only a cost: the lookup
 * parses a root more). */
#include <nativecerts/openssl.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

static size_t compared;

/* The string types OpenSSL converts in its canonical form. */
static const unsigned long types[] = {
    B_ASN1_UTF8STRING, B_ASN1_BMPSTRING,     B_ASN1_UNIVERSALSTRING, B_ASN1_PRINTABLESTRING,
    B_ASN1_IA5STRING,  B_ASN1_VISIBLESTRING, B_ASN1_T61STRING};

static int key_of(const X509_NAME *name, uint64_t *key)
{
    const unsigned char *der;
    size_t len;
    return X509_NAME_get0_der(name, &der, &len) && nativecerts_priv_lazy_name_key(der, len, key);
}

/* The UTF-8 of value in another case (every other ASCII letter swapped) and spacing (a
 * space before, after and beside each space): what the canonical form folds. */
static unsigned char *respell(const unsigned char *utf8, int len, int *out_len)
{
    unsigned char *out = malloc(3 * (size_t)len + 3);
    int n = 0, letter = 0;
    out[n++] = ' ';
    for (int i = 0; i < len; i++) {
        unsigned char c = utf8[i];
        if (((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) && letter++ % 2 == 0) c ^= 0x20;
        if (c == ' ') out[n++] = ' ';
        out[n++] = c;
    }
    out[n++] = ' ';
    *out_len = n;
    return out;
}

/* name with every converted string value in type (when it can hold it; else as it was),
 * respelled when asked, and each RDN's attributes added in reverse. NULL on failure. */
static X509_NAME *variant(const X509_NAME *name, unsigned long type, int respelled)
{
    X509_NAME *v = X509_NAME_new();
    int count = X509_NAME_entry_count(name);
    for (int i = 0; i < count;) {
        int set = X509_NAME_ENTRY_set(X509_NAME_get_entry(name, i)), end = i;
        while (end < count && X509_NAME_ENTRY_set(X509_NAME_get_entry(name, end)) == set)
            end++;
        for (int k = end - 1; k >= i; k--) {
            const X509_NAME_ENTRY *e = X509_NAME_get_entry(name, k);
            const ASN1_STRING *value = X509_NAME_ENTRY_get_data(e);
            ASN1_STRING *converted = NULL;
            unsigned char *utf8 = NULL, *spelled = NULL;
            int len = -1, spelled_len = 0;
            if (ASN1_tag2bit(ASN1_STRING_type(value)) &
                (B_ASN1_UTF8STRING | B_ASN1_BMPSTRING | B_ASN1_UNIVERSALSTRING |
                 B_ASN1_PRINTABLESTRING | B_ASN1_T61STRING | B_ASN1_IA5STRING |
                 B_ASN1_VISIBLESTRING))
                len = ASN1_STRING_to_UTF8(&utf8, value);
            if (len >= 0) {
                spelled = respelled ? respell(utf8, len, &spelled_len) : NULL;
                if (ASN1_mbstring_copy(&converted, spelled ? spelled : utf8,
                                       spelled ? spelled_len : len, MBSTRING_UTF8, type) < 0)
                    converted = NULL;
            }
            X509_NAME_ENTRY *ne = X509_NAME_ENTRY_create_by_OBJ(
                NULL, X509_NAME_ENTRY_get_object(e),
                converted ? ASN1_STRING_type(converted) : ASN1_STRING_type(value),
                converted ? ASN1_STRING_get0_data(converted) : ASN1_STRING_get0_data(value),
                converted ? ASN1_STRING_length(converted) : ASN1_STRING_length(value));
            if (!ne || !X509_NAME_add_entry(v, ne, -1, k == end - 1 ? 0 : -1)) {
                X509_NAME_free(v);
                v = NULL;
            }
            X509_NAME_ENTRY_free(ne);
            ASN1_STRING_free(converted);
            OPENSSL_free(utf8);
            free(spelled);
            if (!v) return NULL;
        }
        i = end;
    }
    return v;
}

/* Every variant of the subject of der that OpenSSL finds equal has the subject's key. */
static void check_cert(const unsigned char *der, size_t len)
{
    const unsigned char *p = der;
    X509 *x = d2i_X509(NULL, &p, (long)len);
    uint64_t key, from_der, other;
    if (!x) return; /* OpenSSL cannot parse it: the lookup never meets its names */
    const X509_NAME *subject = X509_get_subject_name(x);
    CHECK(key_of(subject, &key));
    CHECK(nativecerts_priv_lazy_subject_key(der, len, &from_der) && from_der == key);
    for (size_t t = 0; t < sizeof types / sizeof types[0]; t++)
        for (int respelled = 0; respelled < 2; respelled++) {
            X509_NAME *v = variant(subject, types[t], respelled);
            if (!v) continue;
            if (X509_NAME_cmp(subject, v) == 0) {
                compared++;
                if (!key_of(v, &other) || other != key) {
                    char a[256], b[256];
                    X509_NAME_oneline(subject, a, sizeof a);
                    X509_NAME_oneline(v, b, sizeof b);
                    fprintf(stderr, "equal names, other keys: %s / %s\n", a, b);
                    nct_failures++;
                }
            }
            X509_NAME_free(v);
        }
    X509_free(x);
    ERR_clear_error();
}

static void check_result(const nativecerts_result *r)
{
    for (size_t i = 0; i < nativecerts_result_count(r); i++) {
        size_t len;
        const unsigned char *der = nativecerts_result_der(r, i, &len);
        check_cert(der, len);
    }
}

static void equal_names_share_a_key(void)
{
    nativecerts_options *o = NULL;
    nativecerts_result *r = NULL;
    char path[4096];
    static const char *const dirs[] = {"certs", "names"};
    if (nativecerts_options_new(&o) != NATIVECERTS_OK) exit(99);
    nativecerts_options_set_skip_platform(o, 1);
    for (size_t i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/%s", NC_TEST_DATA, dirs[i]);
        CHECK(nativecerts_options_add_dir(o, path) == NATIVECERTS_OK);
    }
    CHECK(nativecerts_load(o, &r) == NATIVECERTS_OK);
    check_result(r);
    nativecerts_result_free(r);
    nativecerts_options_free(o);
    fprintf(stderr, "fixtures: %zu equal variants compared\n", compared);
    CHECK(compared > 100);
}

static void machine_store(void)
{
    nativecerts_options *o = NULL;
    nativecerts_result *r = NULL;
    size_t shared = 0, n;
    if (nativecerts_options_new(&o) != NATIVECERTS_OK) exit(99);
    nativecerts_options_set_ignore_env(o, 1); /* this machine may export SSL_CERT_* */
    CHECK(nativecerts_load(o, &r) == NATIVECERTS_OK);
    n = nativecerts_result_count(r);
    check_result(r);
    /* Distinct subjects that share a key. */
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++) {
            size_t a_len, b_len;
            const unsigned char *a = nativecerts_result_der(r, i, &a_len);
            const unsigned char *b = nativecerts_result_der(r, j, &b_len);
            const unsigned char *pa = a, *pb = b;
            uint64_t ka, kb;
            if (!nativecerts_priv_lazy_subject_key(a, a_len, &ka) ||
                !nativecerts_priv_lazy_subject_key(b, b_len, &kb) || ka != kb)
                continue;
            X509 *xa = d2i_X509(NULL, &pa, (long)a_len), *xb = d2i_X509(NULL, &pb, (long)b_len);
            if (xa && xb && X509_NAME_cmp(X509_get_subject_name(xa), X509_get_subject_name(xb)))
                shared++;
            X509_free(xa);
            X509_free(xb);
        }
    fprintf(stderr,
            "this machine: %zu roots, %zu equal variants compared, %zu pairs of distinct "
            "subjects share a key\n",
            n, compared, shared);
    nativecerts_result_free(r);
    nativecerts_options_free(o);
    if (n == 0 && nct_failures == 0) exit(nct_skip("this machine's store is empty"));
}

int main(int argc, char **argv)
{
    static const nct_case cases[] = {
        {"equal_names_share_a_key", equal_names_share_a_key},
        {"machine_store", machine_store},
    };
    return nct_main(argc, argv, cases, sizeof cases / sizeof cases[0]);
}
