/* nativecerts_store (docs/loading.md, "The store handle"): the last result is reused while nothing
 * it read changed, and reloaded when a watched place changes; a change to a distrust
 * place is noticed at the next get, whatever it is. Files are given old times first: a
 * place changed within a second of a load is reloaded on principle.
 *   test_store CASE */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
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

static void path_of(char *out, size_t n, const char *rel)
{
    snprintf(out, n, "%s%s", root, rel);
}

/* A file counts as recently changed by its change time, which age() cannot set back:
 * waits until what was written is older than the store's recent-change window (a tenth
 * of a second where times have nanoseconds, two seconds where they are whole), so that
 * the store does not reload on its own. */
static void settle(void)
{
    struct stat st;
    CHECK(stat(root, &st) == 0);
    struct timespec t =
        st.st_ctim.tv_nsec ? (struct timespec){0, 110000000} : (struct timespec){2, 100000000};
    nanosleep(&t, NULL);
}

/* A FreeBSD layout, all of it old: root-a in the bundle, root-c in certs/, and in
 * untrusted/ a link to a file that does not exist yet (../pending/c.pem) and root-b. */
static void build_freebsd_layout(void)
{
    char path[4300];
    put("root-a.pem", "/etc/ssl/cert.pem");
    put("root-c.pem", "/etc/ssl/certs/c.pem");
    put("root-b.pem", "/etc/ssl/untrusted/b.pem");
    path_of(path, sizeof path, "/etc/ssl/untrusted/c.pem");
    nct_symlink("../pending/c.pem", path);
    path_of(path, sizeof path, "/etc/ssl/pending");
    nct_mkdir(path);
    static const char *const old[] = {"/etc/ssl/cert.pem",
                                      "/etc/ssl/certs/c.pem",
                                      "/etc/ssl/untrusted/b.pem",
                                      "/etc/ssl/untrusted/c.pem",
                                      "/etc/ssl/untrusted",
                                      "/etc/ssl/certs",
                                      "/etc/ssl/pending",
                                      "/etc/ssl",
                                      "/etc"};
    for (size_t i = 0; i < sizeof old / sizeof *old; i++)
        age(old[i]);
}

static void make_freebsd_layout(void)
{
    build_freebsd_layout();
    settle();
}

static nativecerts_store *new_store_of(const char *profile)
{
    nativecerts_options *o = nct_layout_options(root, profile);
    nativecerts_store *s = NULL;
    CHECK(nativecerts_store_new(o, &s) == 0);
    nativecerts_options_free(o);
    return s;
}

static int excluded_as(const nativecerts_result *r, const char *fixture, nativecerts_reason why)
{
    return nct_excluded_reason(r, fixture) == why;
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
    return nct_find_trusted_fixture(r, fixture) >= 0;
}

