/* Change notification for nativecerts_store on Linux: one inotify instance per store,
 * non-blocking, read only when a get asks.
 *
 * Every directory that the walk looks into is watched (one watch per directory, however
 * many paths pass through it), with the names that matter there: the next component of
 * a path, a file read, a link followed, or every name for a directory place. An event
 * is a change when it concerns one of those names, or the directory itself (removed,
 * moved, its permissions changed, its watch dropped), or when the queue overflowed.
 * The content of a file is watched through its directory: a write through that name is
 * reported there. A file with other hard links, which could be written through a name
 * elsewhere, gets a watch of its own.
 *
 * With a root directory each directory is opened inside the root and watched through
 * its descriptor's procfs link (/proc/thread-self/fd/N), which leads to that very
 * directory: nothing outside the root is looked at or watched. Without procfs the
 * store stamps instead. So it does on a file system whose changes inotify may not see
 * (NFS, SMB, FUSE, 9p and the like: changes made by another machine are not reported).
 *
 * After fork() the child would share the parent's queue and take its events: the child
 * notices (a page that fork wipes, and its process id) and opens its own instance at its
 * next get. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "unix/store_walk.h"

#ifndef MADV_WIPEONFORK
#define MADV_WIPEONFORK 18 /* Linux 4.14 */
#endif

#define DIR_MASK                                                                                   \
    (IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_CREATE |            \
     IN_DELETE | IN_DELETE_SELF | IN_MOVE_SELF | IN_EXCL_UNLINK | IN_ONLYDIR)
#define FILE_MASK (IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_DELETE_SELF | IN_MOVE_SELF)

typedef struct interest {
    int wd;
    char *name; /* NULL: every name, and the watched file itself */
} interest;

typedef struct interests {
    interest *v;
    size_t n, cap;
} interests;

struct nc__notify {
    const nativecerts_options *opts;
    int fd;
    interests now; /* sorted by (wd, name) */
    /* During a walk: */
    interests next;
    int raced;        /* something changed under the walk */
    const char *proc; /* "/proc/thread-self/fd" or "/proc/self/fd"; NULL without procfs */
    char *page;       /* 1 in this process; 0 in a child forked from it */
    pid_t pid;        /* where no page can be had */
};

static void clear(interests *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i].name);
    free(s->v);
    memset(s, 0, sizeof *s);
}

static int cmp_interest(const void *a, const void *b)
{
    const interest *x = a, *y = b;
    if (x->wd != y->wd) return x->wd < y->wd ? -1 : 1;
    if (!x->name || !y->name) return (x->name != NULL) - (y->name != NULL);
    return strcmp(x->name, y->name);
}

/* The first interest of wd in s, or NULL. */
static const interest *find_wd(const interests *s, int wd)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->v[mid].wd < wd)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < s->n && s->v[lo].wd == wd ? &s->v[lo] : NULL;
}

static int has_name(const interests *s, int wd, const char *name)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const interest *e = &s->v[mid];
        int c = e->wd != wd ? (e->wd < wd ? -1 : 1) : !e->name ? -1 : strcmp(e->name, name);
        if (c == 0) return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* Whether event e is a change of something s watches. */
static int matters(const interests *s, const struct inotify_event *e)
{
    const interest *first = find_wd(s, e->wd);
    if (!first) return 0;                     /* a watch we dropped */
    if (e->len == 0 || !e->name[0]) return 1; /* the directory or file itself */
    return first->name == NULL || has_name(s, e->wd, e->name);
}

/* The page, and the process id too: qemu-user accepts MADV_WIPEONFORK without
 * honouring it, so that a child would take the parent's events. */
static int forked(const nc__notify *n)
{
    return (n->page && n->page[0] == 0) || getpid() != n->pid;
}

/* Reads the queue until it is empty (all = 1) or until a change of a or b is found.
 * Returns 1 when one was found (or the queue overflowed, or cannot be read), else 0. */
