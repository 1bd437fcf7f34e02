/* The platform seam. A backend knows one OS: how to read its environment safely, how
 * to open files there, and where its store is. It hands the core sources, certificates
 * with provenance and verdicts, and errors, through the calls of core/collect.h on an
 * nc__collect whose fields it cannot see; nothing else. */
#ifndef NC_CORE_BACKEND_H
#define NC_CORE_BACKEND_H

#include "core/collect.h"
#include "core/options.h"
#include "core/profile.h"

typedef struct nc__backend nc__backend;

/* Reads a variable as a setuid-safe program must (secure_getenv or equivalent) into
 * *value: a malloc'ed copy that the caller frees, NULL when unset (or withheld). Sets
 * *ignored when the variable is set but withheld because the process is privileged.
 * Returns 0, or -1 when out of memory. A copy, so that no backend keeps state for it. */
int nc__env_get(const char *name, char **value, int *ignored);

/* The separator of SSL_CERT_DIR: ':' on Unix, ';' on Windows. */
char nc__env_dir_separator(void);

/* Prepares the backend for one load (root directory, limits). Returns NULL when out
 * of memory; an unusable root is reported as an error and loads nothing. */
nc__backend *nc__backend_open(nc__collect *c, const nativecerts_options *opts);
void nc__backend_close(nc__backend *b);

/* The platform store of profile p: sources, certificates, distrust, errors. */
void nc__backend_load_store(nc__backend *b, const nc__profile *p);

/* A file or directory named by the environment or the options; absent is an error. */
void nc__backend_load_file(nc__backend *b, uint32_t source, const char *path);
void nc__backend_load_dir(nc__backend *b, uint32_t source, const char *path);

/* Marks the profile's places as not used (the environment chose, or the options). */
void nc__backend_report_unused(nc__backend *b, const nc__profile *p, nativecerts_source_status why);

/* Reads the whole of a small file at path, resolved as a load with opts would resolve
 * it (root directory included), into buf followed by a NUL; *len (len may be NULL) is
 * its length. Never blocks, never reads what is not a regular file. Returns 0, or a
 * negative errno: -ENOENT or -ENOTDIR when the path does not resolve, -EISDIR or -EINVAL
 * for a directory or another file that is not regular, -EFBIG when the file holds n
 * bytes or more, -ENOSYS where the backend has no such files, or the error of the
 * root, the open or the read. buf's content is undefined on error. */
int nc__backend_read_small_file(const nativecerts_options *opts, const char *path, char *buf,
                                size_t n, size_t *len);

/* When path, resolved inside root (NULL: this system), is a symbolic link that leads
 * nowhere, writes its target into buf (NUL-terminated, cut to n - 1 bytes, n > 0) and
 * returns 1; otherwise 0. Only the link is examined (its directory opened O_PATH). */
int nc__backend_dangling_link(const char *root, const char *path, char *buf, size_t n);

/* What a later load would see of a path: enough to tell that it changed. */
typedef struct nc__stamp {
    int exists;
    uint64_t dev, ino, size;
    int64_t mtime_ns, ctime_ns;
} nc__stamp;

/* Stamps paths as a load with opts would resolve them (root directory included),
 * following links. Returns 0, or -1 when the root cannot be opened. */
int nc__backend_stamp(const nativecerts_options *opts, const char *const *paths, size_t n,
                      nc__stamp *out);

/* What a later load would see of every entry of a directory: each entry's name, its
 * own stamp and that of what it leads to (links followed inside the root; a dangling
 * link stamped as such, so that its target appearing later is a change), folded into
 * one digest. For distrust directories, whose every change must be seen at once.
 * newest_ns: the latest modification or change time among them (a link target
 * renamed into place keeps its modification time; its change time is the rename's). Returns 0, or
 * -1 when the directory (or the root) cannot be read now. Unix only: the places it serves are. */
typedef struct nc__entries_stamp {
    uint64_t digest;
    int64_t newest_ns;
} nc__entries_stamp;
int nc__backend_stamp_entries(const nativecerts_options *opts, const char *path,
                              nc__entries_stamp *out);

/* ---- Change notification for nativecerts_store ------------------------------------ */

/* A place of a result that a store watches: a source's name (a path, or an OS store's
 * name) and kind. The notifier sets notified when it watches the place: every change
 * of it, or of what it leads to, is then reported. */
typedef struct nc__watch_place {
    const char *name;
    nativecerts_source_kind kind;
    int notified;
} nc__watch_place;

typedef struct nc__notify nc__notify;

/* A notifier for a store loading with opts, or NULL where the platform has none or it
 * cannot be had now (out of memory or of descriptors, the system's limit on watches):
 * then the store compares stamps. Starts no thread; its descriptors are close-on-exec. */
nc__notify *nc__notify_open(const nativecerts_options *opts);
void nc__notify_close(nc__notify *n);

/* Before a load: forgets what was reported so far, so that a change made from now on
 * (during the load) is reported to nc__notify_watch. */
void nc__notify_begin(nc__notify *n);

/* After a load that began at wall time since_ns: watches places (replacing the last
 * watches) and sets their notified flags. Returns 0; 1 when a watched place may have
 * changed since nc__notify_begin, or when a place watched only now was changed recently
 * (its change time is near since_ns: the load may have read it before that change);
 * -1 when the places cannot be watched (the system's limit, out of memory, a file system
 * that does not report every change): then nothing is notified and the notifier is of
 * no further use. */
int nc__notify_watch(nc__notify *n, nc__watch_place *places, size_t count, int64_t since_ns);

/* Whether a notified place may have changed since nc__notify_watch: 0 no, 1 yes (or
 * the notifier failed, or the process forked). When nothing changed this costs one
 * non-blocking system call at most. */
int nc__notify_changed(nc__notify *n);

/* Whether a change time ctime_ns may be that of a change made at wall time since_ns or
 * later, now being now_ns: allowing for file systems whose clock is coarse (whole
 * seconds when the nanoseconds are 0, else a scheduler tick), and ignoring times beyond
 * now (set before the clock was stepped back, so before the load). */
int nc__changed_since(int64_t ctime_ns, int64_t since_ns, int64_t now_ns);

/* The wall clock in nanoseconds since 1970 (0 when it cannot be read). */
int64_t nc__wall_ns(void);

#endif
