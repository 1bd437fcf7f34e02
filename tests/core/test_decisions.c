/* The core's decisions (docs/trust.md, docs/loading.md): distrust wins across sources, a purpose-
 * restricted root loses only to nothing, a root's own extendedKeyUsage, the validity
 * filter, sorted unique output, and a damaged file in a distrust place that still
 * distrusts the certificate it holds. Each case is its own ctest:  test_decisions CASE */
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

static void certificate_eku_not_for_server_auth(void)
{
    /* A root's own extendedKeyUsage without serverAuth or anyExtendedKeyUsage restricts it
     * wherever it is trusted, however many sources trust it. */
    const char *f[] = {"eku-client.pem", "eku-email.der", "eku-server-client.pem", "eku-any.pem",
                       "eku-client.der"};
    nativecerts_result *r = load_fixtures(f, 5, 0, 0);
    expect_excluded(r, "eku-client", NATIVECERTS_REASON_NOT_FOR_SERVER_AUTH, "0-eku-client.pem");
    expect_excluded(r, "eku-email", NATIVECERTS_REASON_NOT_FOR_SERVER_AUTH, "eku-email.der");
    expect_trusted(r, "eku-server-client", "eku-server-client.pem");
    expect_trusted(r, "eku-any", "eku-any.pem");
    CHECK_EQ_SIZE(nativecerts_result_count(r), 2);
    CHECK_EQ_SIZE(nativecerts_result_excluded_count(r), 2);
    nativecerts_result_free(r);
}

static void explicit_trust_overrides_certificate_eku(void)
{
    /* A TRUSTED CERTIFICATE trust list naming serverAuth or anyExtendedKeyUsage trusts
     * the clientAuth-only root, as OpenSSL's verifier does; trust data without a trust
     * list does not. */
    const char *named[] = {"eku-client.pem", "eku-client.trust-server.pem"};
    nativecerts_result *r = load_fixtures(named, 2, 0, 0);
    expect_trusted(r, "eku-client", "1-eku-client.trust-server.pem");
    nativecerts_result_free(r);
    const char *any[] = {"eku-client.trust-any.pem"};
    r = load_fixtures(any, 1, 0, 0);
    expect_trusted(r, "eku-client", "eku-client.trust-any.pem");
    nativecerts_result_free(r);
    const char *alias[] = {"eku-client.aux-alias.pem"};
    r = load_fixtures(alias, 1, 0, 0);
    expect_excluded(r, "eku-client", NATIVECERTS_REASON_NOT_FOR_SERVER_AUTH,
                    "eku-client.aux-alias.pem");
    nativecerts_result_free(r);
}

/* r has exactly n errors, each a parse error whose message holds text. */
static void expect_parse_errors(const nativecerts_result *r, size_t n, const char *text)
{
    CHECK_EQ_SIZE(nativecerts_result_error_count(r), n);
    for (size_t i = 0; i < nativecerts_result_error_count(r); i++) {
        CHECK(nativecerts_result_error_kind(r, i) == NATIVECERTS_ERROR_PARSE);
        CHECK(strstr(nativecerts_result_error_message(r, i), text) != NULL);
    }
}

/* Fixture name's bytes written to root + path. */
static void put(const char *root, const char *path, const char *name)
{
    char full[4400];
    snprintf(full, sizeof full, "%s%s", root, path);
    nct_mkparents(full);
    nct_put_fixture(name, full);
}

/* One PEM block of label holding fixture name's DER followed by tail[0..n). */
static void put_block(const char *root, const char *path, const char *name, const char *label,
                      const unsigned char *tail, size_t n)
{
    char full[4400];
    size_t len;
    unsigned char *der = nct_fixture(name, &len);
    der = realloc(der, len + n);
    CHECK(der != NULL);
    memcpy(der + len, tail, n);
    snprintf(full, sizeof full, "%s%s", root, path);
    nct_mkparents(full);
    FILE *f = fopen(full, "wb");
    CHECK(f != NULL);
    nct_put_pem(f, der, len + n, label, 64, "\n");
    fclose(f);
    free(der);
}

static void malformed_eku_is_a_parse_error(void)
{
    char root[4400];
    snprintf(root, sizeof root, "%s/files", dir);
    put(root, "/eku.pem", "malformed/eku-malformed.pem");
    put(root, "/eku.der", "malformed/eku-malformed.der");
    nativecerts_options *o;
    CHECK(nativecerts_options_new(&o) == 0);
    nativecerts_options_set_skip_platform(o, 1);
    char path[4500];
    snprintf(path, sizeof path, "%s/eku.pem", root);
    nativecerts_options_add_file(o, path);
    snprintf(path, sizeof path, "%s/eku.der", root);
    nativecerts_options_add_file(o, path);
    nativecerts_result *r = nct_load(o);
    nativecerts_options_free(o);
    CHECK_EQ_SIZE(nativecerts_result_count(r), 0);
    CHECK_EQ_SIZE(nativecerts_result_excluded_count(r), 0);
    expect_parse_errors(r, 2, "malformed extended key usage");
    nativecerts_result_free(r);
}

