/* Windows speaks UTF-16; the library speaks UTF-8 (paths in the API, names in the
 * result). Conversions are strict: text that is not valid UTF-8 or UTF-16 is refused,
 * never replaced, so a path cannot silently turn into another one. */
#ifndef NC_WIN_WIDE_H
#define NC_WIN_WIDE_H

#include <stddef.h>
#include <wchar.h>

/* A malloc'ed UTF-16 copy of the UTF-8 string s, or NULL (invalid UTF-8: the last
 * error is ERROR_NO_UNICODE_TRANSLATION; out of memory: ERROR_NOT_ENOUGH_MEMORY). */
wchar_t *nc__win_wide(const char *s);

/* A malloc'ed UTF-8 copy of w[0..n) (n < 0: up to its NUL), or NULL as above. */
char *nc__win_utf8(const wchar_t *w, int n);

/* The form of a UTF-8 path to pass to CreateFileW and FindFirstFileExW: the path as
 * UTF-16, made absolute with the \\?\ prefix when it is too long for the classic API
 * (MAX_PATH), so that long paths work without the process opting in. suffix (may be
 * NULL) is appended first, e.g. L"\\*" for a directory listing. NULL as above. */
wchar_t *nc__win_path(const char *path, const wchar_t *suffix);

#endif
