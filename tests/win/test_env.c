/* SSL_CERT_FILE and SSL_CERT_DIR on Windows: rustls-native-certs' rules,
 * with ';' between directories and double quotes protecting a ';' inside one, as
 * Rust's std::env::split_paths reads the list there. Values are UTF-16 in the
 * environment and UTF-8 in the result. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "win_support.h"

static size_t count_kind(const nativecerts_result *r, nativecerts_source_kind k)
{
    size_t n = 0;
    for (size_t i = 0; i < nativecerts_result_source_count(r); i++)
        n += nativecerts_result_source_kind(r, i) == k;
    return n;
}

static void check_trusted_from(const nativecerts_result *r, const char *fixture, const char *source)
{
    size_t len;
    unsigned char *der = wt_fixture(fixture, &len);
    long i = wt_trusted(r, der, len);
    CHECK(i >= 0);
    if (i >= 0) CHECK_STR(nativecerts_result_source(r, (size_t)i), source);
    free(der);
}

/* "d1;;d2": both directories, the empty entry ignored, nothing from the store. */
static void dir_list(const char *tmp)
{
    char d1[1024], d2[1024], list[2100], f1[1100], f2[1100];
    snprintf(d1, sizeof d1, "%s\\one", tmp);
    snprintf(d2, sizeof d2, "%s\\two", tmp);
    snprintf(f1, sizeof f1, "%s\\a.pem", d1);
    snprintf(f2, sizeof f2, "%s\\b.der", d2);
    wt_mkdir(d1);
    wt_mkdir(d2);
    wt_put_fixture("root-a.pem", f1);
    wt_put_fixture("root-b.der", f2);
    snprintf(list, sizeof list, "%s;;%s;", d1, d2);
    wt_setenv("SSL_CERT_DIR", list);
    nativecerts_result *r = wt_load(NULL);
    check_trusted_from(r, "root-a.der", f1);
    check_trusted_from(r, "root-b.der", f2);
    CHECK_EQ_SIZE(nativecerts_result_count(r), 2);
    CHECK_EQ_SIZE(count_kind(r, NATIVECERTS_SOURCE_DIRECTORY), 2);
    CHECK_EQ_SIZE(nativecerts_result_error_count(r), 0);
    CHECK(nativecerts_result_mode(r) == NATIVECERTS_MODE_ENVIRONMENT);
    wt_done(r, NULL);
}

/* "\"d;x\";d2": the quoted entry is one directory whose name holds ';'. */
static void dir_list_quoted(const char *tmp)
{
    char d1[1024], d2[1024], list[2100], f1[1100];
    snprintf(d1, sizeof d1, "%s\\semi;colon", tmp);
    snprintf(d2, sizeof d2, "%s\\empty", tmp);
    snprintf(f1, sizeof f1, "%s\\c.pem", d1);
    wt_mkdir(d1);
    wt_mkdir(d2);
    wt_put_fixture("root-c.pem", f1);
    snprintf(list, sizeof list, "\"%s\";%s", d1, d2);
    wt_setenv("SSL_CERT_DIR", list);
    nativecerts_result *r = wt_load(NULL);
    check_trusted_from(r, "root-c.der", f1);
    CHECK_EQ_SIZE(nativecerts_result_count(r), 1);
    CHECK(wt_source(r, d1) >= 0);
    CHECK(wt_source(r, d2) >= 0);
    CHECK_EQ_SIZE(nativecerts_result_error_count(r), 0);
    wt_done(r, NULL);
}

/* SSL_CERT_FILE= (set to nothing) is an error for '', and still replaces the store. */
static void empty_file(void)
{
    wt_setenv("SSL_CERT_FILE", "");
    nativecerts_result *r = wt_load(NULL);
    CHECK_EQ_SIZE(nativecerts_result_count(r), 0);
    CHECK_EQ_SIZE(nativecerts_result_error_count(r), 1);
    CHECK(nativecerts_result_mode(r) == NATIVECERTS_MODE_ENVIRONMENT);
    if (nativecerts_result_error_count(r) == 1) {
        CHECK_STR(nativecerts_result_error_path(r, 0), "");
        CHECK(nativecerts_result_error_kind(r, 0) == NATIVECERTS_ERROR_IO);
        CHECK(nativecerts_result_error_errno(r, 0) == ENOENT);
    }
    long v = wt_source(r, "SSL_CERT_FILE");
    CHECK(v >= 0);
    if (v >= 0) CHECK_STR(nativecerts_result_source_value(r, (size_t)v), "");
    wt_done(r, NULL);
}

