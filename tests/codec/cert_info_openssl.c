/* cert_info_openssl: the certificate reading API (nativecerts_cert_subject, _issuer,
 * _display_name, _validity, nativecerts_sha256) gives what OpenSSL gives, certificate by
 * certificate, on this machine's bundle and on the committed fixtures.
 *
 *   cert_info_openssl names BUNDLE        subject and issuer of every root of BUNDLE
 *   cert_info_openssl names-dir DIR       the same, plus display names and cut buffers,
 *                                         for every DIR/NAME.der
 *   cert_info_openssl validity BUNDLE DIR...  notBefore / notAfter
 *   cert_info_openssl sha256 BUNDLE DIR...    fingerprints
 *   cert_info_openssl hash BUNDLE DIR...      subject and issuer name hashes (what
 *                                             `openssl x509 -hash` / -issuer_hash print),
 *                                             of the certificate and of its Names alone
 *
 * Names are compared with X509_NAME_print_ex(XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB),
 * what `openssl x509 -noout -subject -nameopt RFC2253,-esc_msb` prints after "subject=".
 * The display name is derived from OpenSSL's reading of the name by the rule of the
 * header (last non-empty CN, else O, else OU, controls as U+FFFD, else the subject).
 * A missing BUNDLE skips (77) "names"; the other modes then check DIR only. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "case_files.h"
#include "nativecerts.h"
#include "openssl_names.h"
#include "openssl_oracle.h"

static int failures;

/* A certificate as DER in a buffer of its exact size, with OpenSSL's reading of it. */
typedef struct cert {
    char label[512];
    uint8_t *der;
    size_t len;
    X509 *x;
} cert;

typedef void (*cert_check)(const cert *c);

typedef size_t (*name_fn)(const unsigned char *, size_t, char *, size_t);

/* Our text, through the public call: length asked first, then an exact buffer. */
static char *our_name(name_fn fn, const cert *c, size_t *len)
{
    *len = fn(c->der, c->len, NULL, 0);
    char *s = malloc(*len + 1);
    if (s == NULL) exit(99);
    memset(s, 'X', *len + 1);
    size_t again = fn(c->der, c->len, s, *len + 1);
    if (again != *len || s[*len] != '\0')
        case_fail(&failures, c->label, "second call gave %zu, first %zu", again, *len);
    return s;
}

static void compare_name(const cert *c, const char *what, name_fn fn, const char *expected)
{
    size_t len;
    char *ours = our_name(fn, c, &len);
    if (strlen(expected) != len || memcmp(ours, expected, len) != 0)
        case_fail(&failures, c->label, "%s\n  ours:    %s\n  OpenSSL: %s", what, ours, expected);
    free(ours);
}

static void check_names(const cert *c)
{
    char *subject = oracle_name_text(X509_get_subject_name(c->x));
    char *issuer = oracle_name_text(X509_get_issuer_name(c->x));
    compare_name(c, "subject", nativecerts_cert_subject, subject);
    compare_name(c, "issuer", nativecerts_cert_issuer, issuer);
    free(subject);
    free(issuer);
}

/* The display-name rule, applied to OpenSSL's reading of the subject. */
static char *expected_display(const X509 *x)
{
    const X509_NAME *nm = X509_get_subject_name(x);
    static const int preferred[] = {NID_commonName, NID_organizationName,
                                    NID_organizationalUnitName};
    for (int k = 0; k < 3; k++) {
        const ASN1_STRING *chosen = NULL;
        for (int i = 0; i < X509_NAME_entry_count(nm); i++) {
            const X509_NAME_ENTRY *e = X509_NAME_get_entry(nm, i);
            const ASN1_STRING *v = X509_NAME_ENTRY_get_data(e);
            if (OBJ_obj2nid(X509_NAME_ENTRY_get_object(e)) == preferred[k] &&
                ASN1_STRING_length(v) > 0)
                chosen = v;
        }
        if (chosen == NULL) continue;
        unsigned char *utf8;
        int n = ASN1_STRING_to_UTF8(&utf8, chosen);
        if (n < 0) exit(99);
        char *out = malloc((size_t)n * 3 + 1), *o = out;
        if (out == NULL) exit(99);
        for (int i = 0; i < n; i++) {
            if (utf8[i] < 0x20 || utf8[i] == 0x7F)
                o += sprintf(o, "\xEF\xBF\xBD"); /* U+FFFD */
            else
                *o++ = (char)utf8[i];
        }
        *o = '\0';
        OPENSSL_free(utf8);
        return out;
    }
    return oracle_name_text(nm);
}

