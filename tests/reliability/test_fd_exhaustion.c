/* Out of descriptors while a distrust place is read. A process near RLIMIT_NOFILE (a
 * busy server) loads a store in which a root is trusted by one place and distrusted by
 * another. Opening the distrust place, or a file in it, fails with EMFILE: the load
 * must fail as a whole (NATIVECERTS_ERESOURCE, no result) — never return the root as
 * trusted because its distrust could not be read.
 *
 * Deterministic: the soft limit is lowered step by step from the first free descriptor
 * upwards, so that the load's opens fail in turn, until a limit lets the whole load
 * through. For every limit the load returns ERESOURCE with no result, or the same
 * result as without a limit. Both resolvers of the root option are run (the by-hand
 * one opens a descriptor per path component). The trusted roots come from a bundle,
 * which needs fewer descriptors than a file in a directory, so that at some limit the
 * first open to fail is one in the distrust place: a witness layout, the same without
 * the distrust place's entries, loads whole at that limit, which proves it.
 *
 *   test_fd_exhaustion freebsd   /etc/ssl/untrusted distrusts a root of the bundle
 *   test_fd_exhaustion netbsd    /etc/openssl/untrusted, a link to the distrusted file
 *   test_fd_exhaustion android   cacerts-removed disables a root of the APEX store */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "core/options.h" /* resolve_by_hand */
#include "tree_builder.h"
#include "result_checks.h"
#include "test_support.h"

#define FIXTURES(...) ((const char *const[]){__VA_ARGS__, NULL})

static char tmp[4096], witness[4096];

/* The layout of profile under root; with_distrust: the distrust place's entries too
 * (else the place is an empty directory). */
static void make(const char *root, const char *profile, int with_distrust)
{
    char path[4400];
    if (!strcmp(profile, "freebsd")) {
        rel_put(root, "/etc/ssl/cert.pem", FIXTURES("root-a.pem", "root-b.pem", "root-c.pem"));
        snprintf(path, sizeof path, "%s/etc/ssl/untrusted", root);
        nct_mkdir(path);
        if (!with_distrust) return;
        rel_put(root, "/etc/ssl/untrusted/0a.pem", FIXTURES("expired.pem"));
        rel_put(root, "/etc/ssl/untrusted/0c.pem", FIXTURES("root-c.pem"));
    } else if (!strcmp(profile, "netbsd")) {
        rel_put(root, "/etc/openssl/certs/ca-certificates.crt",
                FIXTURES("root-a.pem", "root-b.pem", "root-c.pem"));
        rel_put(root, "/usr/share/certs/mozilla/server/C.pem", FIXTURES("root-c.pem"));
        snprintf(path, sizeof path, "%s/etc/openssl/untrusted", root);
        nct_mkdir(path);
        if (!with_distrust) return;
        rel_put(root, "/etc/openssl/untrusted/0a.pem", FIXTURES("expired.pem"));
        rel_link(root, "/usr/share/certs/mozilla/server/C.pem",
                 "/etc/openssl/untrusted/0c0c0c0c.0");
    } else {
        rel_put(root, "/apex/com.android.conscrypt/cacerts/0a0a0a0a.0", FIXTURES("root-a.pem"));
        rel_put(root, "/apex/com.android.conscrypt/cacerts/0c0c0c0c.0", FIXTURES("root-c.pem"));
        rel_put(root, "/apex/com.android.conscrypt/cacerts/0b0b0b0b.0", FIXTURES("root-b.pem"));
        snprintf(path, sizeof path, "%s/data/misc/user/0/cacerts-removed", root);
        nct_mkparents(path);
        nct_mkdir(path);
        if (!with_distrust) return;
        rel_put(root, "/data/misc/user/0/cacerts-removed/0a.0", FIXTURES("expired.der"));
        rel_put(root, "/data/misc/user/0/cacerts-removed/0c0c0c0c.0", FIXTURES("root-c.der"));
    }
}

static int lowest_free_fd(void)
{
    int fd = dup(0);
    if (fd < 0) exit(99);
    close(fd);
    return fd;
}

static int c_trusted(const nativecerts_result *r)
{
    return nct_find_trusted_fixture(r, "root-c.der") >= 0;
}

