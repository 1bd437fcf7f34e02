/* Allocation failure (docs/fail-closed.md): this binary is linked with -Wl,--wrap=malloc,calloc,
 * realloc,free,fdopendir (see CMakeLists.txt), so that every allocation the library
 * makes, and the directory streams libc allocates for it, pass through the wrappers
 * (tests/support/alloc_wrap.c, and fdopendir's below). The library has no hook of its own:
 * production builds are untouched.
 *
 * For a full load of each layout, the allocation calls are counted once (N); then, for
 * every n in 1..N, the load runs again with the n-th call failing, once ("transient")
 * and from there on ("persistent"). Every run must return NATIVECERTS_ENOMEM with no
 * result, or a result that is a correct part of the full one: it trusts nothing that
 * the full load does not trust (a lost distrust source must never widen trust), every
 * error is well-formed, and when anything is missing an error says "out of memory".
 * Nothing may leak: the wrappers count live blocks, which must be zero after
 * nativecerts_result_free (and AddressSanitizer or valgrind check the rest).
 *
 *   test_alloc_failure layout      ctest alloc_failure_layout: bundle, directories,
 *                                  distrust directory, TRUSTED CERTIFICATE reject,
 *                                  broken files, option paths (FreeBSD profile)
 *   test_alloc_failure android     ctest alloc_failure_android: the APEX store, the
 *                                  user's added roots and removed list
 *   test_alloc_failure debian      ctest alloc_failure_debian: a copy of this machine's
 *                                  /etc/ssl/certs and /usr/share/ca-certificates
 *   test_alloc_failure options     ctest alloc_failure_options: the option setters
 *   test_alloc_failure name_hash   ctest alloc_failure_name_hash: the name hash of a name
 *                                  too large for its stack memory fails with ENOMEM and
 *                                  hash 0; a usual name allocates nothing
 *
 * Prints "alloc-failure POINTS" lines, the figures of the README. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc_wrap.h"
#include "tree_builder.h"
#include "result_checks.h"
#include "test_support.h"

DIR *__real_fdopendir(int fd);
DIR *__wrap_fdopendir(int fd);

/* malloc, calloc, realloc and free: tests/support/alloc_wrap.c. */
DIR *__wrap_fdopendir(int fd)
{
    if (nct_alloc_should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    /* The directory stream it allocates is the library's, freed by closedir(). */
    return __real_fdopendir(fd);
}

typedef struct der_list {
    char *fingerprint;
    size_t n;
    uint64_t *hash; /* of the trusted DER of the full load */
} der_list;

static int trusted_in_full(const der_list *full, const unsigned char *d, size_t len)
{
    uint64_t h = rel_hash(d, len);
    for (size_t i = 0; i < full->n; i++)
        if (full->hash[i] == h) return 1;
    return 0;
}

static int has_nomem_error(const nativecerts_result *r)
{
    for (size_t i = 0; i < nativecerts_result_error_count(r); i++)
        if (nativecerts_result_error_kind(r, i) == NATIVECERTS_ERROR_NOMEM ||
            nativecerts_result_error_errno(r, i) == ENOMEM)
            return 1;
    return 0;
}

/* One load in the window; returns the result (or NULL for ENOMEM) and its calls. */
static nativecerts_result *windowed_load(const nativecerts_options *o, int *rc)
{
    nativecerts_result *r = NULL;
    nct_alloc.calls = nct_alloc.live = 0;
    nct_alloc.armed = 1;
    *rc = nativecerts_load(o, &r);
    nct_alloc.armed = 0;
    return r;
}

static void windowed_free(nativecerts_result *r)
{
    nct_alloc.armed = 1;
    nativecerts_result_free(r);
    nct_alloc.armed = 0;
}

/* Runs the sweep over o, whose full load distrusts the fixture `distrust` (which a
 * trust place lists too): since no failing run may trust what the full load does not,
 * it is never trusted. Returns the number of failure points exercised. */
static long sweep(const nativecerts_options *o, const char *name, const char *distrust)
{
    int rc;
    nct_alloc.fail_at = 0;
    nativecerts_result *r = windowed_load(o, &rc);
    long n_calls = nct_alloc.calls;
    if (rc != NATIVECERTS_OK || !r) {
        fprintf(stderr, "%s: the full load failed (%d)\n", name, rc);
        exit(1);
    }
    der_list full = {rel_fingerprint(r), nativecerts_result_count(r), NULL};
    full.hash = malloc((full.n + 1) * sizeof *full.hash);
    if (!full.hash) exit(99);
    for (size_t i = 0; i < full.n; i++) {
        size_t len;
        const unsigned char *d = nativecerts_result_der(r, i, &len);
        full.hash[i] = rel_hash(d, len);
    }
    CHECK(full.n > 0);
    CHECK(!distrust || nct_excluded_reason(r, distrust) == NATIVECERTS_REASON_DISTRUSTED);
    windowed_free(r);
    CHECK(nct_alloc.live == 0);

    /* The same load twice is the same result: the baseline for "partial". */
    r = windowed_load(o, &rc);
    char *again = rel_fingerprint(r);
    CHECK_STR(again, full.fingerprint);
    free(again);
    windowed_free(r);

    long points = 0, enomem = 0, partial = 0, whole = 0;
    for (nct_alloc.persistent = 0; nct_alloc.persistent <= 1; nct_alloc.persistent++) {
        for (nct_alloc.fail_at = 1; nct_alloc.fail_at <= n_calls; nct_alloc.fail_at++) {
            nct_alloc.failed = 0;
            r = windowed_load(o, &rc);
            points++;
            char what[128];
            snprintf(what, sizeof what, "%s: allocation %ld of %ld failing%s", name,
                     nct_alloc.fail_at, n_calls,
                     nct_alloc.persistent ? " and every one after" : "");
            if (rc == NATIVECERTS_ENOMEM) {
                CHECK(r == NULL);
                enomem++;
            } else if (rc != NATIVECERTS_OK || !r) {
                fprintf(stderr, "%s: returned %d\n", what, rc);
                nct_failures++;
            } else {
                rel_check_errors(r, what);
                char *fp = rel_fingerprint(r);
                int same = strcmp(fp, full.fingerprint) == 0;
                for (size_t i = 0; i < nativecerts_result_count(r); i++) {
                    size_t len;
                    const unsigned char *d = nativecerts_result_der(r, i, &len);
                    if (!trusted_in_full(&full, d, len)) {
                        fprintf(stderr, "%s: trusts %s, which the full load does not trust\n", what,
                                nativecerts_result_source(r, i));
                        nct_failures++;
                    }
                }
                if (!same && !has_nomem_error(r)) {
                    fprintf(stderr, "%s: a different result without an out-of-memory error\n",
                            what);
                    nct_dump(r);
                    nct_failures++;
                }
                if (nct_alloc.failed && same) {
                    /* A failure that changed nothing: only possible where the library
                     * tolerates it by design (none today), so say so. */
                    fprintf(stderr, "%s: failed silently, result unchanged\n", what);
                    nct_failures++;
                }
                same ? whole++ : partial++;
                free(fp);
            }
            windowed_free(r);
            if (nct_alloc.live != 0) {
                fprintf(stderr, "%s: %ld blocks leaked\n", what, nct_alloc.live);
                nct_failures++;
            }
        }
    }
    printf("alloc-failure %s: %ld allocation calls per load, %ld failure points: %ld "
           "out-of-memory, %ld partial results, %ld whole\n",
           name, n_calls, points, enomem, partial, whole);
    free(full.fingerprint);
    free(full.hash);
    return points;
}

static char tmp[4096];

/* FreeBSD's profile has every kind of place: a bundle, two directories, and the
 * untrusted directory whose certificates are distrusted (tree_builder.c); plus option paths. */
static int layout(void)
{
    nct_tmpdir(tmp, sizeof tmp);
    rel_make_mixed_layout(tmp);
    nativecerts_options *o = nct_layout_options(tmp, "freebsd");
    nativecerts_options_add_file(o, "/opt/extra/a.pem");
    nativecerts_options_add_dir(o, "/opt/extradir");
    nativecerts_options_add_file(o, "/opt/missing.pem");
    nativecerts_options_set_skip_expired(o, 1);
    nativecerts_options_set_time(o, 1700000000);
    long points = sweep(o, "layout", "root-c.der"); /* in /etc/ssl/untrusted */
    nativecerts_options_free(o);
    nct_rmtree(tmp);
    printf("alloc-failure total: %ld points\n", points);
    return nct_done();
}

/* This machine's Debian store, copied into a root (links and all). */
static int debian(void)
{
    if (access("/etc/ssl/certs/ca-certificates.crt", R_OK) != 0 ||
        access("/usr/share/ca-certificates", R_OK) != 0)
        return nct_skip("no Debian store on this machine");
    nct_tmpdir(tmp, sizeof tmp);
    char cmd[32768];
    snprintf(
        cmd, sizeof cmd,
        "mkdir -p '%s/etc/ssl' '%s/usr/share' '%s/usr/local/share' && "
        "cp -a /etc/ssl/certs '%s/etc/ssl/' && cp -a /usr/share/ca-certificates '%s/usr/share/' "
        "&& { [ ! -d /usr/local/share/ca-certificates ] || "
        "cp -a /usr/local/share/ca-certificates '%s/usr/local/share/'; }",
        tmp, tmp, tmp, tmp, tmp, tmp);
    if (system(cmd) != 0) return nct_skip("cannot copy the store");
    nativecerts_options *o = nct_layout_options(tmp, "linux");
    long points = sweep(o, "debian", NULL);
    nativecerts_options_free(o);
    nct_rmtree(tmp);
    printf("alloc-failure total: %ld points\n", points);
    return nct_done();
}

/* Android: root-c is in the APEX store and in the user's removed list. */
static int android(void)
{
    nct_tmpdir(tmp, sizeof tmp);
    rel_put(tmp, "/apex/com.android.conscrypt/cacerts/0a0a0a0a.0",
            (const char *const[]){"root-a.pem", NULL});
    rel_put(tmp, "/apex/com.android.conscrypt/cacerts/0c0c0c0c.0",
            (const char *const[]){"root-c.pem", NULL});
    rel_put(tmp, "/data/misc/user/0/cacerts-added/0b0b0b0b.0",
            (const char *const[]){"root-b.der", NULL});
    rel_put(tmp, "/data/misc/user/0/cacerts-removed/0c0c0c0c.0",
            (const char *const[]){"root-c.der", NULL});
    nativecerts_options *o = nct_layout_options(tmp, "android");
    long points = sweep(o, "android", "root-c.der");
    nativecerts_options_free(o);
    nct_rmtree(tmp);
    printf("alloc-failure total: %ld points\n", points);
    return nct_done();
}

/* Each setter under failure: ENOMEM, nothing leaked, the options still usable. */
static int options(void)
{
    long points = 0;
    for (nct_alloc.persistent = 0; nct_alloc.persistent <= 1; nct_alloc.persistent++) {
        for (nct_alloc.fail_at = 1; nct_alloc.fail_at <= 8; nct_alloc.fail_at++) {
            nct_alloc.calls = nct_alloc.live = 0;
            nct_alloc.armed = 1;
            nativecerts_options *o = NULL;
            int rc = nativecerts_options_new(&o);
            if (rc == NATIVECERTS_OK) {
                int r1 = nativecerts_options_add_file(o, "/a.pem");
                int r2 = nativecerts_options_add_dir(o, "/d");
                int r3 = nativecerts_options_set_root(o, "/nonexistent-root");
                for (int i = 0; i < 5; i++)
                    nativecerts_options_add_file(o, "/more.pem");
                CHECK(r1 == NATIVECERTS_OK || r1 == NATIVECERTS_ENOMEM);
                CHECK(r2 == NATIVECERTS_OK || r2 == NATIVECERTS_ENOMEM);
                CHECK(r3 == NATIVECERTS_OK || r3 == NATIVECERTS_ENOMEM);
                nativecerts_result *r = NULL;
                rc = nativecerts_load(o, &r);
                CHECK(rc == NATIVECERTS_OK || rc == NATIVECERTS_ENOMEM);
                CHECK((rc == NATIVECERTS_OK) == (r != NULL));
                nativecerts_result_free(r);
                nativecerts_options_free(o);
            } else {
                CHECK(rc == NATIVECERTS_ENOMEM);
            }
            nct_alloc.armed = 0;
            points++;
            if (nct_alloc.live != 0) {
                fprintf(stderr, "options: call %ld failing: %ld blocks leaked\n", nct_alloc.fail_at,
                        nct_alloc.live);
                nct_failures++;
            }
        }
    }
    printf("alloc-failure total: %ld points\n", points);
    return nct_done();
}

/* Tag, then a length of two bytes (long form). */
static uint8_t *header2(uint8_t *p, uint8_t tag, size_t len)
{
    *p++ = tag;
    *p++ = 0x82;
    *p++ = (uint8_t)(len >> 8);
    *p++ = (uint8_t)len;
    return p;
}

/* A Name of one commonName of n 'x' (256 <= n < 60000) into out; returns its length. */
static size_t long_name(uint8_t *out, size_t n)
{
    static const uint8_t cn[] = {0x06, 0x03, 0x55, 0x04, 0x03};
    size_t atv = sizeof cn + 4 + n, set = 4 + atv, name = 4 + set;
    uint8_t *p = header2(header2(header2(out, 0x30, name), 0x31, set), 0x30, atv);
    memcpy(p, cn, sizeof cn);
    p = header2(p + sizeof cn, 0x0C, n);
    memset(p, 'x', n);
    return (size_t)(p + n - out);
}

static int name_hash(void)
{
    static uint8_t big[2048], small[300];
    size_t big_len = long_name(big, 1500), small_len = long_name(small, 256);
    uint32_t whole = 0, h;
    long points = 0;
    nct_alloc.fail_at = 0;
    nct_alloc.calls = nct_alloc.live = 0;
    nct_alloc.armed = 1;
    CHECK(nativecerts_name_hash(big, big_len, &whole) == NATIVECERTS_OK);
    nct_alloc.armed = 0;
    long n_calls = nct_alloc.calls;
    CHECK(n_calls > 0 && nct_alloc.live == 0);
    for (nct_alloc.persistent = 0; nct_alloc.persistent <= 1; nct_alloc.persistent++) {
        for (nct_alloc.fail_at = 1; nct_alloc.fail_at <= n_calls; nct_alloc.fail_at++, points++) {
            nct_alloc.calls = nct_alloc.live = 0;
            h = 1;
            nct_alloc.armed = 1;
            int rc = nativecerts_name_hash(big, big_len, &h);
            nct_alloc.armed = 0;
            CHECK(rc == NATIVECERTS_ENOMEM && h == 0 && nct_alloc.live == 0);
        }
    }
    nct_alloc.fail_at = 0;
    nct_alloc.calls = 0;
    nct_alloc.armed = 1;
    CHECK(nativecerts_name_hash(small, small_len, &h) == NATIVECERTS_OK);
    nct_alloc.armed = 0;
    CHECK(nct_alloc.calls == 0);
    printf("alloc-failure name_hash: %ld allocation calls, %ld points\n", n_calls, points);
    return nct_done();
}

int main(int argc, char **argv)
{
    const char *c = argc > 1 ? argv[1] : "";
    if (!strcmp(c, "layout")) return layout();
    if (!strcmp(c, "debian")) return debian();
    if (!strcmp(c, "android")) return android();
    if (!strcmp(c, "options")) return options();
    if (!strcmp(c, "name_hash")) return name_hash();
    fprintf(stderr, "usage: %s layout|android|debian|options|name_hash\n", argv[0]);
    return 2;
}
