/* Differential tests against OpenSSL: for real and generated bundles, the certificates
 * nativecerts finds (trusted plus excluded) are exactly those that OpenSSL's PEM reader
 * (PEM_X509_INFO_read_bio, what X509_STORE_load_file uses) plus d2i_X509 accept.
 *
 * Differences nativecerts makes on purpose (docs/trust.md), and so not compared here:
 *  - OpenSSL drops a whole file at its first bad block; nativecerts keeps the good
 *    blocks. Generated bundles here are all well-formed.
 *  - nativecerts splits lines at a lone CR; OpenSSL's reader does not. Not used.
 *  - TRUSTED CERTIFICATE aux data is evaluated: a rejected root is found but
 *    excluded, which is why "found" = trusted + excluded.
 *
 *   test_openssl_diff machine-bundle | generated | default-load */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "core/profile.h"
#include "test_support.h"

typedef struct der_set {
    unsigned char **der;
    size_t *len;
    size_t n, cap;
} der_set;

static int set_has(const der_set *s, const unsigned char *d, size_t len)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->len[i] == len && memcmp(s->der[i], d, len) == 0) return 1;
    return 0;
}

static void set_add(der_set *s, const unsigned char *d, size_t len)
{
    if (set_has(s, d, len)) return;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->der = realloc(s->der, s->cap * sizeof *s->der);
        s->len = realloc(s->len, s->cap * sizeof *s->len);
        if (!s->der || !s->len) exit(99);
    }
    s->der[s->n] = malloc(len);
    if (!s->der[s->n]) exit(99);
    memcpy(s->der[s->n], d, len);
    s->len[s->n++] = len;
}

static void set_free(der_set *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->der[i]);
    free(s->der);
    free(s->len);
}

/* What OpenSSL's file loader accepts from one file's bytes. */
static void openssl_add_file_bytes(der_set *s, const unsigned char *buf, size_t len)
{
    BIO *bio = BIO_new_mem_buf(buf, (int)len);
    STACK_OF(X509_INFO) *infos = PEM_X509_INFO_read_bio(bio, NULL, NULL, NULL);
    BIO_free(bio);
    if (!infos) {
        /* Not PEM: one DER certificate, as nativecerts also accepts. */
        const unsigned char *p = buf;
        X509 *x = d2i_X509(NULL, &p, (long)len);
        if (x && p == buf + len) {
            unsigned char *der = NULL;
            int n = i2d_X509(x, &der);
            if (n > 0) set_add(s, der, (size_t)n);
            OPENSSL_free(der);
        }
        X509_free(x);
        ERR_clear_error();
        return;
    }
    for (int i = 0; i < sk_X509_INFO_num(infos); i++) {
        X509_INFO *info = sk_X509_INFO_value(infos, i);
        if (!info->x509) continue;
        unsigned char *der = NULL;
        int n = i2d_X509(info->x509, &der); /* without aux data */
        if (n > 0) set_add(s, der, (size_t)n);
        OPENSSL_free(der);
    }
    sk_X509_INFO_pop_free(infos, X509_INFO_free);
    ERR_clear_error();
}

static void openssl_add_file(der_set *s, const char *path)
{
    size_t len;
    unsigned char *buf = nct_read_file(path, &len);
    if (!buf) return;
    openssl_add_file_bytes(s, buf, len);
    free(buf);
}

static void ours_found(der_set *s, const nativecerts_result *r)
{
    for (size_t i = 0; i < nativecerts_result_count(r); i++) {
        size_t len;
        const unsigned char *d = nativecerts_result_der(r, i, &len);
        set_add(s, d, len);
    }
    for (size_t i = 0; i < nativecerts_result_excluded_count(r); i++) {
        size_t len;
        const unsigned char *d = nativecerts_result_excluded_der(r, i, &len);
        set_add(s, d, len);
    }
}

static void compare(const der_set *ours, const der_set *theirs, const char *what)
{
    size_t only_ours = 0, only_theirs = 0;
    for (size_t i = 0; i < ours->n; i++)
        only_ours += !set_has(theirs, ours->der[i], ours->len[i]);
    for (size_t i = 0; i < theirs->n; i++)
        only_theirs += !set_has(ours, theirs->der[i], theirs->len[i]);
    if (only_ours || only_theirs) {
        fprintf(stderr, "%s: %zu found only by nativecerts, %zu only by OpenSSL (of %zu/%zu)\n",
                what, only_ours, only_theirs, ours->n, theirs->n);
        nct_failures++;
    }
    CHECK(theirs->n > 0); /* a comparison of nothing proves nothing */
}

static const char *first_bundle(void)
{
    const nc__profile *p = nc__profile_find("linux");
    struct stat st;
    for (const char *const *f = p->bundles; *f; f++)
        if (stat(*f, &st) == 0) return *f;
    return NULL;
}

static nativecerts_result *load_files(const char *const *files, size_t n)
{
    nativecerts_options *o;
    nativecerts_result *r = NULL;
    CHECK(nativecerts_options_new(&o) == 0);
    nativecerts_options_set_skip_platform(o, 1);
    for (size_t i = 0; i < n; i++)
        nativecerts_options_add_file(o, files[i]);
    CHECK(nativecerts_load(o, &r) == 0);
    nativecerts_options_free(o);
    return r;
}

