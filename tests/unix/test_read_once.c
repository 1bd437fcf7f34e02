/* docs/files.md: the same file is read once per call, however many names lead to it
 * (the bundle that sits inside /etc/ssl/certs, hash links, *.pem links), and a file
 * reached in several roles (a trusted directory and an untrusted one) is read once and
 * applied in every role, so its distrust still wins.
 *
 *   test_read_once debian            ctest file_read_once
 *   test_read_once across-roles      ctest file_read_once_across_roles
 *   test_read_once named-then-distrusted  ctest file_read_once_named_then_distrusted
 *   test_read_once make-layout DIR   (for file_read_once_strace.sh) builds the Debian
 *                                    layout under DIR and prints the host paths of its
 *                                    four certificate files, one a line
 *   test_read_once load DIR [by-hand]  loads DIR as root with profile "linux" and
 *                                    prints "trusted=N files_read=N"
 *
 * Both cases run with the root resolved by the kernel (openat2) and by hand.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/options.h" /* resolve_by_hand: the test hook of the fallback resolver */
#include "core/profile.h" /* a profile of the test's own, for named-then-distrusted */
#include "test_support.h"

#define MOZILLA "/usr/share/ca-certificates/mozilla"
#define CERTS "/etc/ssl/certs"
#define BUNDLE CERTS "/ca-certificates.crt"

static const char *const names[3] = {"A", "B", "C"};
static const char *const pems[3] = {"root-a.pem", "root-b.pem", "root-c.pem"};
static const char *const ders[3] = {"root-a.der", "root-b.der", "root-c.der"};
static const char *const hashes[3] = {"1a2b3c4d.0", "5e6f7a8b.0", "9c0d1e2f.0"};

static void path_in(char *out, size_t n, const char *root, const char *rel)
{
    snprintf(out, n, "%s%s", root, rel);
}

/* Debian's layout, as update-ca-certificates leaves it:
 *   /usr/share/ca-certificates/mozilla/{A,B,C}.crt     the files (PEM)
 *   /etc/ssl/certs/{A,B,C}.pem -> /usr/share/.../X.crt absolute links
 *   /etc/ssl/certs/<hash>.0 -> X.pem                   relative links to the links
 *   /etc/ssl/certs/ca-certificates.crt                 the bundle of all three
 * Returns the total size of the four files. */
static size_t make_debian(const char *root)
{
    char p[4300], target[512];
    size_t total = 0, bundle_len = 0;
    unsigned char *bundle = NULL;
    for (int i = 0; i < 3; i++) {
        size_t len;
        unsigned char *pem = nct_fixture(pems[i], &len);
        snprintf(target, sizeof target, MOZILLA "/%s.crt", names[i]);
        path_in(p, sizeof p, root, target);
        nct_write(p, pem, len);
        total += len;
        char link[64];
        snprintf(link, sizeof link, CERTS "/%s.pem", names[i]);
        path_in(p, sizeof p, root, link);
        nct_symlink(target, p); /* absolute: resolved inside the root */
        snprintf(target, sizeof target, CERTS "/%s", hashes[i]);
        path_in(p, sizeof p, root, target);
        snprintf(link, sizeof link, "%s.pem", names[i]);
        nct_symlink(link, p);
        nct_append(&bundle, &bundle_len, pem, len);
        free(pem);
    }
    path_in(p, sizeof p, root, BUNDLE);
    nct_write(p, bundle, bundle_len);
    free(bundle);
    return total + bundle_len;
}

static nativecerts_result *load(const char *root, const char *profile, int by_hand)
{
    nativecerts_options *o = nct_layout_options(root, profile);
    if (by_hand) o->resolve_by_hand = 1;
    nativecerts_result *r = nct_load(o);
    nativecerts_options_free(o);
    return r;
}