/* In a distrust place (FreeBSD's /etc/ssl/untrusted), damage after a certificate (bytes
 * after the DER, or inside a PEM block; damaged trust data; a malformed extendedKeyUsage,
 * which d2i_X509 does not read) does not lose the distrust: the certificate is distrusted,
 * the damage is reported, and the place stays complete. Valid trust data naming serverAuth
 * does not make a distrusted certificate trusted either. */
static void damaged_distrust_file_still_distrusts(void)
{
    static const unsigned char zero[] = {0};
    /* Trust data (trust list: serverAuth), then a byte after it. */
    static const unsigned char bad_aux[] = {0x30, 0x0c, 0x30, 0x0a, 0x06, 0x08, 0x2b, 0x06,
                                            0x01, 0x05, 0x05, 0x07, 0x03, 0x01, 0x00};
    char root[4400], path[4500];
    snprintf(root, sizeof root, "%s/freebsd", dir);
    snprintf(path, sizeof path, "%s/etc/ssl/cert.pem", root);
    nct_mkparents(path);
    FILE *bundle = fopen(path, "wb");
    CHECK(bundle != NULL);
    const char *trusted[] = {"root-a.pem", "root-b.pem", "root-c.pem",
                             "eku-client.trust-server.pem", "eku-any.pem"};
    for (size_t i = 0; i < sizeof trusted / sizeof *trusted; i++) {
        size_t len;
        unsigned char *text = nct_fixture(trusted[i], &len);
        fwrite(text, 1, len, bundle);
        free(text);
    }
    fclose(bundle);
    size_t len;
    unsigned char *der = nct_fixture("root-a.der", &len);
    der = realloc(der, len + 1);
    CHECK(der != NULL);
    der[len] = '\n';
    snprintf(path, sizeof path, "%s/etc/ssl/untrusted/a.der", root);
    nct_mkparents(path);
    nct_write(path, der, len + 1);
    free(der);
    put_block(root, "/etc/ssl/untrusted/b.pem", "root-b.der", "CERTIFICATE", zero, 1);
    put_block(root, "/etc/ssl/untrusted/c.pem", "root-c.der", "TRUSTED CERTIFICATE", bad_aux,
              sizeof bad_aux);
    put_block(root, "/etc/ssl/untrusted/d.pem", "malformed/eku-malformed.der", "CERTIFICATE", zero,
              0);
    put(root, "/etc/ssl/untrusted/e.pem", "eku-client.trust-server.pem");

    nativecerts_options *o = nct_layout_options(root, "freebsd");
    nativecerts_result *r = nct_load(o);
    nativecerts_options_free(o);
    expect_excluded(r, "root-a", NATIVECERTS_REASON_DISTRUSTED, "/etc/ssl/untrusted/a.der");
    expect_excluded(r, "root-b", NATIVECERTS_REASON_DISTRUSTED, "/etc/ssl/untrusted/b.pem");
    expect_excluded(r, "root-c", NATIVECERTS_REASON_DISTRUSTED, "/etc/ssl/untrusted/c.pem");
    expect_excluded(r, "malformed/eku-malformed", NATIVECERTS_REASON_DISTRUSTED,
                    "/etc/ssl/untrusted/d.pem");
    expect_excluded(r, "eku-client", NATIVECERTS_REASON_DISTRUSTED, "/etc/ssl/untrusted/e.pem");
    expect_trusted(r, "eku-any", "/etc/ssl/cert.pem");
    CHECK_EQ_SIZE(nativecerts_result_count(r), 1);
    CHECK_EQ_SIZE(nativecerts_result_excluded_count(r), 5);
    /* One parse error for each damaged file, and the place stays complete. */
    expect_parse_errors(r, 4, "distrusted all the same");
    long u = nct_find_source(r, "/etc/ssl/untrusted");
    CHECK(u >= 0);
    if (u >= 0) {
        CHECK(nativecerts_result_source_status(r, (size_t)u) == NATIVECERTS_STATUS_USED);
        CHECK_EQ_SIZE(nativecerts_result_source_cert_count(r, (size_t)u), 5);
    }
    if (nct_failures) nct_dump(r);
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
    else if (!strcmp(c, "certificate_eku_not_for_server_auth"))
        certificate_eku_not_for_server_auth();
    else if (!strcmp(c, "explicit_trust_overrides_certificate_eku"))
        explicit_trust_overrides_certificate_eku();
    else if (!strcmp(c, "malformed_eku_is_a_parse_error"))
        malformed_eku_is_a_parse_error();
    else if (!strcmp(c, "damaged_distrust_file_still_distrusts"))
        damaged_distrust_file_still_distrusts();
    else
        return fprintf(stderr, "unknown case %s\n", c), 99;
    nct_rmtree(dir);
    return nct_done();
}
