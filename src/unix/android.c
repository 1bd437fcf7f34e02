/* Android: the system roots live in the Conscrypt APEX from Android 14 (the old system
 * directory goes stale there), the user's roots per Android user, DER or PEM. A system
 * root the user disabled has a copy in cacerts-removed: it is distrusted. */
#include "unix/android.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

static const char apex_dir[] = "/apex/com.android.conscrypt/cacerts"; /* Android 14+ */
static const char system_dir[] = "/system/etc/security/cacerts";      /* Android 4-13 */

/* The Android user of this process: uid / 100000 (AID_USER_OFFSET). */
static void user_dirs(char *added, char *removed, size_t n)
{
    unsigned long user = (unsigned long)getuid() / 100000ul;
    snprintf(added, n, "/data/misc/user/%lu/cacerts-added", user);
    snprintf(removed, n, "/data/misc/user/%lu/cacerts-removed", user);
}

void nc__android_report_unused(nc__collect *c, nativecerts_source_status why)
{
    char added[64], removed[64];
    user_dirs(added, removed, sizeof added);
    const char *trust[] = {apex_dir, system_dir, added};
    for (size_t i = 0; i < 3; i++)
        nc__collect_status(
            c, nc__collect_source(c, NATIVECERTS_SOURCE_DIRECTORY, "profile", trust[i], NULL), why);
    nc__collect_status(
        c, nc__collect_source(c, NATIVECERTS_SOURCE_DISTRUST_DIR, "profile", removed, NULL), why);
}

/* Apps may not read another user's (or, without permission, their own) store: a
 * permission error there means "not available to this app", not a failure. */
static void load_user_dir(nc__unix_load *u, const char *path, nativecerts_source_kind kind,
                          nc__role role)
{
    nc__collect *c = u->c;
    uint32_t s = nc__collect_source(c, kind, "profile", path, NULL);
    struct stat st;
    int r = nc__fs_stat(u->fs, path, &st);
    if (r == -EACCES || r == -EPERM) {
        nc__collect_status(c, s, NATIVECERTS_STATUS_UNAVAILABLE);
        return;
    }
    size_t errors_before = c->nerrors;
    nativecerts_source_status status = nc__dir_load(u, s, path, role, NC__ABSENT_OK);
    if (status == NATIVECERTS_STATUS_FAILED && c->nerrors == errors_before + 1 &&
        (c->errors[errors_before].err == EACCES || c->errors[errors_before].err == EPERM)) {
        /* Opening it was denied: withdraw that one error. */
        c->nerrors--;
        if (s < c->nsources) c->sources[s].errors--;
        nc__collect_status(c, s, NATIVECERTS_STATUS_UNAVAILABLE);
    }
}

void nc__android_load(nc__unix_load *u)
{
    nc__collect *c = u->c;
    uint32_t apex = nc__collect_source(c, NATIVECERTS_SOURCE_DIRECTORY, "profile", apex_dir, NULL);
    uint32_t sys = nc__collect_source(c, NATIVECERTS_SOURCE_DIRECTORY, "profile", system_dir, NULL);
    if (nc__dir_load(u, apex, apex_dir, NC__ROLE_TRUST, NC__ABSENT_OK) ==
        NATIVECERTS_STATUS_MISSING)
        nc__dir_load(u, sys, system_dir, NC__ROLE_TRUST, NC__ABSENT_OK);
    else
        nc__collect_status(c, sys, NATIVECERTS_STATUS_SHADOWED);

    char added[64], removed[64];
    user_dirs(added, removed, sizeof added);
    load_user_dir(u, added, NATIVECERTS_SOURCE_DIRECTORY, NC__ROLE_TRUST);
    load_user_dir(u, removed, NATIVECERTS_SOURCE_DISTRUST_DIR, NC__ROLE_DISTRUST);
}
