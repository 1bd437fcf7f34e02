/* nativecerts_store (contract §1 and issue 4): the last result is reused while nothing
 * it read changed, and reloaded when a watched place changes. Files are given old
 * times first: a place changed within a second of a load is reloaded on principle.
 *   test_store CASE */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/options.h" /* env_in_root */
#include "test_support.h"

static char root[4096];

static void age(const char *rel)
{
    char path[4300];
    snprintf(path, sizeof path, "%s%s", root, rel);
    struct timespec old[2] = {{1577836800, 0}, {1577836800, 0}}; /* 2020-01-01 */
    CHECK(utimensat(AT_FDCWD, path, old, AT_SYMLINK_NOFOLLOW) == 0);
}

static void put(const char *fixture, const char *rel)
{
    char path[4300];
    snprintf(path, sizeof path, "%s%s", root, rel);
    nct_put_fixture(fixture, path);
}

/* A Debian-like layout, all of it old. */
static void make_layout(void)
{
    put("root-a.pem", "/etc/ssl/certs/ca-certificates.crt");
    put("root-b.pem", "/etc/ssl/certs/B.pem");
    age("/etc/ssl/certs/ca-certificates.crt");
    age("/etc/ssl/certs/B.pem");
    age("/etc/ssl/certs");
    age("/etc/ssl");
    age("/etc");
}

static nativecerts_store *new_store(void)
{
    nativecerts_options *o = nct_layout_options(root, "linux");
    nativecerts_store *s = NULL;
    CHECK(nativecerts_store_new(o, &s) == 0);
    nativecerts_options_free(o); /* the store keeps its own copy */
    return s;
}

static int has(const nativecerts_result *r, const char *fixture)
{
    size_t len;
    unsigned char *der = nct_fixture(fixture, &len);
    long i = nct_find_trusted(r, der, len);
    free(der);
    return i >= 0;
}

static void reuses_unchanged(void)
{
    make_layout();
    nativecerts_store *s = new_store();
    nativecerts_result *r1 = NULL, *r2 = NULL;
    CHECK(nativecerts_store_get(s, &r1) == 0);
    CHECK(nativecerts_store_get(s, &r2) == 0);
    CHECK(r1 && r1 == r2); /* the same shared result, not a new load */
    CHECK_EQ_SIZE(nativecerts_result_count(r1), 2);
    nativecerts_result_free(r1);
    nativecerts_store_free(s);
    /* Still valid after the store is gone: the caller holds a reference. */
    CHECK_EQ_SIZE(nativecerts_result_count(r2), 2);
    CHECK(has(r2, "root-b.der"));
    nativecerts_result_free(r2);
}

static void reloads_on_replaced_file(void)
{
    make_layout();
    nativecerts_store *s = new_store();
    nativecerts_result *r1 = NULL, *r2 = NULL;
    CHECK(nativecerts_store_get(s, &r1) == 0);
    CHECK(has(r1, "root-a.der"));
    /* As update-ca-certificates does: write a new file, rename it over the bundle. */
    put("root-c.pem", "/etc/ssl/certs/.new");
    char from[4300], to[4300];
    snprintf(from, sizeof from, "%s/etc/ssl/certs/.new", root);
    snprintf(to, sizeof to, "%s/etc/ssl/certs/ca-certificates.crt", root);
    CHECK(rename(from, to) == 0);
    CHECK(nativecerts_store_get(s, &r2) == 0);
    CHECK(r2 && r2 != r1);
    CHECK(has(r2, "root-c.der") && !has(r2, "root-a.der"));
    CHECK(has(r1, "root-a.der")); /* the old result is untouched */
    nativecerts_result_free(r1);
    nativecerts_result_free(r2);
    nativecerts_store_free(s);
}

static void reloads_on_new_directory_entry(void)
{
    make_layout();
    nativecerts_store *s = new_store();
    nativecerts_result *r1 = NULL, *r2 = NULL;
    CHECK(nativecerts_store_get(s, &r1) == 0);
    put("root-c.der", "/etc/ssl/certs/C.der");
    CHECK(nativecerts_store_get(s, &r2) == 0);
    CHECK(r2 != r1 && has(r2, "root-c.der"));
    nativecerts_result_free(r1);
    nativecerts_result_free(r2);
    nativecerts_store_free(s);
}

