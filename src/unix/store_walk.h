/* What a load read, walked again for a notifier to watch: every directory looked into
 * on the way to each place (the entry looked up there, and the place itself), what
 * links lead to, every entry of a directory place and what it leads to, and the files
 * whose content was read. Paths are resolved as the load resolves them (inside the
 * root, if any, by hand: nothing outside it is looked at), and each directory is handed
 * to the notifier before anything in it is looked at, so that a change after the look
 * is reported. What the notifier did not watch before the load is judged by its change
 * time instead (nc__changed_since). */
#ifndef NC_UNIX_STORE_WALK_H
#define NC_UNIX_STORE_WALK_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "core/backend.h"

/* A directory of the walk: its path inside the root ("" for the root itself), open as
 * fd during the walk, and what the sink made of it (its watch, or -1). */
typedef struct nc__walk_dir {
    const char *canon;
    int fd;
    int watch;
} nc__walk_dir;

typedef struct nc__walk_sink {
    void *ctx;
    /* A directory that the walk looks into, handed over once, before anything in it is
     * looked at: the sink sets d->watch. Returns 1 when it was watched before the load
     * began, 0 when not, -1 when it cannot be watched (the walk stops and fails). */
    int (*dir)(void *ctx, nc__walk_dir *d);
    /* The load depends on entry name of d (NULL: on every entry, a directory place).
     * Returns 0, or -1 on failure. */
    int (*entry)(void *ctx, const nc__walk_dir *d, const char *name);
    /* The load read the content of the regular file name of d, whose lstat is *st (the
     * sink may replace it by a stat taken after it set up a watch). Returns 1 when its
     * content changes were watched before the load began, 0 when not, -1 on failure. */
    int (*content)(void *ctx, const nc__walk_dir *d, const char *name, struct stat *st);
} nc__walk_sink;

/* Walks the places of kind file, directory and distrust directory (others are left
 * alone) as a load with opts resolves them. Sets *recent when something not watched
 * before the load has a change time at or after since_ns (nc__changed_since). Returns
 * 0, or -1 when the walk failed: a sink's failure, memory or descriptors exhausted, or
 * more than the walk's bounds (directories, entries, links). */
int nc__walk_places(const nativecerts_options *opts, const nc__watch_place *places, size_t n,
                    const nc__walk_sink *sink, int64_t since_ns, int *recent);

/* Marks as notified the places that nc__walk_places walks (files and directories). */
void nc__walk_mark_notified(nc__watch_place *places, size_t n);

#endif
