/* The environment rules (docs/environment.md). */
#include "core/env.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char FILE_VAR[] = "SSL_CERT_FILE";
static const char DIR_VAR[] = "SSL_CERT_DIR";

/* The next entry of a separator-split list, copied to a malloc'ed string: where the
 * separator is ';' (Windows), double quotes protect separators inside them and are
 * removed, as Rust's std::env::split_paths reads the list there. Advances *list past
 * the entry and its separator. Returns NULL when out of memory. */
static char *next_entry(const char **list, char sep)
{
    const char *p = *list;
    int quotes = sep == ';', quoted = 0;
    size_t len = 0;
    while (p[len] && (p[len] != sep || quoted)) {
        if (quotes && p[len] == '"') quoted = !quoted;
        len++;
    }
    *list = p[len] ? p + len + 1 : p + len;
    char *out = malloc(len + 1), *o = out;
    if (!out) return NULL;
    for (size_t i = 0; i < len; i++)
        if (!quotes || p[i] != '"') *o++ = p[i];
    *o = '\0';
    return out;
}

/* Counts the non-empty entries of a separator-split list and, given a backend, loads
 * each as a directory source. */
static size_t each_dir(const char *list, char sep, nc__collect *c, nc__backend *b)
{
    size_t n = 0;
    while (*list) {
        char *path = next_entry(&list, sep);
        if (!path) {
            nc__collect_exhausted(c, ENOMEM);
            return n;
        }
        if (*path) {
            n++;
            if (b) {
                uint32_t s =
                    nc__collect_source(c, NATIVECERTS_SOURCE_DIRECTORY, DIR_VAR, path, NULL);
                nc__backend_load_dir(b, s, path);
            }
        }
        free(path);
    }
    return n;
}

/* nc__env_load with the variables read. */
static int env_apply(nc__collect *c, nc__backend *b, int ignore, const char *file, int file_ignored,
                     const char *dir, int dir_ignored)
{
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

int nc__env_load(nc__collect *c, nc__backend *b, int ignore)
{
    int file_ignored = 0, dir_ignored = 0;
    char *file = NULL, *dir = NULL;
    if (nc__env_get(FILE_VAR, &file, &file_ignored) || nc__env_get(DIR_VAR, &dir, &dir_ignored)) {
        /* The load fails: "chose" only spares reading the store for nothing. */
        nc__collect_exhausted(c, ENOMEM);
        free(file);
        return 1;
    }
    int chose = env_apply(c, b, ignore, file, file_ignored, dir, dir_ignored);
    free(file);
    free(dir);
    return chose;
}
