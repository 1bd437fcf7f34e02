/* One certificate file on Windows: refused before opening when the path names a device,
 * checked after opening (only a regular disk file is read, never more than the size
 * limit), read once per load by its identity. */
#include "win/file_load.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/cert_file.h"
#include "win/oserror.h"
#include "win/wide.h"

/* Whether the UTF-16 path names something in the device namespace: \\.\X, a DOS device
 * name anywhere (GetFullPathNameW turns "C:\dir\NUL" into "\\.\NUL"), or \\?\ followed
 * by anything but a drive or UNC path (\\?\pipe\..., \\?\GLOBALROOT\...). */
static int is_device_path(const wchar_t *p)
{
    wchar_t buf[MAX_PATH + 8];
    const wchar_t *full = p;
    if (wcsncmp(p, L"\\\\?\\", 4) != 0) {
        DWORD n = GetFullPathNameW(p, sizeof buf / sizeof buf[0], buf, NULL);
        /* A path too long for buf is not a device name: those are short. */
        if (n > 0 && n < sizeof buf / sizeof buf[0]) full = buf;
    }
    if (wcsncmp(full, L"\\\\.\\", 4) == 0) return 1;
    if (wcsncmp(full, L"\\\\?\\", 4) == 0) {
        const wchar_t *rest = full + 4;
        int drive = rest[0] && rest[1] == L':';
        int unc = _wcsnicmp(rest, L"UNC\\", 4) == 0;
        return !drive && !unc;
    }
    return 0;
}

HANDLE nc__win_open(const char *path, DWORD *err)
{
    wchar_t *w = nc__win_path(path, NULL);
    if (!w) {
        *err = GetLastError();
        return INVALID_HANDLE_VALUE;
    }
    if (is_device_path(w)) {
        free(w);
        *err = ERROR_BAD_FILE_TYPE; /* told apart by the caller: not an I/O failure */
        return INVALID_HANDLE_VALUE;
    }
    /* BACKUP_SEMANTICS opens directories too, so that they are reported as such. */
    HANDLE h =
        CreateFileW(w, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                    OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS | FILE_FLAG_SEQUENTIAL_SCAN, NULL);
    *err = h == INVALID_HANDLE_VALUE ? GetLastError() : 0;
    free(w);
    return h;
}

static uint64_t file_size(const BY_HANDLE_FILE_INFORMATION *info)
{
    return (uint64_t)info->nFileSizeHigh << 32 | info->nFileSizeLow;
}

static uint64_t file_index(const BY_HANDLE_FILE_INFORMATION *info)
{
    return (uint64_t)info->nFileIndexHigh << 32 | info->nFileIndexLow;
}

const char *nc__win_special_kind(HANDLE h)
{
    switch (GetFileType(h)) {
    case FILE_TYPE_DISK:
    /* The call failed (out of handles or descriptors: Wine then sets no last error).
     * The file information asked next tells what it is, or fails and says why. */
    case FILE_TYPE_UNKNOWN:
        return NULL;
    case FILE_TYPE_PIPE:
        return "a pipe";
    default:
        return "a device";
    }
}

/* Checks what the handle is before anything is read. Something that is not a file is
 * an io error (what the path names is wrong), not a limit. */
