/* The one profile of the Windows build. Its store is crypt32's (win/store.c), not a
 * table of paths, so every list is empty. */
#include <stddef.h>
#include <string.h>

#include "core/profile.h"

static const char *const NONE[] = {NULL};

static const nc__profile profiles[] = {
    {
        .name = "windows", /* CurrentUser ROOT minus Disallowed, through crypt32 */
        .bundles = NONE,
        .dirs = NONE,
        .distrust_dirs = NONE,
    },
};

const nc__profile *nc__profile_at(size_t index)
{
    return index < sizeof profiles / sizeof profiles[0] ? &profiles[index] : NULL;
}

const nc__profile *nc__profile_find(const char *name)
{
    for (size_t i = 0; nc__profile_at(i); i++)
        if (strcmp(profiles[i].name, name) == 0) return &profiles[i];
    return NULL;
}

const nc__profile *nc__profile_builtin(void)
{
    return &profiles[0];
}
