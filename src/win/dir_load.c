/* A directory of certificates on Windows: every regular file in it, links followed, no
 * recursion, as on Unix. Names are listed with FindFirstFileExW and read
 * in the byte order of their UTF-8 form, the order the Unix backend uses. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "win/file_load.h"
#include "win/oserror.h"
#include "win/wide.h"

typedef struct name_list {
    char **names;
    size_t n, cap;
} name_list;

static int name_list_add(name_list *l, char *name)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        char **p = realloc(l->names, cap * sizeof *p);
        if (!p) return -1;
        l->names = p;
        l->cap = cap;
    }
    l->names[l->n++] = name;
    return 0;
}

static void name_list_free(name_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->names[i]);
    free(l->names);
}

/* Byte order (strcmp) of the UTF-8 names: neither UTF-16 order nor the locale's. */
static int compare_names(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The separator to put between path and a name: none when path ends in one, else the
 * kind the path already uses ('/' only when it has no backslash). */
static const char *separator(const char *path)
{
    size_t n = strlen(path);
    if (n && (path[n - 1] == '\\' || path[n - 1] == '/')) return "";
    return strchr(path, '/') && !strchr(path, '\\') ? "/" : "\\";
}

static char *join(const char *dir, const char *name)
{
    const char *sep = separator(dir);
    size_t a = strlen(dir), b = strlen(sep), n = strlen(name);
    char *out = malloc(a + b + n + 1);
    if (!out) return NULL;
    memcpy(out, dir, a);
    memcpy(out + a, sep, b);
    memcpy(out + a + b, name, n + 1);
    return out;
}

/* Lists the names of path except "." and "..", and subdirectories that are not links.
 * Returns 0, or -1 when the listing failed (reported). */
static int list_names(nc__win_load *w, uint32_t source, const char *path, name_list *names)
{
    nc__collect *c = w->c;
    wchar_t *pattern = nc__win_path(path, *separator(path) ? L"\\*" : L"*");
    if (!pattern) {
        nc__win_io_error(c, source, path, "cannot read directory", GetLastError());
        return -1;
    }
    WIN32_FIND_DATAW fd;
    HANDLE find = FindFirstFileExW(pattern, FindExInfoBasic, &fd, FindExSearchNameMatch, NULL,
                                   FIND_FIRST_EX_LARGE_FETCH);
    free(pattern);
    if (find == INVALID_HANDLE_VALUE) {
        DWORD err = GetLastError();
        if (err == ERROR_FILE_NOT_FOUND) return 0; /* nothing at all, not even "." */
        nc__win_io_error(c, source, path, "cannot read directory", err);
        return -1;
    }
    int failed = 0;
    do {
        const wchar_t *n = fd.cFileName;
        if (n[0] == L'.' && (n[1] == L'\0' || (n[1] == L'.' && n[2] == L'\0'))) continue;
        if ((fd.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) &&
            !(fd.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT))
            continue; /* a plain subdirectory: no recursion */
        char *name = nc__win_utf8(n, -1);
        if (!name) {
            DWORD err = GetLastError();
            if (err == ERROR_NOT_ENOUGH_MEMORY) {
                nc__collect_exhausted(c, ENOMEM);
                break;
            }
            /* A lone surrogate has no UTF-8 form, so the entry cannot be named. */
            nc__win_io_error(c, source, path, "has an entry whose name is not valid UTF-16", err);
            continue;
        }
        if (name_list_add(names, name)) {
            free(name);
            nc__collect_exhausted(c, ENOMEM);
            break;
        }
    } while (FindNextFileW(find, &fd));
    DWORD err = GetLastError();
    if (!nc__collect_failed(c) && err != ERROR_NO_MORE_FILES) {
        nc__win_io_error(c, source, path, "cannot read directory entries", err);
        failed = 1;
    }
    FindClose(find);
    return failed ? -1 : 0;
}

/* One entry: opened (following links), skipped unless a regular file, then read. */
static void load_entry(nc__win_load *w, uint32_t source, const char *full, nc__role role)
{
    DWORD err;
    HANDLE h = nc__win_open(full, &err);
    if (h == INVALID_HANDLE_VALUE) {
        /* A dangling link is skipped, as every peer does; so is a device. */
        if (err == ERROR_FILE_NOT_FOUND || err == ERROR_PATH_NOT_FOUND ||
            err == ERROR_BAD_FILE_TYPE)
            return;
        nc__win_io_error(w->c, source, full, "cannot open", err);
        return;
    }
    BY_HANDLE_FILE_INFORMATION info;
    if (nc__win_special_kind(h))
        ; /* pipes and devices are skipped, as FIFOs and devices are on Unix */
    else if (!GetFileInformationByHandle(h, &info))
        nc__win_io_error(w->c, source, full, "cannot query", GetLastError());
    else if (!(info.dwFileAttributes & (FILE_ATTRIBUTE_DIRECTORY | FILE_ATTRIBUTE_DEVICE)))
        nc__win_file_read(w, source, full, h, &info, role, NULL);
    CloseHandle(h);
}

static nativecerts_source_status finish(nc__collect *c, uint32_t source,
                                        nativecerts_source_status s)
{
    nc__collect_status(c, source, s);
    return s;
}

nativecerts_source_status nc__win_dir_load(nc__win_load *w, uint32_t source, const char *path,
                                           nc__role role)
{
    nc__collect *c = w->c;
    DWORD err;
    HANDLE h = nc__win_open(path, &err);
    if (h == INVALID_HANDLE_VALUE && err == ERROR_BAD_FILE_TYPE) {
        nc__collect_error(c, source, NATIVECERTS_ERROR_IO, path, 0, ENOTDIR,
                          "cannot open directory: it is a device");
        return finish(c, source, NATIVECERTS_STATUS_FAILED);
    }
    if (h == INVALID_HANDLE_VALUE) {
        nc__win_io_error(c, source, path, "cannot open directory", err);
        return finish(c, source,
                      nc__win_errno(err) == ENOENT ? NATIVECERTS_STATUS_MISSING
                                                   : NATIVECERTS_STATUS_FAILED);
    }
    BY_HANDLE_FILE_INFORMATION info;
    BOOL ok = GetFileInformationByHandle(h, &info);
    err = ok ? 0 : GetLastError();
    CloseHandle(h);
    if (!ok) {
        nc__win_io_error(c, source, path, "cannot query directory", err);
        return finish(c, source, NATIVECERTS_STATUS_FAILED);
    }
    if (!(info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)) {
        nc__collect_error(c, source, NATIVECERTS_ERROR_IO, path, 0, ENOTDIR,
                          "cannot open directory");
        return finish(c, source, NATIVECERTS_STATUS_FAILED);
    }
    /* The same directory by another name (a link, a junction, another case): once. */
    uint64_t dev = info.dwVolumeSerialNumber;
    uint64_t ino = (uint64_t)info.nFileIndexHigh << 32 | info.nFileIndexLow;
    uint32_t earlier;
    if (nc__collect_dir_once(c, dev, ino, source, role, &earlier)) {
        nc__collect_same_as(c, source, earlier);
        return NATIVECERTS_STATUS_SAME_AS_OTHER;
    }

    name_list names = {0};
    int failed = list_names(w, source, path, &names) != 0;
    /* Sorted names make "the first source that trusted it" the same on every machine. */
    if (names.n) qsort(names.names, names.n, sizeof *names.names, compare_names);
    for (size_t i = 0; i < names.n && !nc__collect_failed(c); i++) {
        char *full = join(path, names.names[i]);
        if (!full) {
            nc__collect_exhausted(c, ENOMEM);
            break;
        }
        load_entry(w, source, full, role);
        free(full);
    }
    name_list_free(&names);
    return finish(c, source, failed ? NATIVECERTS_STATUS_FAILED : NATIVECERTS_STATUS_USED);
}
