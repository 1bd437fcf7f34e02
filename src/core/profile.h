/* A profile: where one family of systems keeps its trust store (contract §3). The
 * tables are data, defined by the backend of the system this library is built for. */
#ifndef NC_CORE_PROFILE_H
#define NC_CORE_PROFILE_H

#include <stddef.h>

typedef struct nc__profile {
    const char *name;
    /* Bundle candidates: the first that exists is the bundle. NULL-terminated. */
    const char *const *bundles;
    /* Directories: every one that exists is loaded. NULL-terminated. */
    const char *const *dirs;
    /* Directories whose certificates are distrusted (certctl). NULL-terminated. */
    const char *const *distrust_dirs;
    /* Android's system, user-added and user-removed stores (contract §5). */
    int android;
    /* macOS: the keychain trust settings (contract §8) are the store. */
    int keychain;
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