/* A buffer too small holds the longest prefix that fits and ends on a whole character. */
static void check_cut(const cert *c, name_fn fn, const char *what)
{
    size_t len;
    char *full = our_name(fn, c, &len);
    char *buf = malloc(len + 1);
    if (buf == NULL) exit(99);
    for (size_t n = 1; n <= len; n++) {
        size_t keep = n - 1;
        while (keep > 0 && ((unsigned char)full[keep] & 0xC0) == 0x80)
            keep--; /* full[keep] must start a character (or be the end) */
        size_t r = fn(c->der, c->len, buf, n);
        if (r != len || memcmp(buf, full, keep) != 0 || buf[keep] != '\0') {
            case_fail(&failures, c->label, "%s cut to %zu bytes: \"%s\"", what, n, buf);
            break;
        }
    }
    free(buf);
    free(full);
}

static void check_names_and_display(const cert *c)
{
    check_names(c);
    char *display = expected_display(c->x);
    compare_name(c, "display name", nativecerts_cert_display_name, display);
    free(display);
    check_cut(c, nativecerts_cert_subject, "subject");
    check_cut(c, nativecerts_cert_display_name, "display name");
}

static void check_validity(const cert *c)
{
    int64_t nb, na, onb, ona;
    if (nativecerts_cert_validity(c->der, c->len, &nb, &na) != NATIVECERTS_OK) {
        case_fail(&failures, c->label, "validity not read");
        return;
    }
    if (oracle_time(X509_get0_notBefore(c->x), &onb) != 0 ||
        oracle_time(X509_get0_notAfter(c->x), &ona) != 0) {
        case_fail(&failures, c->label, "OpenSSL cannot convert the validity");
        return;
    }
    if (nb != onb || na != ona)
        case_fail(&failures, c->label, "validity %lld..%lld, OpenSSL %lld..%lld", (long long)nb,
                  (long long)na, (long long)onb, (long long)ona);
}