/* SSL_CERT_DIR=";" has no entry: the store is used, the variable reported empty. */
static void empty_dir_list(void)
{
    wt_setenv("SSL_CERT_DIR", ";\"\";");
    nativecerts_result *r = wt_load(NULL);
    CHECK(nativecerts_result_mode(r) == NATIVECERTS_MODE_PLATFORM);
    long v = wt_source(r, "SSL_CERT_DIR");
    CHECK(v >= 0);
    if (v >= 0) CHECK(nativecerts_result_source_status(r, (size_t)v) == NATIVECERTS_STATUS_EMPTY);
    CHECK(wt_source(r, "windows:CurrentUser/ROOT") >= 0);
    wt_done(r, NULL);
}

/* A non-ASCII path in SSL_CERT_FILE arrives intact: read from UTF-16, shown in UTF-8. */
static void non_ascii_file(const char *tmp)
{
    char f[1100];
    snprintf(f, sizeof f,
             "%s\\K\xC3\xB8"
             "benhavn-\xE8\xA8\xBC\xE6\x98\x8E.pem",
             tmp);
    wt_put_fixture("root-a.pem", f);
    wt_setenv("SSL_CERT_FILE", f);
    nativecerts_result *r = wt_load(NULL);
    check_trusted_from(r, "root-a.der", f);
    long v = wt_source(r, "SSL_CERT_FILE");
    if (v >= 0) CHECK_STR(nativecerts_result_source_value(r, (size_t)v), f);
    CHECK_EQ_SIZE(nativecerts_result_error_count(r), 0);
    wt_done(r, NULL);
}

/* Loads from many threads at once with the variables set: each thread reads them into
 * its own storage (freed when it ends), and every load sees the value. */
#define NC_THREADS 8
#define NC_LOADS 25

static DWORD WINAPI load_many(LPVOID arg)
{
    const char *f = arg;
    for (int i = 0; i < NC_LOADS; i++) {
        nativecerts_result *r = wt_load(NULL);
        long v = wt_source(r, "SSL_CERT_FILE");
        int ok = nativecerts_result_count(r) == 1 && v >= 0 &&
                 !strcmp(nativecerts_result_source_value(r, (size_t)v), f);
        nativecerts_result_free(r);
        if (!ok) return 1;
    }
    return 0;
}

static void threads(const char *tmp)
{
    static char f[1100];
    snprintf(f, sizeof f, "%s\\a.pem", tmp);
    wt_put_fixture("root-a.pem", f);
    wt_setenv("SSL_CERT_FILE", f);
    HANDLE t[NC_THREADS];
    for (int i = 0; i < NC_THREADS; i++) {
        t[i] = CreateThread(NULL, 0, load_many, f, 0, NULL);
        CHECK(t[i] != NULL);
    }
    for (int i = 0; i < NC_THREADS; i++) {
        DWORD code = 1;
        if (!t[i]) continue;
        WaitForSingleObject(t[i], INFINITE);
        GetExitCodeThread(t[i], &code);
        CHECK(code == 0);
        CloseHandle(t[i]);
    }
}

int main(int argc, char **argv)
{
    if (argc != 2) return 2;
    const char *c = argv[1];
    char tmp[1024];
    wt_clear_ssl_env();
    wt_tmpdir(tmp, sizeof tmp, c);
    if (!strcmp(c, "dir-list"))
        dir_list(tmp);
    else if (!strcmp(c, "dir-list-quoted"))
        dir_list_quoted(tmp);
    else if (!strcmp(c, "empty-file"))
        empty_file();
    else if (!strcmp(c, "empty-dir-list"))
        empty_dir_list();
    else if (!strcmp(c, "non-ascii-file"))
        non_ascii_file(tmp);
    else if (!strcmp(c, "threads"))
        threads(tmp);
    else {
        fprintf(stderr, "unknown case %s\n", c);
        return 2;
    }
    wt_rmtree(tmp);
    return nct_done();
}