static void test_debian(void)
{
    char root[4096];
    nct_tmpdir(root, sizeof root);
    size_t total = make_debian(root);
    for (int by_hand = 0; by_hand <= 1; by_hand++) {
        nativecerts_result *r = load(root, "linux", by_hand);
        int before = nct_failures;
        CHECK(nativecerts_result_mode(r) == NATIVECERTS_MODE_PLATFORM);
        CHECK_EQ_SIZE(nativecerts_result_count(r), 3);
        CHECK_EQ_SIZE(nativecerts_result_excluded_count(r), 0);
        CHECK_EQ_SIZE(nativecerts_result_error_count(r), 0);
        for (int i = 0; i < 3; i++) {
            size_t len;
            unsigned char *der = nct_fixture(ders[i], &len);
            long k = nct_find_trusted(r, der, len);
            CHECK(k >= 0);
            /* Provenance: the first source in load order, the bundle. */
            if (k >= 0) CHECK_STR(nativecerts_result_source(r, (size_t)k), BUNDLE);
            free(der);
        }
        /* The bundle, then the three mozilla files once each: 12 names, 4 reads. */
        CHECK_EQ_SIZE(nativecerts_result_files_read(r), 4);
        CHECK(nativecerts_result_bytes_read(r) == total);
        if (nativecerts_result_bytes_read(r) != total)
            fprintf(stderr, "bytes_read %llu, expected %zu\n",
                    (unsigned long long)nativecerts_result_bytes_read(r), total);
        long b = nct_find_source(r, BUNDLE);
        CHECK(b >= 0);
        if (b >= 0) {
            CHECK(nativecerts_result_source_status(r, (size_t)b) == NATIVECERTS_STATUS_USED);
            CHECK_EQ_SIZE(nativecerts_result_source_cert_count(r, (size_t)b), 3);
        }
        long d = nct_find_source(r, CERTS);
        CHECK(d >= 0);
        if (d >= 0)
            CHECK(nativecerts_result_source_status(r, (size_t)d) == NATIVECERTS_STATUS_USED);
        if (nct_failures != before) {
            fprintf(stderr, "^^ Debian layout [%s]\n", by_hand ? "by hand" : "kernel");
            nct_dump(r);
        }
        nativecerts_result_free(r);
    }
    nct_rmtree(root);
}

/* FreeBSD's certctl: /etc/ssl/certs trusted, /etc/ssl/untrusted distrusted. One file is
 * in the trusted directory and linked from the untrusted one: it is read once, and the
 * certificate is excluded as distrusted, by the untrusted directory. */
static void test_across_roles(void)
{
    char root[4096], p[4300];
    nct_tmpdir(root, sizeof root);
    size_t len_a, len_b;
    free(nct_fixture("root-a.pem", &len_a));
    free(nct_fixture("root-b.pem", &len_b));
    path_in(p, sizeof p, root, "/etc/ssl/certs/a.pem");
    nct_put_fixture("root-a.pem", p);
    path_in(p, sizeof p, root, "/etc/ssl/certs/b.pem");
    nct_put_fixture("root-b.pem", p);
    path_in(p, sizeof p, root, "/etc/ssl/untrusted/8f2e1a3b.0");
    nct_symlink("/etc/ssl/certs/b.pem", p);
    unsigned char *der_a, *der_b;
    size_t dl_a, dl_b;
    der_a = nct_fixture("root-a.der", &dl_a);
    der_b = nct_fixture("root-b.der", &dl_b);

    for (int by_hand = 0; by_hand <= 1; by_hand++) {
        nativecerts_result *r = load(root, "freebsd", by_hand);
        int before = nct_failures;
        CHECK_EQ_SIZE(nativecerts_result_count(r), 1);
        CHECK(nct_find_trusted(r, der_a, dl_a) >= 0);
        CHECK(nct_find_trusted(r, der_b, dl_b) < 0);
        CHECK_EQ_SIZE(nativecerts_result_excluded_count(r), 1);
        long x = nct_find_excluded(r, der_b, dl_b);
        CHECK(x >= 0);
        if (x >= 0) {
            CHECK(nativecerts_result_excluded_reason(r, (size_t)x) ==
                  NATIVECERTS_REASON_DISTRUSTED);
            /* The source that decided: the untrusted directory's entry, not the trusted
             * file that happened to be read first. */
            const char *src = nativecerts_result_excluded_source(r, (size_t)x);
            CHECK(src && strncmp(src, "/etc/ssl/untrusted/", 19) == 0);
        }
        CHECK_EQ_SIZE(nativecerts_result_error_count(r), 0);
        CHECK_EQ_SIZE(nativecerts_result_files_read(r), 2);
        CHECK(nativecerts_result_bytes_read(r) == len_a + len_b);
        long u = nct_find_source(r, "/etc/ssl/untrusted");
        CHECK(u >= 0);
        if (u >= 0) {
            CHECK(nativecerts_result_source_kind(r, (size_t)u) == NATIVECERTS_SOURCE_DISTRUST_DIR);
            CHECK(nativecerts_result_source_status(r, (size_t)u) == NATIVECERTS_STATUS_USED);
            CHECK_EQ_SIZE(nativecerts_result_source_cert_count(r, (size_t)u), 1);
        }
        if (nct_failures != before) {
            fprintf(stderr, "^^ across roles [%s]\n", by_hand ? "by hand" : "kernel");
            nct_dump(r);
        }
        nativecerts_result_free(r);
    }
    free(der_a);
    free(der_b);
    nct_rmtree(root);
}