static int drain(nc__notify *n, const interests *a, const interests *b, int all)
{
    union {
        struct inotify_event e;
        char bytes[4096];
    } buf;
    int found = 0;
    for (;;) {
        ssize_t got = read(n->fd, buf.bytes, sizeof buf.bytes);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) return errno == EAGAIN ? found : 1;
        if (got == 0) return 1;
        for (size_t off = 0; off + sizeof(struct inotify_event) <= (size_t)got;) {
            const struct inotify_event *e = (const struct inotify_event *)(buf.bytes + off);
            if ((e->mask & IN_Q_OVERFLOW) || (a && matters(a, e)) || (b && matters(b, e)))
                found = 1;
            off += sizeof *e + e->len;
        }
        if (found && !all) return 1;
    }
}

static int open_instance(nc__notify *n)
{
    n->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    return n->fd >= 0 ? 0 : -1;
}

nc__notify *nc__notify_open(const nativecerts_options *opts)
{
    nc__notify *n = calloc(1, sizeof *n);
    if (!n) return NULL;
    n->opts = opts;
    if (open_instance(n) != 0) {
        free(n);
        return NULL;
    }
    long size = sysconf(_SC_PAGESIZE);
    void *p = mmap(NULL, (size_t)(size > 0 ? size : 4096), PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p != MAP_FAILED && madvise(p, (size_t)(size > 0 ? size : 4096), MADV_WIPEONFORK) == 0) {
        n->page = p;
        n->page[0] = 1;
    } else if (p != MAP_FAILED) {
        munmap(p, (size_t)(size > 0 ? size : 4096));
    }
    n->pid = getpid();
    return n;
}

void nc__notify_close(nc__notify *n)
{
    if (!n) return;
    if (n->fd >= 0) close(n->fd);
    clear(&n->now);
    clear(&n->next);
    if (n->page) {
        long size = sysconf(_SC_PAGESIZE);
        munmap(n->page, (size_t)(size > 0 ? size : 4096));
    }
    free(n);
}

void nc__notify_begin(nc__notify *n)
{
    if (forked(n)) {
        /* The queue is the parent's too: leave its watches alone, start anew. */
        if (n->fd >= 0) close(n->fd);
        clear(&n->now);
        if (open_instance(n) == 0 && n->page) n->page[0] = 1;
        n->pid = getpid();
    }
    if (n->fd >= 0) drain(n, NULL, NULL, 1);
}

int nc__notify_changed(nc__notify *n)
{
    if (n->fd < 0 || forked(n)) return 1;
    return drain(n, &n->now, NULL, 0);
}

/* ---- The walk's sink ------------------------------------------------------------- */

/* Known to report every change through inotify: local file systems. */
static int local_fs(int fd)
{
    static const unsigned long known[] = {
        0xEF53,     /* ext2, ext3, ext4 */
        0x58465342, /* xfs */
        0x9123683E, /* btrfs */
        0x01021994, /* tmpfs */
        0x858458F6, /* ramfs */
        0x794C7630, /* overlayfs (changes made through it) */
        0xF2F52010, /* f2fs */
        0x73717368, /* squashfs (read-only) */
        0xE0F5E1E2, /* erofs (read-only) */
        0x00009660, /* iso9660 (read-only) */
        0x2FC12FC1, /* zfs */
        0xCA451A4E, /* bcachefs */
        0x3153464A, /* jfs */
        0x52654973, /* reiserfs */
        0x00003434, /* nilfs2 */
    };
    struct statfs s;
    if (fstatfs(fd, &s) != 0) return 0;
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if ((unsigned long)s.f_type == known[i]) return 1;
    return 0;
}

static int add(interests *s, int wd, const char *name)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        interest *v = realloc(s->v, cap * sizeof *v);
        if (!v) return -1;
        s->v = v;
        s->cap = cap;
    }
    char *copy = NULL;
    if (name) {
        size_t len = strlen(name) + 1;
        if (!(copy = malloc(len))) return -1;
        memcpy(copy, name, len);
    }
    s->v[s->n++] = (interest){wd, copy};
    return 0;
}

/* Watches the directory or file open as fd, at canon[/name] inside the root. Returns
 * the watch, -1 on failure, -2 when it changed under the walk (it was not watched). */
