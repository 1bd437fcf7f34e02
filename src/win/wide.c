/* UTF-8 <-> UTF-16 through the Win32 converters, which with MB_ERR_INVALID_CHARS and
 * WC_ERR_INVALID_CHARS refuse ill-formed input instead of substituting U+FFFD. */
#include "win/wide.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

wchar_t *nc__win_wide(const char *s)
{
    size_t len = strlen(s);
    if (len > INT_MAX - 1) {
        SetLastError(ERROR_FILENAME_EXCED_RANGE);
        return NULL;
    }
    int n = len ? MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, (int)len, NULL, 0) : 0;
    if (len && n <= 0) return NULL; /* the last error says why */
    wchar_t *w = malloc(((size_t)n + 1) * sizeof *w);
    if (!w) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    if (len && MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, (int)len, w, n) != n) {
        free(w);
        return NULL;
    }
    w[n] = L'\0';
    return w;
}

char *nc__win_utf8(const wchar_t *w, int n)
{
    if (n < 0) {
        size_t len = wcslen(w);
        if (len > INT_MAX - 1) {
            SetLastError(ERROR_FILENAME_EXCED_RANGE);
            return NULL;
        }
        n = (int)len;
    }
    int m = n ? WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, w, n, NULL, 0, NULL, NULL) : 0;
    if (n && m <= 0) return NULL;
    char *s = malloc((size_t)m + 1);
    if (!s) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    if (n && WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, w, n, s, m, NULL, NULL) != m) {
        free(s);
        return NULL;
    }
    s[m] = '\0';
    return s;
}

/* Room left for a file name under a directory in the classic API (MAX_PATH less an
 * 8.3 name, as CreateDirectoryW counts it). */
#define NC__SHORT_PATH 248

static wchar_t *concat(const wchar_t *a, const wchar_t *b, const wchar_t *c)
{
    size_t la = wcslen(a), lb = wcslen(b), lc = c ? wcslen(c) : 0;
    wchar_t *out = malloc((la + lb + lc + 1) * sizeof *out);
    if (!out) {
        SetLastError(ERROR_NOT_ENOUGH_MEMORY);
        return NULL;
    }
    memcpy(out, a, la * sizeof *out);
    memcpy(out + la, b, lb * sizeof *out);
    if (lc) memcpy(out + la + lb, c, lc * sizeof *out);
    out[la + lb + lc] = L'\0';
    return out;
}

wchar_t *nc__win_path(const char *path, const wchar_t *suffix)
{
    wchar_t *w = nc__win_wide(path);
    if (!w) return NULL;
    size_t len = wcslen(w) + (suffix ? wcslen(suffix) : 0);
    /* Short paths, and paths already in the \\?\ or \\.\ namespaces, go as given. */
    if (len < NC__SHORT_PATH || wcsncmp(w, L"\\\\?\\", 4) == 0 || wcsncmp(w, L"\\\\.\\", 4) == 0) {
        wchar_t *out = suffix ? concat(w, suffix, NULL) : w;
        if (out != w) free(w);
        return out;
    }
    DWORD n = GetFullPathNameW(w, 0, NULL, NULL);
    wchar_t *full = n ? malloc((size_t)n * sizeof *full) : NULL;
    if (n && !full) SetLastError(ERROR_NOT_ENOUGH_MEMORY);
    DWORD got = full ? GetFullPathNameW(w, n, full, NULL) : 0;
    free(w);
    if (!got || got >= n) {
        free(full);
        return NULL;
    }
    /* \\server\share\x becomes \\?\UNC\server\share\x; C:\x becomes \\?\C:\x. */
    wchar_t *out = wcsncmp(full, L"\\\\", 2) == 0 ? concat(L"\\\\?\\UNC", full + 1, suffix)
                                                  : concat(L"\\\\?\\", full, suffix);
    free(full);
    return out;
}
