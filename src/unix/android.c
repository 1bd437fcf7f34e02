/* Android: the system roots live in the Conscrypt APEX from Android 14 (the old system
 * directory goes stale there), the user's roots per Android user, DER or PEM. A system
 * root the user disabled has a copy in cacerts-removed: it is distrusted. The paths are
 * the android row's (profiles.c); the rules are in docs/unix-stores.md. */
#include "unix/android.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

/* The user's directories of this process's Android user: uid / 100000 (AID_USER_OFFSET). */
static void user_dirs(const nc__android_stores *a, char *added, char *removed, size_t n)
{
    unsigned long user = (unsigned long)getuid() / 100000ul;
    snprintf(added, n, "%s/%lu/%s", a->user_root, user, a->added);
    snprintf(removed, n, "%s/%lu/%s", a->user_root, user, a->removed);
}

void nc__android_report_unused(nc__collect *c, const nc__android_stores *a,
                               nativecerts_source_status why)
{
    char added[256], removed[256]; /* the row's paths and a user number */
    user_dirs(a, added, removed, sizeof added);
    const char *trust[] = {a->apex, a->system, added};
    for (size_t i = 0; i < 3; i++)
        nc__collect_status(
            c, nc__collect_source(c, NATIVECERTS_SOURCE_DIRECTORY, "profile", trust[i], NULL), why);
    nc__collect_status(
        c, nc__collect_source(c, NATIVECERTS_SOURCE_DISTRUST_DIR, "profile", removed, NULL), why);
}

/* The user's store. Apps may not search another user's (or, without permission, their
 * own) /data/misc/user: when stat of the place is denied, the app cannot even know
 * whether it exists, so it is "not available to this app" — status unavailable, no
 * error, and no distrust-unknown (apps that cannot see the store would otherwise lose
 * every system root). A place that stat does reach is read like any other: for
 * cacerts-removed, a distrust place that governs the system directory `system`, any
 * failure there (the directory unreadable, a file in it that cannot be opened or
 * parsed) makes it incomplete, and the system roots are excluded as distrust-unknown. */
static void load_user_dir(nc__unix_load *u, const char *path, nativecerts_source_kind kind,
                          nc__role role, uint32_t system)
{
    nc__collect *c = u->c;
    uint32_t s = nc__collect_source(c, kind, "profile", path, NULL);
    struct stat st;
    int r = nc__fs_stat(u->fs, path, &st);
    if (r == -EACCES || r == -EPERM) {
        nc__collect_status(c, s, NATIVECERTS_STATUS_UNAVAILABLE);
        return;
    }
    if (role == NC__ROLE_DISTRUST) nc__collect_distrust_place(c, s, system);
    nc__dir_load(u, s, path, role, NC__ABSENT_OK);
}

/* Whether the APEX store is to be read: it exists as a directory. A path that does not
 * resolve to one (missing, a dangling link, a regular file) falls back to the system
 * directory; any other failure to tell (a link loop, an I/O error) reads the APEX
 * directory, whose error is then reported, rather than the older roots of /system,
 * which may hold roots that the APEX has since removed. */
static int use_apex(nc__unix_load *u, const char *apex_dir)
{
    struct stat st;
    int r = nc__fs_stat(u->fs, apex_dir, &st);
    if (r == 0) return S_ISDIR(st.st_mode);
    if (nc__errno_is_exhaustion(-r)) nc__collect_exhausted(u->c, -r);
    return r != -ENOENT && r != -ENOTDIR;
}

void nc__android_load(nc__unix_load *u, const nc__android_stores *a)
{
    nc__collect *c = u->c;
    uint32_t apex = nc__collect_source(c, NATIVECERTS_SOURCE_DIRECTORY, "profile", a->apex, NULL);
    uint32_t sys = nc__collect_source(c, NATIVECERTS_SOURCE_DIRECTORY, "profile", a->system, NULL);
    uint32_t system = sys;
    if (use_apex(u, a->apex)) {
        nc__dir_load(u, apex, a->apex, NC__ROLE_TRUST, NC__ABSENT_OK);
        nc__collect_status(c, sys, NATIVECERTS_STATUS_SHADOWED);
        system = apex;
    } else {
        nc__dir_load(u, sys, a->system, NC__ROLE_TRUST, NC__ABSENT_OK);
    }

    char added[256], removed[256]; /* the row's paths and a user number */
    user_dirs(a, added, removed, sizeof added);
    load_user_dir(u, added, NATIVECERTS_SOURCE_DIRECTORY, NC__ROLE_TRUST, NC__NONE);
    /* A distrust place: the core distrusts every certificate with the same DER as one
     * here, wherever else it is trusted (cacerts-added and added files included). Its
     * scope, the system directory, only limits what an incomplete read excludes as
     * distrust-unknown: system roots that no other place trusts. */
    load_user_dir(u, removed, NATIVECERTS_SOURCE_DISTRUST_DIR, NC__ROLE_DISTRUST, system);
}
