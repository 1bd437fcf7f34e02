/* The one profile of the Windows build. Its store is crypt32's (win/store.c), not a
 * table of paths, so every list is empty; the row holds what the advice says. */
#include <stddef.h>

#include "core/profile.h"

static const char *const NONE[] = {NULL};

const nc__profile nc__profiles[] = {
    {
        .name = "windows", /* CurrentUser ROOT minus Disallowed, through crypt32 */
        .bundles = NONE,
        .dirs = NONE,
        .distrust_dirs = NONE,
        .what_to_do = "look at the store with certutil -user -store root, and check that no "
                      "policy disables the automatic update of root certificates",
    },
};

const size_t nc__profile_count = sizeof nc__profiles / sizeof nc__profiles[0];

const nc__profile *nc__profile_builtin(void)
{
    return &nc__profiles[0];
}