/* A file opened by name in a trust role (a bundle candidate) that is also an entry of a
 * distrust directory read later: skipping the entry as "opened already" would lose its
 * distrust. No row of the table has such a pair, so the profile is the test's own. */
static void test_named_then_distrusted(void)
{
    static const char *const bundles[] = {"/etc/ssl/untrusted/b.pem", NULL};
    static const char *const dirs[] = {"/etc/ssl/certs", NULL};
    static const char *const untrusted[] = {"/etc/ssl/untrusted", NULL};
    static const nc__profile profile = {
        .name = "linux", .bundles = bundles, .dirs = dirs, .distrust_dirs = untrusted};
    char root[4096], p[4300];
    nct_tmpdir(root, sizeof root);
    path_in(p, sizeof p, root, "/etc/ssl/certs/a.pem");
    nct_put_fixture("root-a.pem", p);
    path_in(p, sizeof p, root, "/etc/ssl/untrusted/b.pem");
    nct_put_fixture("root-b.pem", p);
    size_t dl_a, dl_b;
    unsigned char *der_a = nct_fixture("root-a.der", &dl_a);
    unsigned char *der_b = nct_fixture("root-b.der", &dl_b);
    for (int by_hand = 0; by_hand <= 1; by_hand++) {
        nativecerts_options *o = nct_layout_options(root, "linux");
        o->profile = &profile;
        o->resolve_by_hand = by_hand;
        nativecerts_result *r = nct_load(o);
        nativecerts_options_free(o);
        int before = nct_failures;
        CHECK(nct_find_trusted(r, der_a, dl_a) >= 0);
        CHECK(nct_find_trusted(r, der_b, dl_b) < 0);
        long x = nct_find_excluded(r, der_b, dl_b);
        CHECK(x >= 0);
        if (x >= 0)
            CHECK(nativecerts_result_excluded_reason(r, (size_t)x) ==
                  NATIVECERTS_REASON_DISTRUSTED);
        CHECK_EQ_SIZE(nativecerts_result_files_read(r), 2); /* b.pem once, in both roles */
        CHECK_EQ_SIZE(nativecerts_result_error_count(r), 0);
        if (nct_failures != before) {
            fprintf(stderr, "^^ named then distrusted [%s]\n", by_hand ? "by hand" : "kernel");
            nct_dump(r);
        }
        nativecerts_result_free(r);
    }
    free(der_a);
    free(der_b);
    nct_rmtree(root);
}

int main(int argc, char **argv)
{
    const char *which = argc > 1 ? argv[1] : "";
    if (strcmp(which, "debian") == 0) {
        test_debian();
    } else if (strcmp(which, "across-roles") == 0) {
        test_across_roles();
    } else if (strcmp(which, "named-then-distrusted") == 0) {
        test_named_then_distrusted();
    } else if (strcmp(which, "make-layout") == 0 && argc == 3) {
        make_debian(argv[2]);
        for (int i = 0; i < 3; i++)
            printf("%s" MOZILLA "/%s.crt\n", argv[2], names[i]);
        printf("%s" BUNDLE "\n", argv[2]);
        return 0;
    } else if (strcmp(which, "load") == 0 && (argc == 3 || argc == 4)) {
        nativecerts_result *r = load(argv[2], "linux", argc == 4);
        printf("trusted=%zu files_read=%zu errors=%zu\n", nativecerts_result_count(r),
               nativecerts_result_files_read(r), nativecerts_result_error_count(r));
        nativecerts_result_free(r);
        return 0;
    } else {
        fprintf(stderr, "unknown case '%s'\n", which);
        return 2;
    }
    return nct_done();
}