static int machine_bundle(void)
{
    const char *bundle = first_bundle();
    if (!bundle) return nct_skip("no bundle of the linux profile on this machine");
    nativecerts_result *r = load_files(&bundle, 1);
    der_set ours = {0}, theirs = {0};
    ours_found(&ours, r);
    openssl_add_file(&theirs, bundle);
    compare(&ours, &theirs, bundle);
    CHECK_EQ_SIZE(nativecerts_result_error_count(r), 0);
    nativecerts_result_free(r);
    set_free(&ours);
    set_free(&theirs);
    return nct_done();
}

/* A tiny deterministic generator, so that each run tests the same bundles (64-bit on
 * every target: the same bundles on a 32-bit one too). */
static uint64_t rng_state = 12345;
static unsigned rng(unsigned n)
{
    rng_state = rng_state * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
    return (unsigned)((rng_state >> 33) % n);
}

static int generated(void)
{
    const char *bundle = first_bundle();
    der_set pool = {0};
    if (bundle) openssl_add_file(&pool, bundle);
    const char *fixtures[] = {"root-a.der", "root-b.der", "root-c.der", "expired.der",
                              "not-yet-valid.der"};
    for (size_t i = 0; i < sizeof fixtures / sizeof *fixtures; i++) {
        size_t len;
        unsigned char *d = nct_fixture(fixtures[i], &len);
        set_add(&pool, d, len);
        free(d);
    }
    char dir[4096], path[4200];
    nct_tmpdir(dir, sizeof dir);
    for (int round = 0; round < 20; round++) {
        snprintf(path, sizeof path, "%s/bundle%d.pem", dir, round);
        FILE *f = fopen(path, "wb");
        if (!f) return perror(path), 99;
        unsigned count = 1 + rng(40);
        const char *eol = rng(2) ? "\n" : "\r\n";
        for (unsigned k = 0; k < count; k++) {
            size_t pick = rng((unsigned)pool.n);
            if (rng(3) == 0) fprintf(f, "# comment %u%s", k, eol);
            if (rng(4) == 0) fprintf(f, "subject=CN = something%s", eol);
            nct_put_pem(f, pool.der[pick], pool.len[pick],
                        rng(5) == 0 ? "X509 CERTIFICATE" : "CERTIFICATE", rng(2) ? 64 : 76, eol);
        }
        fclose(f);
        const char *files[] = {path};
        nativecerts_result *r = load_files(files, 1);
        der_set ours = {0}, theirs = {0};
        ours_found(&ours, r);
        openssl_add_file(&theirs, path);
        compare(&ours, &theirs, path);
        CHECK_EQ_SIZE(nativecerts_result_error_count(r), 0);
        nativecerts_result_free(r);
        set_free(&ours);
        set_free(&theirs);
    }
    nct_rmtree(dir);
    set_free(&pool);
    return nct_done();
}

/* The default load (no options, both variables unset) finds exactly what OpenSSL finds
 * in the same places: the first bundle of the profile and every regular file of its
 * directories; and it reads each distinct file once. */
static int default_load(void)
{
    unsetenv("SSL_CERT_FILE");
    unsetenv("SSL_CERT_DIR");
    const nc__profile *p = nc__profile_builtin();
    der_set theirs = {0};
    struct {
        dev_t dev;
        ino_t ino;
    } files[8192];
    size_t nfiles = 0;
    struct stat st;
    const char *bundle = NULL;
    for (const char *const *f = p->bundles; *f && !bundle; f++)
        if (stat(*f, &st) == 0) bundle = *f;
    if (bundle) {
        openssl_add_file(&theirs, bundle);
        files[nfiles].dev = st.st_dev;
        files[nfiles++].ino = st.st_ino;
    }
    for (const char *const *d = p->dirs; *d; d++) {
        DIR *dir = opendir(*d);
        if (!dir) continue;
        struct dirent *e;
        while ((e = readdir(dir))) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", *d, e->d_name);
            if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) continue;
            openssl_add_file(&theirs, path);
            size_t k = 0;
            while (k < nfiles && !(files[k].dev == st.st_dev && files[k].ino == st.st_ino))
                k++;
            if (k == nfiles && nfiles < sizeof files / sizeof *files) {
                files[nfiles].dev = st.st_dev;
                files[nfiles++].ino = st.st_ino;
            }
        }
        closedir(dir);
    }
    if (theirs.n == 0) return nct_skip("this machine's store is empty");
    nativecerts_result *r = NULL;
    CHECK(nativecerts_load(NULL, &r) == 0);
    CHECK(nativecerts_result_mode(r) == NATIVECERTS_MODE_PLATFORM);
    der_set ours = {0};
    ours_found(&ours, r);
    compare(&ours, &theirs, "default load");
    CHECK_EQ_SIZE(nativecerts_result_files_read(r), nfiles);
    nativecerts_result_free(r);
    set_free(&ours);
    set_free(&theirs);
    return nct_done();
}

int main(int argc, char **argv)
{
    if (argc == 2 && !strcmp(argv[1], "machine-bundle")) return machine_bundle();
    if (argc == 2 && !strcmp(argv[1], "generated")) return generated();
    if (argc == 2 && !strcmp(argv[1], "default-load")) return default_load();
    fprintf(stderr, "usage: test_openssl_diff machine-bundle|generated|default-load\n");
    return 99;
}
