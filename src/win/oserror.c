/* Mapping Win32 errors onto the result's error kinds. */
#include "win/oserror.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "win/wide.h"

int nc__win_exhaustion(DWORD err)
{
    /* Store calls may answer with the HRESULT form of a Win32 code (E_OUTOFMEMORY). */
    if ((err & 0xFFFF0000u) == 0x80070000u) err &= 0xFFFFu;
    switch (err) {
    case ERROR_TOO_MANY_OPEN_FILES:
        return EMFILE;
    case ERROR_NO_SYSTEM_RESOURCES:
        return ENOBUFS;
    case ERROR_NOT_ENOUGH_MEMORY:
    case ERROR_OUTOFMEMORY:
        return ENOMEM;
    default:
        return 0;
    }
}

int nc__win_errno(DWORD err)
{
    int exhausted = nc__win_exhaustion(err);
    if (exhausted) return exhausted;
    switch (err) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
    case ERROR_INVALID_DRIVE:
    case ERROR_BAD_NETPATH:
    case ERROR_BAD_NET_NAME:
    case ERROR_INVALID_NAME:
    case ERROR_BAD_PATHNAME:
        return ENOENT;
    case ERROR_ACCESS_DENIED:
    case ERROR_SHARING_VIOLATION:
    case ERROR_LOCK_VIOLATION:
    case ERROR_PRIVILEGE_NOT_HELD:
        return EACCES;
    case ERROR_FILENAME_EXCED_RANGE:
        return ENAMETOOLONG;
    case ERROR_DIRECTORY:
        return ENOTDIR;
    case ERROR_CANT_RESOLVE_FILENAME:
        return ELOOP;
    case ERROR_NO_UNICODE_TRANSLATION:
        return EILSEQ;
    case ERROR_PIPE_BUSY:
        return EBUSY;
    default:
        return EIO;
    }
}

void nc__win_io_error(nc__collect *c, uint32_t source, const char *path, const char *what,
                      DWORD err)
{
    nc__collect_error(c, source, NATIVECERTS_ERROR_IO, path, 0, nc__win_errno(err),
                      "%s (Windows error %lu)", what, (unsigned long)err);
}

/* The system's words for err, in UTF-8 without the trailing ".\r\n"; "" if none. */
static void os_words(DWORD err, char *buf, size_t n)
{
    wchar_t w[256];
    DWORD len = FormatMessageW(FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, NULL,
                               err, 0, w, sizeof w / sizeof w[0], NULL);
    while (len > 0 &&
           (w[len - 1] == L'\r' || w[len - 1] == L'\n' || w[len - 1] == L'.' || w[len - 1] == L' '))
        len--;
    char *s = len ? nc__win_utf8(w, (int)len) : NULL;
    snprintf(buf, n, "%s%s", s ? ": " : "", s ? s : "");
    free(s);
}

void nc__win_os_error(nc__collect *c, uint32_t source, const char *store, const char *what,
                      DWORD err)
{
    /* Out of memory or handles: what this call would have listed is unknown, and it may
     * have been a distrust. The whole load fails (as an io error with errno does). */
    int exhausted = nc__win_exhaustion(err);
    if (exhausted) {
        nc__collect_exhausted(c, exhausted);
        return;
    }
    char words[300];
    os_words(err, words, sizeof words);
    /* Store codes are often HRESULTs (CRYPT_E_*): shown in hex, as Microsoft lists them. */
    nc__collect_error(c, source, NATIVECERTS_ERROR_OS, NULL, 0, (long)err, "%s: %s%s [0x%08lx]",
                      store, what, words, (unsigned long)err);
}