static void check_sha256(const cert *c)
{
    unsigned char ours[32], theirs[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    nativecerts_sha256(c->der, c->len, ours);
    if (X509_digest(c->x, EVP_sha256(), theirs, &n) != 1 || n != 32) exit(99);
    if (memcmp(ours, theirs, 32) != 0) case_fail(&failures, c->label, "SHA-256 differs");
}

/* OpenSSL's X509_NAME_hash_ex against ours, for the certificate and for the Name alone. */
typedef int (*hash_fn)(const unsigned char *, size_t, uint32_t *);

static void compare_hash(const cert *c, const char *what, hash_fn fn, const X509_NAME *nm)
{
    int ok = 0;
    unsigned long theirs = X509_NAME_hash_ex(nm, NULL, NULL, &ok);
    if (!ok) {
        case_fail(&failures, c->label, "OpenSSL cannot hash the %s", what);
        return;
    }
    uint32_t ours = 0;
    int rc = fn(c->der, c->len, &ours);
    if (rc != NATIVECERTS_OK || ours != theirs)
        case_fail(&failures, c->label, "%s hash %08lx (%d), OpenSSL %08lx", what,
                  (unsigned long)ours, rc, theirs);
    unsigned char *enc = NULL;
    int n = i2d_X509_NAME(nm, &enc);
    if (n <= 0) exit(99);
    uint8_t *exact = case_exact_copy(enc, (size_t)n);
    ours = 0;
    rc = nativecerts_name_hash(exact, (size_t)n, &ours);
    if (rc != NATIVECERTS_OK || ours != theirs)
        case_fail(&failures, c->label, "%s alone: hash %08lx (%d), OpenSSL %08lx", what,
                  (unsigned long)ours, rc, theirs);
    free(exact);
    OPENSSL_free(enc);
}

static void check_hash(const cert *c)
{
    compare_hash(c, "subject", nativecerts_cert_subject_hash, X509_get_subject_name(c->x));
    compare_hash(c, "issuer", nativecerts_cert_issuer_hash, X509_get_issuer_name(c->x));
}

/* Runs check on every certificate of a PEM bundle; returns how many, or -1 when the
 * bundle does not exist. */
static long each_in_bundle(const char *path, cert_check check)
{
    BIO *bio = BIO_new_file(path, "rb");
    if (bio == NULL) {
        if (errno == ENOENT) return -1;
        fprintf(stderr, "cannot read %s\n", path);
        exit(99);
    }
    long count = 0;
    X509 *x;
    while ((x = PEM_read_bio_X509(bio, NULL, NULL, NULL)) != NULL) {
        cert c;
        unsigned char *der = NULL;
        int n = i2d_X509(x, &der);
        if (n <= 0) exit(99);
        snprintf(c.label, sizeof(c.label), "%s #%ld", path, ++count);
        c.der = case_exact_copy(der, (size_t)n);
        c.len = (size_t)n;
        c.x = x;
        check(&c);
        free(c.der);
        OPENSSL_free(der);
        X509_free(x);
    }
    BIO_free(bio);
    return count;
}

static long each_in_dir(const char *dir, cert_check check)
{
    size_t count;
    char **names = case_list_dir(dir, ".der", &count);
    if (names == NULL) {
        fprintf(stderr, "cannot list %s\n", dir);
        exit(99);
    }
    for (size_t i = 0; i < count; i++) {
        cert c;
        case_path(c.label, sizeof(c.label), dir, names[i], ".der");
        size_t len;
        uint8_t *bytes = case_read_file(c.label, &len);
        const unsigned char *p = bytes;
        if (bytes == NULL || (c.x = d2i_X509(NULL, &p, (long)len)) == NULL) {
            case_fail(&failures, c.label, "OpenSSL cannot read it");
            free(bytes);
            continue;
        }
        c.der = case_exact_copy(bytes, len);
        c.len = len;
        check(&c);
        X509_free(c.x);
        free(c.der);
        free(bytes);
    }
    case_free_list(names, count);
    return (long)count;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr,
                "usage: %s names BUNDLE | names-dir DIR | validity|sha256|hash BUNDLE DIR...\n",
                argv[0]);
        return 2;
    }
    const char *mode = argv[1];
    long n = 0;
    if (strcmp(mode, "names") == 0) {
        if ((n = each_in_bundle(argv[2], check_names)) < 0) {
            printf("%s does not exist: skipped\n", argv[2]);
            return 77;
        }
        if (n == 0) case_fail(&failures, argv[2], "no certificate in it");
    } else if (strcmp(mode, "names-dir") == 0) {
        if ((n = each_in_dir(argv[2], check_names_and_display)) == 0)
            case_fail(&failures, argv[2], "no certificate in it");
    } else if (strcmp(mode, "validity") == 0 || strcmp(mode, "sha256") == 0 ||
               strcmp(mode, "hash") == 0) {
        cert_check check = mode[0] == 'v'   ? check_validity
                           : mode[0] == 's' ? check_sha256
                                            : check_hash;
        if ((n = each_in_bundle(argv[2], check)) < 0) {
            printf("%s does not exist: only the fixtures are checked\n", argv[2]);
            n = 0;
        }
        for (int i = 3; i < argc; i++) {
            long in_dir = each_in_dir(argv[i], check);
            if (in_dir == 0) case_fail(&failures, argv[i], "no certificate in it");
            n += in_dir;
        }
    } else {
        fprintf(stderr, "unknown mode %s\n", mode);
        return 2;
    }
    printf("cert_info_openssl %s: %ld certificates, %d failures\n", mode, n, failures);
    return failures == 0 ? 0 : 1;
}