static void reuses_unchanged(void)
{
    make_layout();
    settle();
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

/* A reference taken with nativecerts_result_retain() keeps a result valid after the
 * caller's own is released, and after the store is gone; the last release frees it
 * (a second free of a freed result aborts in glibc, and fails under the sanitizers). */
static void retained_result_outlives_free(void)
{
    make_layout();
    nativecerts_store *s = new_store();
    nativecerts_result *r = NULL;
    CHECK(nativecerts_result_retain(NULL) == NULL);
    CHECK(nativecerts_store_get(s, &r) == 0);
    const nativecerts_result *kept = r;
    CHECK(nativecerts_result_retain(kept) == r);
    nativecerts_result_free(r);
    nativecerts_store_free(s);
    CHECK_EQ_SIZE(nativecerts_result_count(kept), 2);
    CHECK(has(kept, "root-b.der"));
    nativecerts_result_free(nativecerts_result_retain(kept)); /* one more, released */
    CHECK(has(kept, "root-b.der"));
    nativecerts_result_free(r);
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

static void distrust_dir_unchanged_is_reused(void)
{
    /* Stamping every entry of untrusted/ (the dangling link included) is stable: an
     * unchanged layout is not loaded again. */
    make_freebsd_layout();
    nativecerts_store *s = new_store_of("freebsd");
    nativecerts_result *r1 = NULL, *r2 = NULL;
    CHECK(nativecerts_store_get(s, &r1) == 0);
    CHECK(nativecerts_store_get(s, &r2) == 0);
    CHECK(r1 && r1 == r2);
    CHECK(has(r1, "root-a.der") && has(r1, "root-c.der"));
    CHECK(excluded_as(r1, "root-b.der", NATIVECERTS_REASON_DISTRUSTED));
    nativecerts_result_free(r1);
    nativecerts_result_free(r2);
    nativecerts_store_free(s);
}

static void distrust_link_target_appears(void)
{
    /* untrusted/c.pem dangles; then its target is renamed into place, in another
     * directory: untrusted/ itself is untouched, yet root-c is distrusted at once. */
    make_freebsd_layout();
    nativecerts_store *s = new_store_of("freebsd");
    nativecerts_result *r1 = NULL, *r2 = NULL;
    CHECK(nativecerts_store_get(s, &r1) == 0);
    CHECK(has(r1, "root-c.der"));
    put("root-c.pem", "/etc/ssl/pending/.new");
    age("/etc/ssl/pending/.new");
    char from[4300], to[4300];
    path_of(from, sizeof from, "/etc/ssl/pending/.new");
    path_of(to, sizeof to, "/etc/ssl/pending/c.pem");
    CHECK(rename(from, to) == 0);
    CHECK(nativecerts_store_get(s, &r2) == 0);
    CHECK(r2 && r2 != r1);
    CHECK(!has(r2, "root-c.der") && excluded_as(r2, "root-c.der", NATIVECERTS_REASON_DISTRUSTED));
    nativecerts_result_free(r1);
    nativecerts_result_free(r2);
    nativecerts_store_free(s);
}

static void distrust_file_edited_in_place(void)
{
    /* untrusted/b.pem is rewritten in place (same inode, directory untouched) to hold
     * root-c: noticed at once, where a trust directory waits for the maximum age. */
    make_freebsd_layout();
    nativecerts_store *s = new_store_of("freebsd");
    nativecerts_result *r1 = NULL, *r2 = NULL;
    CHECK(nativecerts_store_get(s, &r1) == 0);
    CHECK(has(r1, "root-c.der"));
    char path[4300];
    path_of(path, sizeof path, "/etc/ssl/untrusted/b.pem");
    struct stat before, after;
    CHECK(stat(path, &before) == 0);
    put("root-c.pem", "/etc/ssl/untrusted/b.pem");
    CHECK(stat(path, &after) == 0 && after.st_ino == before.st_ino);
    CHECK(nativecerts_store_get(s, &r2) == 0);
    CHECK(r2 && r2 != r1);
    CHECK(excluded_as(r2, "root-c.der", NATIVECERTS_REASON_DISTRUSTED));
    CHECK(!excluded_as(r2, "root-b.der", NATIVECERTS_REASON_DISTRUSTED));
    nativecerts_result_free(r1);
    nativecerts_result_free(r2);
    nativecerts_store_free(s);
}

static void distrust_new_file_appears(void)
{
    make_freebsd_layout();
    nativecerts_store *s = new_store_of("freebsd");
    nativecerts_result *r1 = NULL, *r2 = NULL;
    CHECK(nativecerts_store_get(s, &r1) == 0);
    CHECK(has(r1, "root-a.der"));
    put("root-a.der", "/etc/ssl/untrusted/a.der");
    CHECK(nativecerts_store_get(s, &r2) == 0);
    CHECK(r2 && r2 != r1);
    CHECK(excluded_as(r2, "root-a.der", NATIVECERTS_REASON_DISTRUSTED));
    nativecerts_result_free(r1);
    nativecerts_result_free(r2);
    nativecerts_store_free(s);
}

static void incomplete_distrust_dir_is_watched(void)
{
    /* A damaged file in untrusted/ makes every root distrust-unknown; repairing it in
     * place is noticed at the next get. */
    build_freebsd_layout();
    char path[4300];
    path_of(path, sizeof path, "/etc/ssl/untrusted/b.pem");
    nct_write_str(path, "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n");
    age("/etc/ssl/untrusted/b.pem");
    settle();
    nativecerts_store *s = new_store_of("freebsd");
    nativecerts_result *r1 = NULL, *r2 = NULL;
    CHECK(nativecerts_store_get(s, &r1) == 0);
    CHECK(nativecerts_result_count(r1) == 0);
    CHECK(excluded_as(r1, "root-a.der", NATIVECERTS_REASON_DISTRUST_UNKNOWN));
    long u = nct_find_source(r1, "/etc/ssl/untrusted");
    CHECK(u >= 0 &&
          nativecerts_result_source_status(r1, (size_t)u) == NATIVECERTS_STATUS_INCOMPLETE);
    put("root-b.pem", "/etc/ssl/untrusted/b.pem");
    CHECK(nativecerts_store_get(s, &r2) == 0);
    CHECK(r2 && r2 != r1 && has(r2, "root-a.der") && has(r2, "root-c.der"));
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
    else if (!strcmp(c, "retained_result_outlives_free"))
        retained_result_outlives_free();
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
    else if (!strcmp(c, "distrust_dir_unchanged_is_reused"))
        distrust_dir_unchanged_is_reused();
    else if (!strcmp(c, "distrust_link_target_appears"))
        distrust_link_target_appears();
    else if (!strcmp(c, "distrust_file_edited_in_place"))
        distrust_file_edited_in_place();
    else if (!strcmp(c, "distrust_new_file_appears"))
        distrust_new_file_appears();
    else if (!strcmp(c, "incomplete_distrust_dir_is_watched"))
        incomplete_distrust_dir_is_watched();
    else
        return fprintf(stderr, "unknown case %s\n", c), 99;
    nct_rmtree(root);
    return nct_done();
}
