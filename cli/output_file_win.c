/* The export's files on Windows (see output_file.h). Paths are in the ANSI code page, as
 * the command's argv is. A replaced file takes the security of its directory, as any new
 * file there: Windows has no owner and mode to carry over the way Unix does. */
#define _CRT_RAND_S /* rand_s */
#include "output_file.h"

#include <direct.h>
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "export.h"

/* The errno value that names a Windows error in a message. */
static int errno_of(DWORD error)
{
    switch (error) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
        return ENOENT;
    case ERROR_ACCESS_DENIED:
    case ERROR_SHARING_VIOLATION:
    case ERROR_LOCK_VIOLATION:
        return EACCES;
    case ERROR_DISK_FULL:
    case ERROR_HANDLE_DISK_FULL:
        return ENOSPC;
    case ERROR_FILE_EXISTS:
    case ERROR_ALREADY_EXISTS:
        return EEXIST;
    case ERROR_NOT_ENOUGH_MEMORY:
    case ERROR_OUTOFMEMORY:
        return ENOMEM;
    default:
        return EIO;
    }
}

static int out_of_memory(const char *path)
{
    return export_failed("out of memory writing", path, ENOMEM);
}

static int is_separator(char c)
{
    return c == '/' || c == '\\';
}

/* The directory holding path: "a\b" -> "a", "b" -> ".", "\b" -> "\", "C:\b" -> "C:\",
 * "C:b" -> "C:". */
static char *dir_of(const char *path)
{
    size_t drive = path[0] && path[1] == ':' ? 2 : 0, n = 0;
    for (size_t i = drive; path[i]; i++)
        if (is_separator(path[i])) n = i == drive ? drive + 1 : i;
    if (!n) n = drive;
    if (!n) return _strdup(".");
    char *dir = malloc(n + 1);
    if (dir) {
        memcpy(dir, path, n);
        dir[n] = '\0';
    }
    return dir;
}

static char *join(const char *dir, const char *name)
{
    size_t len = strlen(dir), n = len + 1 + strlen(name) + 1;
    const char *sep = len && (is_separator(dir[len - 1]) || dir[len - 1] == ':') ? "" : "\\";
    char *path = malloc(n);
    if (path) snprintf(path, n, "%s%s%s", dir, sep, name);
    return path;
}

/* Opens handle h as o->stream. Returns 0 or an errno value; h is closed on failure. */
static int stream_of(output_file *o, HANDLE h)
{
    int fd = _open_osfhandle((intptr_t)h, _O_WRONLY | _O_BINARY);
    if (fd < 0) {
        CloseHandle(h);
        return errno;
    }
    if ((o->stream = _fdopen(fd, "wb"))) return 0;
    int err = errno;
    _close(fd);
    return err;
}

/* Creates the temporary file in dir that output_commit moves over o->dest: CREATE_NEW
 * fails on any name that exists, and the reparse-point flag keeps it from following a
 * link; rand_s makes the name one nobody can guess. */
static int stage(output_file *o, const char *dir)
{
    o->temp = join(dir, ".nativecerts-0123456789abcdef");
    if (!o->temp) return out_of_memory(o->shown);
    char *random = o->temp + strlen(o->temp) - 16;
    int err = EEXIST;
    for (int tries = 0; tries < 100 && err == EEXIST; tries++) {
        unsigned int a, b;
        if (rand_s(&a) != 0 || rand_s(&b) != 0) {
            err = EIO;
            break;
        }
        snprintf(random, 17, "%08x%08x", a, b);
        HANDLE h = CreateFileA(o->temp, GENERIC_WRITE, 0, NULL, CREATE_NEW,
                               FILE_ATTRIBUTE_NORMAL | FILE_FLAG_OPEN_REPARSE_POINT, NULL);
        if (h == INVALID_HANDLE_VALUE) {
            err = errno_of(GetLastError());
        } else if ((err = stream_of(o, h)) != 0) {
            DeleteFileA(o->temp);
            break;
        }
    }
    if (!err) return 0;
    free(o->temp);
    o->temp = NULL;
    return export_failed("cannot create a temporary file beside", o->shown, err);
}

