/* The errors of a load: each recorded against its source with a message of one line
 * (the path escaped, the errno in English words whatever the locale), the distrust
 * place it leaves incomplete, and the failure of the whole load when the system runs
 * out of memory or descriptors (docs/fail-closed.md). Errors are gathered for the
 * result, never printed (docs/loading.md). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/collect_state.h"

int nc__collect_failed(const nc__collect *c)
{
    return c->oom;
}

int nc__errno_is_exhaustion(long err)
{
    return err == EMFILE || err == ENFILE || err == ENOMEM
#ifdef ENOBUFS
           || err == ENOBUFS
#endif
        ;
}

void nc__collect_exhausted(nc__collect *c, int err)
{
    c->oom = 1; /* ENOMEM from the system is memory all the same: NATIVECERTS_ENOMEM */
    if (!c->resource_err && err != ENOMEM) c->resource_err = err ? err : EMFILE;
}

/* English words for the errno values a load can meet, as glibc writes them, whatever
 * the locale: a program that calls setlocale() still gets the same messages (strerror
 * would translate them), and they read the same on every system. Each value is guarded:
 * not every C library defines all of them, and some are aliases (ENOTSUP, EOPNOTSUPP),
 * where the first row wins. */
static const struct errno_word {
    int err;
    const char *text;
} errno_words[] = {
#ifdef EPERM
    {EPERM, "Operation not permitted"},
#endif
#ifdef ENOENT
    {ENOENT, "No such file or directory"},
#endif
#ifdef EINTR
    {EINTR, "Interrupted system call"},
#endif
#ifdef EIO
    {EIO, "Input/output error"},
#endif
#ifdef ENXIO
    {ENXIO, "No such device or address"},
#endif
#ifdef EBADF
    {EBADF, "Bad file descriptor"},
#endif
#ifdef EAGAIN
    {EAGAIN, "Resource temporarily unavailable"},
#endif
#ifdef ENOMEM
    {ENOMEM, "Cannot allocate memory"},
#endif
#ifdef EACCES
    {EACCES, "Permission denied"},
#endif
#ifdef EFAULT
    {EFAULT, "Bad address"},
#endif
#ifdef EBUSY
    {EBUSY, "Device or resource busy"},
#endif
#ifdef EEXIST
    {EEXIST, "File exists"},
#endif
#ifdef EXDEV
    {EXDEV, "Invalid cross-device link"},
#endif
#ifdef ENODEV
    {ENODEV, "No such device"},
#endif
#ifdef ENOTDIR
    {ENOTDIR, "Not a directory"},
#endif
#ifdef EISDIR
    {EISDIR, "Is a directory"},
#endif
#ifdef EINVAL
    {EINVAL, "Invalid argument"},
#endif
#ifdef ENFILE
    {ENFILE, "Too many open files in system"},
#endif
#ifdef EMFILE
    {EMFILE, "Too many open files"},
#endif
#ifdef ETXTBSY
    {ETXTBSY, "Text file busy"},
#endif
#ifdef EFBIG
    {EFBIG, "File too large"},
#endif
#ifdef ENOSPC
    {ENOSPC, "No space left on device"},
#endif
#ifdef ESPIPE
    {ESPIPE, "Illegal seek"},
#endif
#ifdef EROFS
    {EROFS, "Read-only file system"},
#endif
#ifdef EMLINK
    {EMLINK, "Too many links"},
#endif
#ifdef EPIPE
    {EPIPE, "Broken pipe"},
#endif
#ifdef ENAMETOOLONG
    {ENAMETOOLONG, "File name too long"},
#endif
#ifdef ENOSYS
    {ENOSYS, "Function not implemented"},
#endif
#ifdef ELOOP
    {ELOOP, "Too many levels of symbolic links"},
#endif
#ifdef EOVERFLOW
    {EOVERFLOW, "Value too large for defined data type"},
#endif
#ifdef EILSEQ
    {EILSEQ, "Invalid or incomplete multibyte or wide character"},
#endif
#ifdef ENOBUFS
    {ENOBUFS, "No buffer space available"},
#endif
#ifdef EOPNOTSUPP
    {EOPNOTSUPP, "Operation not supported"},
#endif
#ifdef ENOTSUP
    {ENOTSUP, "Operation not supported"},
#endif
#ifdef ETIMEDOUT
    {ETIMEDOUT, "Connection timed out"},
#endif
#ifdef ESTALE
    {ESTALE, "Stale file handle"},
#endif
#ifdef EDQUOT
    {EDQUOT, "Disk quota exceeded"},
#endif
};