static int watch_fd(nc__notify *n, int fd, const char *canon, const char *name, uint32_t mask)
{
    char path[PATH_MAX + 32];
    int w;
    if (n->opts->root) { /* through the descriptor: resolved inside the root already */
        if (!n->proc) return -1;
        w = snprintf(path, sizeof path, "%s/%d", n->proc, fd);
    } else {
        mask |= IN_DONT_FOLLOW; /* a component swapped for a link since is a change */
        w = snprintf(path, sizeof path, "/%s%s%s", canon, name && *canon ? "/" : "",
                     name ? name : "");
    }
    if (w < 0 || (size_t)w >= sizeof path) return -1;
    int wd = inotify_add_watch(n->fd, path, mask);
    if (wd >= 0) return wd;
    return errno == ENOENT || errno == ENOTDIR || errno == ELOOP ? -2 : -1;
}

static int sink_dir(void *ctx, nc__walk_dir *d)
{
    nc__notify *n = ctx;
    if (!local_fs(d->fd)) return -1;
    int wd = watch_fd(n, d->fd, d->canon, NULL, DIR_MASK);
    if (wd == -1) return -1;
    if (wd == -2) n->raced = 1; /* not watched: it changed under the walk */
    d->watch = wd < 0 ? -1 : wd;
    return wd >= 0 && find_wd(&n->now, wd) != NULL;
}

static int sink_entry(void *ctx, const nc__walk_dir *d, const char *name)
{
    nc__notify *n = ctx;
    return d->watch < 0 ? 0 : add(&n->next, d->watch, name);
}

static int sink_content(void *ctx, const nc__walk_dir *d, const char *name, struct stat *st)
{
    nc__notify *n = ctx;
    int covered = d->watch >= 0 && find_wd(&n->now, d->watch) != NULL;
    if (st->st_nlink <= 1) return covered;
    /* Writable through another name: a watch of its own, and its times read after. */
    int fd = openat(d->fd, name, O_PATH | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return nc__errno_is_exhaustion(errno) ? -1 : 0;
    int wd = watch_fd(n, fd, d->canon, name, FILE_MASK);
    int r = wd == -1 || (wd >= 0 && add(&n->next, wd, NULL) != 0) ? -1 : 0;
    if (wd == -2) n->raced = 1;
    if (r == 0 && fstat(fd, st) != 0) r = -1;
    close(fd);
    return r < 0 ? -1 : covered && wd >= 0 && find_wd(&n->now, wd) != NULL;
}

static const char *find_proc(void)
{
    static const char *const dirs[] = {"/proc/thread-self/fd", "/proc/self/fd"};
    for (size_t i = 0; i < 2; i++) {
        struct statfs s;
        if (statfs(dirs[i], &s) == 0 && s.f_type == 0x9fa0 /* procfs */) return dirs[i];
    }
    return NULL;
}

int nc__notify_watch(nc__notify *n, nc__watch_place *places, size_t count, int64_t since_ns)
{
    if (n->fd < 0) return -1;
    n->raced = 0;
    n->proc = n->opts->root ? find_proc() : NULL;
    nc__walk_sink sink = {n, sink_dir, sink_entry, sink_content};
    int recent = 0;
    int r = nc__walk_places(n->opts, places, count, &sink, since_ns, &recent);
    if (r == 0) {
        qsort(n->next.v, n->next.n, sizeof *n->next.v, cmp_interest);
        size_t k = 0;
        for (size_t i = 0; i < n->next.n; i++) {
            if (k && cmp_interest(&n->next.v[k - 1], &n->next.v[i]) == 0)
                free(n->next.v[i].name);
            else
                n->next.v[k++] = n->next.v[i];
        }
        n->next.n = k;
        /* Changes during the load and the walk, to the old places or the new. */
        r = drain(n, &n->now, &n->next, 1) | recent | n->raced;
        for (size_t i = 0; i < n->now.n; i++)
            if ((i == 0 || n->now.v[i - 1].wd != n->now.v[i].wd) &&
                !find_wd(&n->next, n->now.v[i].wd))
                inotify_rm_watch(n->fd, n->now.v[i].wd);
        clear(&n->now);
        n->now = n->next;
        memset(&n->next, 0, sizeof n->next);
        nc__walk_mark_notified(places, count);
        return r;
    }
    /* Of no further use: the store stamps, and closes this. */
    clear(&n->next);
    return -1;
}
