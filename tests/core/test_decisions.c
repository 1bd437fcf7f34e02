/* The core's decisions (contract §1, §6): distrust wins across sources, a purpose-
 * restricted root loses only to nothing, the validity filter, and sorted unique output.
 * Each case is its own ctest:  test_decisions CASE */
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

static char dir[4096];

/* Writes each fixture to its own file in dir and loads exactly those files, in order. */
static nativecerts_result *load_fixtures(const char *const *fixtures, size_t n, int skip_expired,
                                         int64_t at)
{
    nativecerts_options *o;
    CHECK(nativecerts_options_new(&o) == 0);
    nativecerts_options_set_skip_platform(o, 1);
    for (size_t i = 0; i < n; i++) {
        char path[4200];
        snprintf(path, sizeof path, "%s/%zu-%s", dir, i, fixtures[i]);
        nct_put_fixture(fixtures[i], path);
        nativecerts_options_add_file(o, path);
    }
    if (skip_expired) nativecerts_options_set_skip_expired(o, 1);
    if (at) nativecerts_options_set_time(o, at);
    nativecerts_result *r = NULL;
    CHECK(nativecerts_load(o, &r) == 0);
    nativecerts_options_free(o);
    CHECK_EQ_SIZE(nativecerts_result_error_count(r), 0);
    return r;
}

/* Checks that fixture `cert` is excluded with reason, by the file holding fixture `by`. */
static void expect_excluded(const nativecerts_result *r, const char *cert,
                            nativecerts_reason reason, const char *by)
{
    char name[256];
    snprintf(name, sizeof name, "%s.der", cert);
    size_t len;
    unsigned char *der = nct_fixture(name, &len);
    long i = nct_find_excluded(r, der, len);
    CHECK(i >= 0);
    CHECK(nct_find_trusted(r, der, len) < 0);
    if (i >= 0) {
        CHECK(nativecerts_result_excluded_reason(r, (size_t)i) == reason);
        const char *src = nativecerts_result_excluded_source(r, (size_t)i);
        CHECK(src && strstr(src, by) != NULL);
    }
    free(der);
}

static void expect_trusted(const nativecerts_result *r, const char *cert, const char *by)
{
    char name[256];
    snprintf(name, sizeof name, "%s.der", cert);
    size_t len;
    unsigned char *der = nct_fixture(name, &len);
    long i = nct_find_trusted(r, der, len);
    CHECK(i >= 0);
    CHECK(nct_find_excluded(r, der, len) < 0);
    if (i >= 0) {
        const char *src = nativecerts_result_source(r, (size_t)i);
        CHECK(src && strstr(src, by) != NULL);
    }
    free(der);
}

static void distrust_wins_across_sources(void)
{
    /* Either order: the reject in one file beats the plain root in the other. */
    const char *a[] = {"root-b.pem", "root-b.reject-server.pem"};
    nativecerts_result *r = load_fixtures(a, 2, 0, 0);
    expect_excluded(r, "root-b", NATIVECERTS_REASON_DISTRUSTED, "root-b.reject-server.pem");
    CHECK_EQ_SIZE(nativecerts_result_count(r), 0);
    nativecerts_result_free(r);
    const char *b[] = {"root-b.reject-server.pem", "root-b.pem", "root-a.pem"};
    r = load_fixtures(b, 3, 0, 0);
    expect_excluded(r, "root-b", NATIVECERTS_REASON_DISTRUSTED, "root-b.reject-server.pem");
    expect_trusted(r, "root-a", "root-a.pem");
    nativecerts_result_free(r);
    /* anyExtendedKeyUsage in the reject list distrusts too. */
    const char *c[] = {"root-a.pem", "root-a.reject-any.pem"};
    r = load_fixtures(c, 2, 0, 0);
    expect_excluded(r, "root-a", NATIVECERTS_REASON_DISTRUSTED, "root-a.reject-any.pem");
    nativecerts_result_free(r);
}

static void not_for_server_auth(void)
{
    const char *alone[] = {"root-c.trust-client.pem"};
    nativecerts_result *r = load_fixtures(alone, 1, 0, 0);
    expect_excluded(r, "root-c", NATIVECERTS_REASON_NOT_FOR_SERVER_AUTH, "root-c.trust-client.pem");
    nativecerts_result_free(r);
    /* Trusted by another source: trusted (only distrust overrides). */
    const char *both[] = {"root-c.trust-client.pem", "root-c.pem"};
    r = load_fixtures(both, 2, 0, 0);
    expect_trusted(r, "root-c", "1-root-c.pem");
    nativecerts_result_free(r);
}

