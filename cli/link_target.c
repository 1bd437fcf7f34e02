/* Dangling links on this system (see link_target.h). */
#if !defined(_WIN32)
#define _XOPEN_SOURCE 700 /* POSIX.1-2008 with XSI: lstat, readlink */
#endif
#include "link_target.h"

#if !defined(_WIN32)
#include <sys/stat.h>
#include <unistd.h>
#endif

int link_target_dangling(const char *root, const char *path, char *buf, size_t n)
{
#if defined(_WIN32)
    (void)root, (void)path, (void)buf, (void)n;
    return 0;
#else
    struct stat st;
    if (root || n == 0 || lstat(path, &st) != 0 || !S_ISLNK(st.st_mode)) return 0;
    if (stat(path, &st) == 0) return 0; /* it leads somewhere */
    ssize_t k = readlink(path, buf, n - 1);
    if (k < 0) return 0;
    buf[k] = '\0';
    return 1;
#endif
}
