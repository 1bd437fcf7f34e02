/* Android (contract §5): permission denied on /data/misc/user means the user store is
 * "not available to this app" — status unavailable, no error — and the system store
 * still loads. The tests run as root, so the check runs in a child that has dropped to
 * uid/gid 65534 (Android user 65534 / 100000 = 0). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test_support.h"

static int child(const char *root)
{
    if (setgid(65534) != 0 || setuid(65534) != 0) return 3;
    nativecerts_options *o = nct_layout_options(root, "android");
    nativecerts_result *r = NULL;
    CHECK(nativecerts_load(o, &r) == 0);
    CHECK_EQ_SIZE(nativecerts_result_count(r), 1);
    CHECK_EQ_SIZE(nativecerts_result_error_count(r), 0);
    long s = nct_find_source(r, "/data/misc/user/0/cacerts-added");
    CHECK(s >= 0 &&
          nativecerts_result_source_status(r, (size_t)s) == NATIVECERTS_STATUS_UNAVAILABLE);
    s = nct_find_source(r, "/data/misc/user/0/cacerts-removed");
    CHECK(s >= 0 &&
          nativecerts_result_source_status(r, (size_t)s) == NATIVECERTS_STATUS_UNAVAILABLE);
    if (nct_failures) nct_dump(r);
    nativecerts_result_free(r);
    nativecerts_options_free(o);
    return nct_done();
}

int main(void)
{
    if (geteuid() != 0) return nct_skip("needs root to drop privileges in a child");
    char root[4096], path[4300];
    nct_tmpdir(root, sizeof root);
    snprintf(path, sizeof path, "%s/apex/com.android.conscrypt/cacerts/0a0a0a0a.0", root);
    nct_put_fixture("root-a.pem", path);
    snprintf(path, sizeof path, "%s/data/misc/user/0/cacerts-added/0c0c0c0c.0", root);
    nct_put_fixture("root-c.der", path);
    snprintf(path, sizeof path, "%s/data/misc/user/0/cacerts-removed/0a0a0a0a.0", root);
    nct_put_fixture("root-a.der", path);
    snprintf(path, sizeof path, "%s/data/misc/user", root);
    CHECK(chmod(path, 0700) == 0);
    pid_t pid = fork();
    if (pid == 0) _exit(child(root));
    int status = 0;
    CHECK(waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    nct_rmtree(root);
    return nct_done();
}