int output_open(output_file *o, const char *path)
{
    memset(o, 0, sizeof *o);
    o->shown = path;
    DWORD attributes = GetFileAttributesA(path);
    if (attributes != INVALID_FILE_ATTRIBUTES && (attributes & FILE_ATTRIBUTE_DIRECTORY))
        return export_failed("cannot write", path, EISDIR);
    if (!(o->dest = _strdup(path))) return out_of_memory(path);
    /* A device (NUL, CON) or a named pipe is written into, never moved over. */
    HANDLE h = CreateFileA(path, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL,
                           OPEN_EXISTING, 0, NULL);
    if (h != INVALID_HANDLE_VALUE && GetFileType(h) != FILE_TYPE_DISK) {
        int err = stream_of(o, h);
        if (!err) return 0;
        free(o->dest);
        return export_failed("cannot write", path, err);
    }
    if (h != INVALID_HANDLE_VALUE) CloseHandle(h);
    char *dir = dir_of(path);
    int rc = dir ? stage(o, dir) : out_of_memory(path);
    free(dir);
    if (rc != 0) free(o->dest);
    return rc;
}

int output_commit(output_file *o)
{
    int err = 0;
    if (fflush(o->stream) != 0 || ferror(o->stream)) err = errno ? errno : EIO;
    /* On disk before the move, or a crash could leave the name with no content. */
    else if (o->temp && !FlushFileBuffers((HANDLE)_get_osfhandle(_fileno(o->stream))))
        err = errno_of(GetLastError());
    if (fclose(o->stream) != 0 && !err) err = errno;
    int rc = err ? export_failed("cannot write", o->shown, err) : 0;
    if (o->temp) {
        /* A replacing move: the name never goes missing, as it would between a removal
         * and a rename. */
        if (rc == 0 &&
            !MoveFileExA(o->temp, o->dest, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH))
            rc = export_failed("cannot replace", o->shown, errno_of(GetLastError()));
        if (rc != 0) DeleteFileA(o->temp);
    }
    free(o->temp);
    free(o->dest);
    return rc;
}

int output_dir_open(output_dir *d, const char *path)
{
    d->shown = path;
    if (_mkdir(path) != 0 && errno != EEXIST)
        return export_failed("cannot create directory", path, errno);
    DWORD attributes = GetFileAttributesA(path);
    if (attributes == INVALID_FILE_ATTRIBUTES || !(attributes & FILE_ATTRIBUTE_DIRECTORY))
        return export_failed("cannot write into", path, ENOTDIR);
    d->path = _strdup(path);
    return d->path ? 0 : out_of_memory(path);
}

int output_dir_file(output_dir *d, const char *name, output_file *o)
{
    memset(o, 0, sizeof *o);
    o->in_dir = 1;
    o->dest = join(d->path, name);
    if (!o->dest) return out_of_memory(d->shown);
    o->shown = o->dest;
    if (stage(o, d->path) == 0) return 0;
    free(o->dest);
    return -1;
}

int output_dir_remove(output_dir *d, int (*is_stale)(const char *name, void *ctx), void *ctx)
{
    char *pattern = join(d->path, "*");
    if (!pattern) return out_of_memory(d->shown);
    WIN32_FIND_DATAA found;
    HANDLE h = FindFirstFileA(pattern, &found);
    free(pattern);
    if (h == INVALID_HANDLE_VALUE)
        return export_failed("cannot read directory", d->shown, errno_of(GetLastError()));
    int rc = 0;
    do {
        if ((found.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) || !is_stale(found.cFileName, ctx))
            continue;
        char *path = join(d->path, found.cFileName);
        if (!path)
            rc = out_of_memory(d->shown);
        else if (!DeleteFileA(path) && GetLastError() != ERROR_FILE_NOT_FOUND)
            rc = export_failed("cannot remove", path, errno_of(GetLastError()));
        free(path);
    } while (rc == 0 && FindNextFileA(h, &found));
    if (rc == 0 && GetLastError() != ERROR_NO_MORE_FILES)
        rc = export_failed("cannot read directory", d->shown, errno_of(GetLastError()));
    FindClose(h);
    return rc;
}

int output_dir_close(output_dir *d)
{
    free(d->path);
    return 0;
}