static void trusted_certificate_trust_lists(void)
{
    const char *f[] = {"root-a.trust-server.pem", "root-b.trust-any.pem",
                       "root-c.trustout-plain.pem"};
    nativecerts_result *r = load_fixtures(f, 3, 0, 0);
    expect_trusted(r, "root-a", "root-a.trust-server.pem");
    expect_trusted(r, "root-b", "root-b.trust-any.pem");
    expect_trusted(r, "root-c", "root-c.trustout-plain.pem");
    CHECK_EQ_SIZE(nativecerts_result_excluded_count(r), 0);
    nativecerts_result_free(r);
}

static void validity_filter(void)
{
    const char *f[] = {"root-a.pem", "expired.pem", "not-yet-valid.pem"};
    /* Off by default: all three trusted. */
    nativecerts_result *r = load_fixtures(f, 3, 0, 0);
    CHECK_EQ_SIZE(nativecerts_result_count(r), 3);
    nativecerts_result_free(r);
    /* 2026-01-01T00:00:00Z */
    r = load_fixtures(f, 3, 1, 1767225600);
    expect_trusted(r, "root-a", "root-a.pem");
    expect_excluded(r, "expired", NATIVECERTS_REASON_EXPIRED, "expired.pem");
    expect_excluded(r, "not-yet-valid", NATIVECERTS_REASON_NOT_YET_VALID, "not-yet-valid.pem");
    nativecerts_result_free(r);
    /* 2095-01-01T00:00:00Z: the late root is valid then. */
    r = load_fixtures(f, 3, 1, 3944678400);
    expect_trusted(r, "not-yet-valid", "not-yet-valid.pem");
    expect_excluded(r, "expired", NATIVECERTS_REASON_EXPIRED, "expired.pem");
    nativecerts_result_free(r);
    /* A distrusted root stays "distrusted", whatever its validity. */
    const char *g[] = {"root-b.reject-server.pem"};
    r = load_fixtures(g, 1, 1, 4200000000);
    expect_excluded(r, "root-b", NATIVECERTS_REASON_DISTRUSTED, "root-b.reject-server.pem");
    nativecerts_result_free(r);
}

static int der_cmp(const unsigned char *a, size_t al, const unsigned char *b, size_t bl)
{
    int c = memcmp(a, b, al < bl ? al : bl);
    return c ? c : (al > bl) - (al < bl);
}

static void sorted_unique_output(void)
{
    const char *one[] = {"root-c.pem", "root-a.der", "root-b.pem",
                         "root-a.pem", "root-c.der", "expired.pem"};
    const char *two[] = {"expired.der", "root-b.der", "root-c.pem", "root-a.pem"};
    nativecerts_result *r1 = load_fixtures(one, 6, 0, 0);
    nativecerts_result *r2 = load_fixtures(two, 4, 0, 0);
    CHECK_EQ_SIZE(nativecerts_result_count(r1), 4);
    CHECK_EQ_SIZE(nativecerts_result_count(r2), 4);
    for (size_t i = 0; i < nativecerts_result_count(r1); i++) {
        size_t l1, l2;
        const unsigned char *d1 = nativecerts_result_der(r1, i, &l1);
        const unsigned char *d2 = nativecerts_result_der(r2, i, &l2);
        CHECK(d2 && der_cmp(d1, l1, d2, l2) == 0); /* same order whatever the input order */
        if (i > 0) {
            size_t lp;
            const unsigned char *dp = nativecerts_result_der(r1, i - 1, &lp);
            CHECK(der_cmp(dp, lp, d1, l1) < 0); /* strictly increasing: sorted and unique */
        }
    }
    /* Provenance is the first source in load order. */
    expect_trusted(r1, "root-a", "1-root-a.der");
    nativecerts_result_free(r1);
    nativecerts_result_free(r2);
}

int main(int argc, char **argv)
{
    if (argc != 2) return 99;
    nct_tmpdir(dir, sizeof dir);
    const char *c = argv[1];
    if (!strcmp(c, "distrust_wins_across_sources"))
        distrust_wins_across_sources();
    else if (!strcmp(c, "not_for_server_auth"))
        not_for_server_auth();
    else if (!strcmp(c, "trusted_certificate_trust_lists"))
        trusted_certificate_trust_lists();
    else if (!strcmp(c, "validity_filter"))
        validity_filter();
    else if (!strcmp(c, "sorted_unique_output"))
        sorted_unique_output();
    else
        return fprintf(stderr, "unknown case %s\n", c), 99;
    nct_rmtree(dir);
    return nct_done();
}
