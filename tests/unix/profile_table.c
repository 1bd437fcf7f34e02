/* Prints a profile table, one line per place: "PROFILE ROLE PATH", and "PROFILE name -"
 * first for each row. Linked with the table alone (src/unix/profiles.c compiled with
 * every row, or src/win/profile.c), so that profiles_documented.sh can hold the
 * header, the man pages and the README against the rows of every build. Android's
 * per-user directories are printed with the user as <uid/100000>, as the documents
 * write it. */
#include <stdio.h>

#include "core/profile.h"

static void list(const char *name, const char *role, const char *const *paths)
{
    for (; *paths; paths++)
        printf("%s %s %s\n", name, role, *paths);
}

int main(void)
{
    for (size_t i = 0; i < nc__profile_count; i++) {
        const nc__profile *p = &nc__profiles[i];
        printf("%s name -\n", p->name);
        list(p->name, "bundle", p->bundles);
        list(p->name, "directory", p->dirs);
        list(p->name, "untrusted", p->distrust_dirs);
        if (p->android) {
            const nc__android_stores *a = p->android;
            printf("%s system %s\n", p->name, a->apex);
            printf("%s system %s\n", p->name, a->system);
            printf("%s added %s/<uid/100000>/%s\n", p->name, a->user_root, a->added);
            printf("%s removed %s/<uid/100000>/%s\n", p->name, a->user_root, a->removed);
        }
    }
    return 0;
}