static int check_kind_and_size(nc__win_load *w, uint32_t source, const char *path,
                               const BY_HANDLE_FILE_INFORMATION *info)
{
    const char *what = NULL;
    int err = 0;
    if (info->dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
        what = "a directory", err = EISDIR;
    else if (info->dwFileAttributes & FILE_ATTRIBUTE_DEVICE)
        what = "a device";
    if (what) {
        nc__collect_error(w->c, source, NATIVECERTS_ERROR_IO, path, 0, err,
                          "is %s, not a regular file", what);
        return -1;
    }
    if (file_size(info) > w->max_file_size) {
        nc__collect_error(w->c, source, NATIVECERTS_ERROR_LIMIT, path, 0, 0,
                          "file of %llu bytes is over the limit of %llu bytes",
                          (unsigned long long)file_size(info),
                          (unsigned long long)w->max_file_size);
        return -1;
    }
    return 0;
}

/* The most one ReadFile is asked for: its count is a DWORD, and a call of this size
 * stays within what every file system and Wine's read() pass through at once. */
#define READ_CHUNK 0x40000000u

/* Reads h to its end into the load's read buffer. Only a read of 0 bytes is the end: a
 * call returns at most READ_CHUNK bytes, and may return fewer than asked with more to
 * come, so a short read is never taken for the end. A buffer of size + 1 bytes holds
 * the file and sees the end; a file that grew meanwhile is read on, up to the limit. */
static int read_all(nc__win_load *w, uint32_t source, const char *path, HANDLE h, uint64_t size,
                    uint8_t **out, size_t *out_len)
{
    size_t cap = (size_t)size + 1 < 4096 ? 4096 : (size_t)size + 1, n = 0;
    uint8_t *buf = nc__collect_scratch(w->c, cap);
    if (!buf) {
        /* Not an error of this file alone: a file left unread could be the one that
         * distrusts a root, so the whole load fails with ENOMEM (as on Unix). */
        nc__collect_exhausted(w->c, ENOMEM);
        return -1;
    }
    for (;;) {
        if (n == cap) {
            /* Full, and not yet at the end: grow, keeping what was read, up to the limit. */
            buf = nc__collect_read_more(w->c, source, path, w->max_file_size, &cap);
            if (!buf) return -1;
        }
        DWORD want = cap - n > READ_CHUNK ? READ_CHUNK : (DWORD)(cap - n), got = 0;
        if (!ReadFile(h, buf + n, want, &got, NULL)) {
            nc__win_io_error(w->c, source, path, "read failed", GetLastError());
            return -1;
        }
        if (got == 0) break;
        n += got;
    }
    *out = buf;
    *out_len = n;
    return 0;
}

int nc__win_file_read(nc__win_load *w, uint32_t source, const char *path, HANDLE h,
                      const BY_HANDLE_FILE_INFORMATION *info, nc__role role, uint32_t *earlier)
{
    nc__collect *c = w->c;
    uint64_t dev = info->dwVolumeSerialNumber, ino = file_index(info);
    uint32_t file;
    int once = nc__collect_file_once(c, dev, ino, source, path, role, earlier, &file);
    if (once != 0) return once > 0 ? 0 : -1;
    if (check_kind_and_size(w, source, path, info)) return -1;
    uint8_t *buf;
    size_t n;
    if (read_all(w, source, path, h, file_size(info), &buf, &n)) return -1;
    nc__cert_file_parse_read(c, file, source, path, buf, n, role);
    return 1;
}

nativecerts_source_status nc__win_file_load(nc__win_load *w, uint32_t source, const char *path,
                                            nc__role role)
{
    nativecerts_source_status status = NATIVECERTS_STATUS_FAILED;
    DWORD err;
    HANDLE h = nc__win_open(path, &err);
    if (h == INVALID_HANDLE_VALUE) {
        if (err == ERROR_BAD_FILE_TYPE) {
            nc__collect_error(w->c, source, NATIVECERTS_ERROR_IO, path, 0, 0,
                              "is a device, not a regular file");
        } else {
            nc__win_io_error(w->c, source, path, "cannot open", err);
            if (nc__win_errno(err) == ENOENT) status = NATIVECERTS_STATUS_MISSING;
        }
        nc__collect_status(w->c, source, status);
        return status;
    }
    BY_HANDLE_FILE_INFORMATION info;
    const char *special = nc__win_special_kind(h);
    if (special) {
        nc__collect_error(w->c, source, NATIVECERTS_ERROR_IO, path, 0, 0,
                          "is %s, not a regular file", special);
    } else if (!GetFileInformationByHandle(h, &info)) {
        nc__win_io_error(w->c, source, path, "cannot query", GetLastError());
    } else {
        uint32_t earlier = NC__NONE;
        int r = nc__win_file_read(w, source, path, h, &info, role, &earlier);
        if (r == 0) {
            CloseHandle(h);
            nc__collect_same_as(w->c, source, earlier);
            return NATIVECERTS_STATUS_SAME_AS_OTHER;
        }
        if (r > 0) status = NATIVECERTS_STATUS_USED;
    }
    CloseHandle(h);
    nc__collect_status(w->c, source, status);
    return status;
}
