/* Win32 error codes as the result reports them. File and directory errors are kind
 * "io" with an errno value, as on Unix (so that "No such file or directory" reads the
 * same everywhere), the Win32 code named in the text; certificate store errors are kind
 * "os" with the Win32 code itself. */
#ifndef NC_WIN_OSERROR_H
#define NC_WIN_OSERROR_H

#include <stddef.h>
#include <windows.h>

#include "core/collect.h"

/* The errno value for a Win32 code (or its HRESULT form) that means the system ran out
 * of a resource: EMFILE (handles), ENOBUFS (system resources), ENOMEM (memory); else
 * 0. An io error with such an errno fails the whole load (core/collect.h). */
int nc__win_exhaustion(DWORD err);

/* The errno value closest to a Win32 error (EIO when none is), exhaustion included. */
int nc__win_errno(DWORD err);

/* An "io" error for a file operation that failed with err: "<path>: <what> (Windows
 * error <err>): <errno text> (errno <n>)". */
void nc__win_io_error(nc__collect *c, uint32_t source, const char *path, const char *what,
                      DWORD err);

/* An "os" error for a store operation that failed with err: "<store>: <what>: <the
 * system's words> (error <err>)". When err means exhaustion (nc__win_exhaustion) no
 * error is recorded: the whole load fails instead. */
void nc__win_os_error(nc__collect *c, uint32_t source, const char *store, const char *what,
                      DWORD err);

#endif