/* nativecerts_load(o) with the soft limit at `limit` descriptors. */
static int limited_load(const nativecerts_options *o, int limit, nativecerts_result **r)
{
    struct rlimit old;
    if (getrlimit(RLIMIT_NOFILE, &old) != 0) exit(99);
    struct rlimit low = {(rlim_t)limit, old.rlim_max};
    if (setrlimit(RLIMIT_NOFILE, &low) != 0) exit(99);
    int rc = nativecerts_load(o, r);
    if (setrlimit(RLIMIT_NOFILE, &old) != 0) exit(99);
    return rc;
}

static nativecerts_options *options(const char *root, const char *profile, int by_hand)
{
    nativecerts_options *o = nct_layout_options(root, profile);
    o->resolve_by_hand = by_hand;
    return o;
}

/* Lowers the limit from the first free descriptor until a load goes through. Returns
 * how many limits failed the load in the distrust place (the witness loads whole). */
static int sweep(const char *profile, int by_hand)
{
    nativecerts_options *o = options(tmp, profile, by_hand);
    nativecerts_options *w = options(witness, profile, by_hand);
    nativecerts_result *full = nct_load(o);
    CHECK(!c_trusted(full));
    CHECK(nativecerts_result_count(full) == 2);
    CHECK(nativecerts_result_error_count(full) == 0);
    char *want = rel_fingerprint(full);
    nativecerts_result_free(full);

    int base = lowest_free_fd(), resource = 0, in_distrust = 0, whole = 0;
    for (int extra = 0; extra < 64 && !whole; extra++) {
        nativecerts_result *r = NULL;
        int rc = limited_load(o, base + extra, &r);
        char what[160];
        snprintf(what, sizeof what, "%s, %s resolver, %d descriptors free", profile,
                 by_hand ? "by-hand" : "kernel", extra);
        if (rc == NATIVECERTS_ERESOURCE) {
            CHECK(r == NULL);
            resource++;
            nativecerts_result *wr = NULL;
            if (limited_load(w, base + extra, &wr) == NATIVECERTS_OK) in_distrust++;
            nativecerts_result_free(wr);
        } else if (rc != NATIVECERTS_OK || !r) {
            fprintf(stderr, "%s: returned %d\n", what, rc);
            nct_failures++;
        } else {
            char *got = rel_fingerprint(r);
            if (c_trusted(r)) {
                fprintf(stderr, "%s: the distrusted root is trusted\n", what);
                nct_failures++;
            }
            if (strcmp(got, want) != 0) {
                fprintf(stderr, "%s: a result that differs from the full one\n", what);
                nct_dump(r);
                nct_failures++;
            }
            whole = strcmp(got, want) == 0; /* else go on: the next limits say more */
            free(got);
        }
        nativecerts_result_free(r);
        CHECK(lowest_free_fd() == base); /* nothing leaked by a failed load */
    }
    CHECK(resource > 0 && whole);
    printf("fd-exhaustion %s (%s resolver): %d limits ERESOURCE, %d of them in the distrust "
           "place, then whole\n",
           profile, by_hand ? "by-hand" : "kernel", resource, in_distrust);
    free(want);
    nativecerts_options_free(o);
    nativecerts_options_free(w);
    return in_distrust;
}

int main(int argc, char **argv)
{
    const char *p = argc == 2 ? argv[1] : "";
    if (strcmp(p, "freebsd") && strcmp(p, "netbsd") && strcmp(p, "android"))
        return fprintf(stderr, "usage: %s freebsd|netbsd|android\n", argv[0]), 2;
    nct_tmpdir(tmp, sizeof tmp);
    nct_tmpdir(witness, sizeof witness);
    make(tmp, p, 1);
    make(witness, p, 0);
    /* The case was met: a limit at which only the distrust place's opens fail.
     * (With the kernel resolver, Android's APEX files need as many descriptors as those
     * of cacerts-removed and fail first; the by-hand resolver's deeper walk shows it.) */
    int in_distrust = sweep(p, 0);
    in_distrust += sweep(p, 1);
    CHECK(in_distrust > 0);
    nct_rmtree(tmp);
    nct_rmtree(witness);
    return nct_done();
}
