/* A profile: where one family of systems keeps its trust store, and what a person there
 * installs when it is empty. One row per profile, in the table of the backend this
 * library is built for (src/unix/profiles.c, src/win/profile.c): the loader, the source
 * report and the advice read the row, and a test holds the header, the man pages and
 * the README against it (tests/unix/profiles_documented.sh). The rules that walk a row
 * are in docs/unix-stores.md. */
#ifndef NC_CORE_PROFILE_H
#define NC_CORE_PROFILE_H

#include <stddef.h>

/* Android's stores. The system roots are in one directory (the APEX one when it is a
 * directory, else the older one); the user's added and removed roots are per Android
 * user (uid / 100000): user_root/USER/added and user_root/USER/removed. A root in removed
 * is a system root the user disabled: distrusted. */
typedef struct nc__android_stores {
    const char *apex;      /* the system roots from Android 14 */
    const char *system;    /* the system roots before (stale from Android 14) */
    const char *user_root; /* the per-user directories are under user_root/USER */
    const char *added;     /* the user's roots */
    const char *removed;   /* copies of the system roots the user disabled */
} nc__android_stores;

/* A Linux distribution family, told by the words of os-release's ID and ID_LIKE. */
typedef struct nc__distro {
    const char *ids;     /* space-separated, each word surrounded by spaces */
    const char *install; /* the command that installs CA certificates, (for whom) */
} nc__distro;

typedef struct nc__profile {
    const char *name;
    /* Bundle candidates: the first that exists is the bundle. NULL-terminated. */
    const char *const *bundles;
    /* Directories: every one that exists is loaded. NULL-terminated. */
    const char *const *dirs;
    /* Directories whose certificates are distrusted (certctl). NULL-terminated. */
    const char *const *distrust_dirs;
    /* Android's system, user-added and user-removed stores; NULL elsewhere. */
    const nc__android_stores *android;
    /* macOS: the keychain trust settings (docs/windows-macos.md) are the store. */
    int keychain;
    /* What the advice says to do when the store gives nothing, after "what to do: ";
     * NULL: the command of the distribution that os-release names, one of distros
     * (NULL-terminated: ids NULL ends it), or every one of them when none is named. */
    const char *what_to_do;
    const nc__distro *distros;
    /* The command that rebuilds an empty bundle, after "what to do: rebuild the bundle: ";
     * NULL when the system has none (its bundle comes whole from a package or the base
     * system): then the step that installs CA certificates stands alone. */
    const char *rebuild;
} nc__profile;

/* The table of this build's profiles, defined by its backend (src/unix/profiles.c,
 * src/win/profile.c). */
extern const nc__profile nc__profiles[];
extern const size_t nc__profile_count;

/* The profile of that name, or NULL. */
const nc__profile *nc__profile_find(const char *name);
/* The profile compiled in for this system (backend). */
const nc__profile *nc__profile_builtin(void);
/* By index, NULL past the last. */
const nc__profile *nc__profile_at(size_t index);

#endif
