/* The environment rules of contract §2. */
#include "core/env.h"

#include <stdlib.h>
#include <string.h>

static const char FILE_VAR[] = "SSL_CERT_FILE";
static const char DIR_VAR[] = "SSL_CERT_DIR";

/* Counts the non-empty entries of a separator-split list and, given a backend, loads
 * each as a directory source. */
static size_t each_dir(const char *list, char sep, nc__collect *c, nc__backend *b)
{
    size_t n = 0;
    while (*list) {
        const char *end = strchr(list, sep);
        size_t len = end ? (size_t)(end - list) : strlen(list);
        if (len > 0) {
            n++;
            if (b) {
                char *path = malloc(len + 1);
                if (!path) {
                    c->oom = 1;
                    return n;
                }
                memcpy(path, list, len);
                path[len] = '\0';
                uint32_t s =
                    nc__collect_source(c, NATIVECERTS_SOURCE_DIRECTORY, DIR_VAR, path, NULL);
                nc__backend_load_dir(b, s, path);
                free(path);
            }
        }
        if (!end) break;
        list = end + 1;
    }
    return n;
}

int nc__env_load(nc__collect *c, nc__backend *b, int ignore)
{
    int file_ignored = 0, dir_ignored = 0;
    const char *file = nc__env_get(FILE_VAR, &file_ignored);
    const char *dir = nc__env_get(DIR_VAR, &dir_ignored);
    char sep = nc__env_dir_separator();

    uint32_t fs = nc__collect_source(c, NATIVECERTS_SOURCE_ENV_VAR, FILE_VAR, FILE_VAR, file);
    uint32_t ds = nc__collect_source(c, NATIVECERTS_SOURCE_ENV_VAR, DIR_VAR, DIR_VAR, dir);
    if (file_ignored) nc__collect_status(c, fs, NATIVECERTS_STATUS_IGNORED_SETUID);
    if (dir_ignored) nc__collect_status(c, ds, NATIVECERTS_STATUS_IGNORED_SETUID);
    if (ignore) {
        if (file) nc__collect_status(c, fs, NATIVECERTS_STATUS_IGNORED_OPTION);
        if (dir) nc__collect_status(c, ds, NATIVECERTS_STATUS_IGNORED_OPTION);
        return 0;
    }
    size_t dirs = dir ? each_dir(dir, sep, c, NULL) : 0;
    if (file) nc__collect_status(c, fs, NATIVECERTS_STATUS_USED);
    if (dir) nc__collect_status(c, ds, dirs ? NATIVECERTS_STATUS_USED : NATIVECERTS_STATUS_EMPTY);
    if (!file && dirs == 0) return 0;

    /* The variables chose: only their paths, even if they yield nothing. The file
     * first, then each directory in order. SSL_CERT_FILE= is an error for ''. */
    if (file) {
        uint32_t s = nc__collect_source(c, NATIVECERTS_SOURCE_FILE, FILE_VAR, file, NULL);
        nc__backend_load_file(b, s, file);
    }
    if (dirs) each_dir(dir, sep, c, b);
    return 1;
}
