/* The Windows backend: environment, the system stores, and files named by the
 * environment or the options. Knows nothing of Unix profiles: the store is the platform
 * (the current user's ROOT and Disallowed stores), and paths are UTF-8 converted to
 * UTF-16 for every call. */
#include "core/backend.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "win/file_load.h"
#include "win/store.h"
#include "win/wide.h"

struct nc__backend {
    nc__win_load w;
    int usable; /* 0: the options cannot be honoured here; nothing is loaded */
};

/* ---- Environment ------------------------------------------------------------------ */

/* Windows keeps the environment in UTF-16: the variable is read as such and given to
 * the core as UTF-8. A value that is not valid UTF-16 names no file the core could
 * open: it counts as unset. There is no setuid on Windows: a process's environment is
 * its own, so nothing is ever withheld. */
int nc__env_get(const char *name, char **value, int *ignored)
{
    *value = NULL;
    *ignored = 0;
    wchar_t *wname = nc__win_wide(name);
    if (!wname) return -1; /* the names are ASCII: only memory can be missing */
    int r = 0;
    DWORD cap = 256;
    for (;;) {
        wchar_t *buf = malloc((size_t)cap * sizeof *buf);
        if (!buf) {
            r = -1;
            break;
        }
        SetLastError(0);
        DWORD n = GetEnvironmentVariableW(wname, buf, cap);
        DWORD err = GetLastError();
        if (n < cap) {
            /* 0 with ERROR_ENVVAR_NOT_FOUND: unset; 0 otherwise: set to nothing. */
            if (n > 0 || err != ERROR_ENVVAR_NOT_FOUND) {
                *value = nc__win_utf8(buf, (int)n);
                if (!*value && GetLastError() == ERROR_NOT_ENOUGH_MEMORY) r = -1;
            }
            free(buf);
            break;
        }
        free(buf);
        cap = n; /* the size it needs, NUL included; it may change meanwhile: again */
    }
    free(wname);
    return r;
}

char nc__env_dir_separator(void)
{
    return ';';
}

/* ---- Loading ---------------------------------------------------------------------- */

nc__backend *nc__backend_open(nc__collect *c, const nativecerts_options *opts)
{
    nc__backend *b = calloc(1, sizeof *b);
    if (!b) {
        nc__collect_exhausted(c, ENOMEM);
        return NULL;
    }
    b->w.c = c;
    b->w.max_file_size = opts->max_file_size;
    b->usable = 1;
    /* The store lives in the registry, not under a directory: a root cannot hold it. */
    if (opts->root) {
        nc__collect_error(c, NC__NONE, NATIVECERTS_ERROR_IO, opts->root, 0, 0,
                          "the root directory option is not available on Windows");
        b->usable = 0;
    }
    return b;
}

void nc__backend_close(nc__backend *b)
{
    free(b);
}

void nc__backend_load_file(nc__backend *b, uint32_t source, const char *path)
{
    if (b->usable)
        nc__win_file_load(&b->w, source, path, NC__ROLE_TRUST);
    else
        nc__collect_status(b->w.c, source, NATIVECERTS_STATUS_FAILED);
}

void nc__backend_load_dir(nc__backend *b, uint32_t source, const char *path)
{
    if (b->usable)
        nc__win_dir_load(&b->w, source, path, NC__ROLE_TRUST);
    else
        nc__collect_status(b->w.c, source, NATIVECERTS_STATUS_FAILED);
}

void nc__backend_report_unused(nc__backend *b, const nc__profile *p, nativecerts_source_status why)
{
    (void)p;
    nc__win_store_report_unused(b->w.c, why);
}

void nc__backend_load_store(nc__backend *b, const nc__profile *p)
{
    (void)p; /* one profile, "windows": its store is the system's */
    if (b->usable)
        nc__win_store_load(b->w.c);
    else
        nc__win_store_report_unused(b->w.c, NATIVECERTS_STATUS_FAILED);
}

/* ---- Stamps for nativecerts_store --------------------------------------------------- */

/* 100 ns ticks since 1601 to ns since 1970. */
static int64_t unix_ns(LARGE_INTEGER t)
{
    return (t.QuadPart - 116444736000000000LL) * 100;
}

int nc__backend_stamp(const nativecerts_options *opts, const char *const *paths, size_t n,
                      nc__stamp *out)
{
    if (opts->root) return -1;
    for (size_t i = 0; i < n; i++) {
        nc__stamp *s = &out[i];
        memset(s, 0, sizeof *s);
        DWORD err;
        HANDLE h = nc__win_open(paths[i], &err);
        if (h == INVALID_HANDLE_VALUE) continue;
        BY_HANDLE_FILE_INFORMATION info;
        FILE_BASIC_INFO basic;
        if (GetFileInformationByHandle(h, &info) &&
            GetFileInformationByHandleEx(h, FileBasicInfo, &basic, sizeof basic)) {
            s->exists = 1;
            s->dev = info.dwVolumeSerialNumber;
            s->ino = (uint64_t)info.nFileIndexHigh << 32 | info.nFileIndexLow;
            s->size = (uint64_t)info.nFileSizeHigh << 32 | info.nFileSizeLow;
            s->mtime_ns = unix_ns(basic.LastWriteTime);
            s->ctime_ns = unix_ns(basic.ChangeTime);
        }
        CloseHandle(h);
    }
    return 0;
}

/* ---- Small files that tools read (os-release) --------------------------------------- */

/* Not available: Windows has no os-release, and no root directory option to find an
 * image's under. */
int nc__backend_dangling_link(const char *root, const char *path, char *buf, size_t n)
{
    (void)root, (void)path, (void)buf, (void)n;
    return 0; /* Windows links are reparse points; a missing target reads as missing */
}

int nc__backend_read_small_file(const nativecerts_options *opts, const char *path, char *buf,
                                size_t n, size_t *len)
{
    (void)opts;
    (void)path;
    (void)buf;
    (void)n;
    (void)len;
    return -ENOSYS;
}