void nc__errno_text(int err, char *buf, size_t n)
{
    for (size_t i = 0; i < sizeof errno_words / sizeof errno_words[0]; i++) {
        if (errno_words[i].err == err) {
            snprintf(buf, n, "%s", errno_words[i].text);
            return;
        }
    }
    snprintf(buf, n, "error %d", err);
}

/* Appends path to the string pool as it is shown in a message: control bytes and DEL
 * as \n, \t or \xHH, and a backslash doubled, so that a message stays one line that
 * a terminal shows as is, whatever bytes a file name holds (UTF-8 passes through).
 * An empty path is shown as ''. Returns the id, or NC__NONE. */
static uint32_t shown_path(nc__collect *c, const char *path)
{
    if (!*path) return nc__collect_str(c, "''");
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++)
        n += *p < 0x20 || *p == 0x7f ? 4 : *p == '\\' ? 2 : 1;
    char *buf = malloc(n + 1), *o = buf;
    if (!buf) {
        c->oom = 1;
        return NC__NONE;
    }
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (*p == '\n')
            o += sprintf(o, "\\n");
        else if (*p == '\t')
            o += sprintf(o, "\\t");
        else if (*p < 0x20 || *p == 0x7f)
            o += sprintf(o, "\\x%02x", *p);
        else if (*p == '\\')
            *o++ = '\\', *o++ = '\\';
        else
            *o++ = (char)*p;
    }
    *o = '\0';
    uint32_t id = nc__collect_strn(c, buf, (size_t)(o - buf));
    free(buf);
    return id;
}

#if defined(__GNUC__)
__attribute__((format(printf, 8, 0)))
#endif
static void
add_error(nc__collect *c, uint32_t source, nativecerts_error_kind kind, const char *path,
          unsigned long line, long err, int recognised, const char *fmt, va_list ap)
{
    /* Out of descriptors or kernel memory: whatever this file held is unknown, and it
     * may have been a distrust. The whole load fails, not this file alone. */
    if (kind == NATIVECERTS_ERROR_IO && nc__errno_is_exhaustion(err)) {
        nc__collect_exhausted(c, (int)err);
        return;
    }
    if (!recognised) {
        nc__collect_incomplete(c, source);
        c->unknown_errors++;
    }
    if (NC__COLLECT_GROW(c, errors, errors_cap, c->nerrors + 1)) return;
    /* The text after the path is ours (fixed words, a PEM label cut short), so a fixed
     * buffer holds it; the path is any length and is not cut. */
    char text[512], sys[160] = "", where[32] = "";
    vsnprintf(text, sizeof text, fmt, ap);
    if (err != 0 && kind != NATIVECERTS_ERROR_OS) { /* an errno value */
        char words[96];
        nc__errno_text((int)err, words, sizeof words);
        snprintf(sys, sizeof sys, ": %s (errno %ld)", words, err);
    } else if (err != 0) {
        snprintf(sys, sizeof sys, " (error %ld)", err);
    }
    if (path && line) snprintf(where, sizeof where, ":%lu", line);
    uint32_t path_id = path ? nc__collect_str(c, path) : NC__NONE;
    uint32_t shown = path ? shown_path(c, path) : NC__NONE;
    if (c->oom) return;
    size_t n = (path ? strlen(c->str + shown) + strlen(where) + 2 : 0) + strlen(text) + strlen(sys);
    char *msg = malloc(n + 1);
    if (!msg) {
        c->oom = 1;
        return;
    }
    if (path)
        snprintf(msg, n + 1, "%s%s: %s%s", c->str + shown, where, text, sys);
    else
        snprintf(msg, n + 1, "%s%s", text, sys);
    uint32_t msg_id = nc__collect_str(c, msg);
    free(msg);
    if (c->oom) return;
    c->errors[c->nerrors++] = (nc__error){kind, path_id, msg_id, line, err, source};
    if (source < c->nsources) c->sources[source].errors++;
}

void nc__collect_error(nc__collect *c, uint32_t source, nativecerts_error_kind kind,
                       const char *path, unsigned long line, long err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_error(c, source, kind, path, line, err, 0, fmt, ap);
    va_end(ap);
}

void nc__collect_error_recognised(nc__collect *c, uint32_t source, nativecerts_error_kind kind,
                                  const char *path, unsigned long line, long err, const char *fmt,
                                  ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_error(c, source, kind, path, line, err, 1, fmt, ap);
    va_end(ap);
}
