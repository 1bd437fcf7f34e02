/* Looking profiles up by name or index, over the table the backend defines. */
#include "core/profile.h"

#include <string.h>

const nc__profile *nc__profile_at(size_t index)
{
    return index < nc__profile_count ? &nc__profiles[index] : NULL;
}

const nc__profile *nc__profile_find(const char *name)
{
    for (size_t i = 0; i < nc__profile_count; i++)
        if (strcmp(nc__profiles[i].name, name) == 0) return &nc__profiles[i];
    return NULL;
}
