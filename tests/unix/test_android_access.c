/* Android's user store as an app sees it. The tests run as root, so each check runs in
 * a child that has dropped to uid/gid 65534 (Android user 65534 / 100000 = 0).
 *   test_android_access parent-denied   /data/misc/user cannot be searched: the app
 *       cannot know whether the user's places exist. Status unavailable, no error, no
 *       distrust-unknown, and the system store still loads.
 *   test_android_access removed-dir-unreadable   cacerts-removed exists (stat reaches
 *       it) but cannot be read: it is incomplete, the system roots it governs are
 *       excluded as distrust-unknown, the roots the user added stay trusted.
 *   test_android_access removed-file-unreadable  the same for one file in it. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_support.h"

static const char added[] = "/data/misc/user/0/cacerts-added";
static const char removed[] = "/data/misc/user/0/cacerts-removed";

static long status_of(const nativecerts_result *r, const char *name)
{
    long s = nct_find_source(r, name);
    return s < 0 ? -1 : (long)nativecerts_result_source_status(r, (size_t)s);
}

static int is_excluded(const nativecerts_result *r, const char *fixture, nativecerts_reason why,
                       const char *source)
{
    size_t len;
    unsigned char *der = nct_fixture(fixture, &len);
    long i = nct_find_excluded(r, der, len);
    free(der);
    return i >= 0 && nativecerts_result_excluded_reason(r, (size_t)i) == why &&
           strcmp(nativecerts_result_excluded_source(r, (size_t)i), source) == 0;
}

static void check_parent_denied(const nativecerts_result *r)
{
    CHECK_EQ_SIZE(nativecerts_result_count(r), 1);
    CHECK(nct_find_trusted_fixture(r, "root-a.der") >= 0);
    CHECK_EQ_SIZE(nativecerts_result_excluded_count(r), 0);
    CHECK_EQ_SIZE(nativecerts_result_error_count(r), 0);
    CHECK(status_of(r, added) == NATIVECERTS_STATUS_UNAVAILABLE);
    CHECK(status_of(r, removed) == NATIVECERTS_STATUS_UNAVAILABLE);
}

/* cacerts-removed could not be read: root-a (system) is distrust-unknown; root-c
 * (added by the user) is trusted; one error, of kind io with the path denied. */
static void check_removed_incomplete(const nativecerts_result *r, const char *denied)
{
    CHECK_EQ_SIZE(nativecerts_result_count(r), 1);
    CHECK(nct_find_trusted_fixture(r, "root-c.der") >= 0);
    CHECK_EQ_SIZE(nativecerts_result_excluded_count(r), 1);
    CHECK(is_excluded(r, "root-a.der", NATIVECERTS_REASON_DISTRUST_UNKNOWN, removed));
    CHECK_EQ_SIZE(nativecerts_result_error_count(r), 1);
    if (nativecerts_result_error_count(r) == 1) {
        CHECK(nativecerts_result_error_kind(r, 0) == NATIVECERTS_ERROR_IO);
        CHECK_STR(nativecerts_result_error_path(r, 0), denied);
    }
    CHECK(status_of(r, added) == NATIVECERTS_STATUS_USED);
    CHECK(status_of(r, removed) == NATIVECERTS_STATUS_INCOMPLETE);
}

static const char *test_case;

static int child(const char *root)
{
    if (setgid(65534) != 0 || setuid(65534) != 0) return 3;
    nativecerts_options *o = nct_layout_options(root, "android");
    nativecerts_result *r = nct_load(o);
    if (!strcmp(test_case, "parent-denied"))
        check_parent_denied(r);
    else if (!strcmp(test_case, "removed-dir-unreadable"))
        check_removed_incomplete(r, removed);
    else
        check_removed_incomplete(r, "/data/misc/user/0/cacerts-removed/0b0b0b0b.0");
    if (nct_failures) nct_dump(r);
    nativecerts_result_free(r);
    nativecerts_options_free(o);
    return nct_done();
}

static void put(const char *root, const char *fixture, const char *rel)
{
    char path[4300];
    snprintf(path, sizeof path, "%s%s", root, rel);
    nct_put_fixture(fixture, path);
}

static void deny(const char *root, const char *rel)
{
    char path[4300];
    snprintf(path, sizeof path, "%s%s", root, rel);
    CHECK(chmod(path, 0) == 0);
}

int main(int argc, char **argv)
{
    if (argc != 2 ||
        (strcmp(argv[1], "parent-denied") && strcmp(argv[1], "removed-dir-unreadable") &&
         strcmp(argv[1], "removed-file-unreadable")))
        return fprintf(stderr, "usage: %s CASE\n", argv[0]), 2;
    test_case = argv[1];
    if (geteuid() != 0) return nct_skip("needs root to drop privileges in a child");
    char root[4096];
    nct_tmpdir(root, sizeof root);
    put(root, "root-a.pem", "/apex/com.android.conscrypt/cacerts/0a0a0a0a.0");
    put(root, "root-c.der", "/data/misc/user/0/cacerts-added/0c0c0c0c.0");
    if (!strcmp(test_case, "parent-denied")) {
        put(root, "root-a.der", "/data/misc/user/0/cacerts-removed/0a0a0a0a.0");
        char path[4300];
        snprintf(path, sizeof path, "%s/data/misc/user", root);
        CHECK(chmod(path, 0700) == 0);
    } else if (!strcmp(test_case, "removed-dir-unreadable")) {
        put(root, "root-b.der", "/data/misc/user/0/cacerts-removed/0b0b0b0b.0");
        deny(root, removed);
    } else {
        put(root, "root-b.der", "/data/misc/user/0/cacerts-removed/0b0b0b0b.0");
        deny(root, "/data/misc/user/0/cacerts-removed/0b0b0b0b.0");
    }
    pid_t pid = fork();
    if (pid == 0) _exit(child(root));
    int status = 0;
    CHECK(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    nct_rmtree(root);
    return nct_done();
}
