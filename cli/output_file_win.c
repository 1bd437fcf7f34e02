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
#include "output_file_os.h"

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
int output_stage_new(output_file *o, const char *dir)
{
    o->temp = output_join(dir, ".nativecerts-0123456789abcdef");
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
    char *dir = output_dir_of(path);
    int rc = dir ? output_stage_new(o, dir) : out_of_memory(path);
    free(dir);
    if (rc != 0) free(o->dest);
    return rc;
}

int output_sync_file(FILE *f)
{
    return FlushFileBuffers((HANDLE)_get_osfhandle(_fileno(f))) ? 0 : errno_of(GetLastError());
}

/* A replacing move: the name never goes missing, as it would between a removal and a
 * rename. */
int output_replace(const char *temp, const char *dest)
{
    return MoveFileExA(temp, dest, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)
               ? 0
               : errno_of(GetLastError());
}

/* MOVEFILE_WRITE_THROUGH has put the move on disk. */
int output_sync_dir(const char *dir, const char *shown)
{
    (void)dir;
    (void)shown;
    return 0;
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

int output_dir_remove(output_dir *d, int (*is_stale)(const char *name, void *ctx), void *ctx)
{
    char *pattern = output_join(d->path, "*");
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
        char *path = output_join(d->path, found.cFileName);
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

int output_dir_link(output_dir *d, const char *name, const char *target, const void *data,
                    size_t len)
{
    (void)target; /* OpenSSL reads a copy under that name as it reads a link */
    return output_dir_write(d, name, data, len);
}