static void reloads_when_missing_candidate_appears(void)
{
    /* No bundle at first; then the first candidate appears. */
    put("root-b.pem", "/etc/ssl/certs/B.pem");
    age("/etc/ssl/certs/B.pem");
    age("/etc/ssl/certs");
    age("/etc/ssl");
    age("/etc");
    nativecerts_store *s = new_store();
    nativecerts_result *r1 = NULL, *r2 = NULL;
    CHECK(nativecerts_store_get(s, &r1) == 0);
    CHECK_EQ_SIZE(nativecerts_result_count(r1), 1);
    put("root-a.pem", "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem");
    CHECK(nativecerts_store_get(s, &r2) == 0);
    CHECK(r2 != r1 && has(r2, "root-a.der"));
    nativecerts_result_free(r1);
    nativecerts_result_free(r2);
    nativecerts_store_free(s);
}

static void reloads_on_environment_change(void)
{
    make_layout();
    char file[4300];
    snprintf(file, sizeof file, "%s/env.pem", root);
    nct_put_fixture("root-c.pem", file);
    unsetenv("SSL_CERT_FILE");
    unsetenv("SSL_CERT_DIR");
    nativecerts_options *o;
    CHECK(nativecerts_options_new(&o) == 0);
    nativecerts_options_set_root(o, root);
    o->env_in_root = 1; /* the variable names a file of the generated root */
    nativecerts_store *s = NULL;
    CHECK(nativecerts_store_new(o, &s) == 0);
    nativecerts_options_free(o);
    nativecerts_result *r1 = NULL, *r2 = NULL;
    CHECK(nativecerts_store_get(s, &r1) == 0);
    CHECK(has(r1, "root-a.der"));
    setenv("SSL_CERT_FILE", "/env.pem", 1);
    CHECK(nativecerts_store_get(s, &r2) == 0);
    CHECK(r2 != r1 && has(r2, "root-c.der") && !has(r2, "root-a.der"));
    unsetenv("SSL_CERT_FILE");
    nativecerts_result_free(r1);
    nativecerts_result_free(r2);
    nativecerts_store_free(s);
}

static void max_age_zero_reloads(void)
{
    make_layout();
    nativecerts_store *s = new_store();
    CHECK(nativecerts_store_set_max_age(s, 0) == 0);
    CHECK(nativecerts_store_set_max_age(s, -1) == NATIVECERTS_EINVAL);
    nativecerts_result *r1 = NULL, *r2 = NULL;
    CHECK(nativecerts_store_get(s, &r1) == 0);
    CHECK(nativecerts_store_get(s, &r2) == 0);
    CHECK(r1 && r2 && r1 != r2);
    nativecerts_result_free(r1);
    nativecerts_result_free(r2);
    nativecerts_store_free(s);
}

static void recent_change_is_not_trusted_to_times(void)
{
    /* Files written just now: their time stamps cannot yet tell a later change apart,
     * so the store loads again rather than risk serving a stale result. */
    put("root-a.pem", "/etc/ssl/certs/ca-certificates.crt");
    nativecerts_store *s = new_store();
    nativecerts_result *r1 = NULL, *r2 = NULL;
    CHECK(nativecerts_store_get(s, &r1) == 0);
    CHECK(nativecerts_store_get(s, &r2) == 0);
    CHECK(r1 && r2 && r1 != r2);
    nativecerts_result_free(r1);
    nativecerts_result_free(r2);
    nativecerts_store_free(s);
}

int main(int argc, char **argv)
{
    if (argc != 2) return 99;
    nct_tmpdir(root, sizeof root);
    const char *c = argv[1];
    if (!strcmp(c, "reuses_unchanged"))
        reuses_unchanged();
    else if (!strcmp(c, "reloads_on_replaced_file"))
        reloads_on_replaced_file();
    else if (!strcmp(c, "reloads_on_new_directory_entry"))
        reloads_on_new_directory_entry();
    else if (!strcmp(c, "reloads_when_missing_candidate_appears"))
        reloads_when_missing_candidate_appears();
    else if (!strcmp(c, "reloads_on_environment_change"))
        reloads_on_environment_change();
    else if (!strcmp(c, "max_age_zero_reloads"))
        max_age_zero_reloads();
    else if (!strcmp(c, "recent_change_is_not_trusted_to_times"))
        recent_change_is_not_trusted_to_times();
    else
        return fprintf(stderr, "unknown case %s\n", c), 99;
    nct_rmtree(root);
    return nct_done();
}
