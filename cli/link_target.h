/* Why a path that the load found missing is missing, when `ls` shows it: a symbolic link
 * whose target does not exist. */
#ifndef NC_CLI_LINK_TARGET_H
#define NC_CLI_LINK_TARGET_H

#include <stddef.h>

/* When path, on this system, is a symbolic link that leads nowhere, writes what it
 * points to into buf (NUL-terminated, cut to n - 1 bytes) and returns 1; else 0. Under a
 * root directory it returns 0 without looking: the command reads an image only through
 * the library, which resolves its links inside it. Only the link itself is examined
 * (lstat, readlink), nothing is opened. */
int link_target_dangling(const char *root, const char *path, char *buf, size_t n);

#endif
