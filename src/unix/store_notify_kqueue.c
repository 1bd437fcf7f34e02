/* Change notification for nativecerts_store on BSD and macOS: one kqueue per store,
 * with an EVFILT_VNODE filter on a descriptor of every directory that the walk looks
 * into (an entry added, removed or renamed there is a write of the directory) and of
 * every file whose content was read (written, extended, removed, renamed, its
 * attributes or links changed). A get polls the queue without waiting.
 *
 * Each vnode costs a descriptor, so the watch is bounded: at most a sixteenth of the
 * descriptor limit (16 at least, 1024 at most: 16 under macOS's default limit of 256).
 * A store that would need more stamps instead, as it does on a file system that
 * cannot be watched. kqueue reports no names, so any change in a watched directory
 * (not only to the entries the load used) loads again.
 *
 * kqueues are not inherited by fork(); the vnode descriptors are: a child notices that
 * it was forked (a page that fork zeroes where minherit(INHERIT_ZERO) exists, the
 * process id elsewhere), closes the descriptors it inherited, and starts anew.
 *
 * Compile-checked only (there is no BSD or macOS machine in CI): see
 * .ci/steps/kqueue-syntax.sh. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/event.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <unistd.h>

#include "unix/store_walk.h"

#if defined(O_EVTONLY) /* macOS: a descriptor for events only, that does not pin a volume */
#define NC__WATCH_OPEN (O_EVTONLY | O_CLOEXEC)
#else
#define NC__WATCH_OPEN (O_RDONLY | O_CLOEXEC)
#endif

#define VNODE_EVENTS                                                                               \
    (NOTE_DELETE | NOTE_WRITE | NOTE_EXTEND | NOTE_ATTRIB | NOTE_LINK | NOTE_RENAME | NOTE_REVOKE)

typedef struct vnode {
    uint64_t dev, ino;
    int fd;
} vnode;

typedef struct vnodes {
    vnode *v;
    size_t n, cap;
} vnodes;

struct nc__notify {
    const nativecerts_options *opts;
    int kq;      /* -1: none (in a forked child until begin, or failed) */
    vnodes now;  /* sorted by (dev, ino) */
    vnodes next; /* during a walk */
    int *dir_fd; /* during a walk: the walk's descriptor of each directory */
    size_t dir_cap;
    size_t limit; /* vnodes at most */
    int raced;
    char *page; /* 1 here, 0 in a forked child; NULL: compare pid */
    size_t page_size;
    pid_t pid;
};

static int cmp_vnode(const void *a, const void *b)
{
    const vnode *x = a, *y = b;
    if (x->dev != y->dev) return x->dev < y->dev ? -1 : 1;
    return x->ino < y->ino ? -1 : x->ino > y->ino;
}

static vnode *find(const vnodes *s, uint64_t dev, uint64_t ino)
{
    vnode key = {dev, ino, -1};
    return s->n ? bsearch(&key, s->v, s->n, sizeof key, cmp_vnode) : NULL;
}

static void close_all(vnodes *s)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i].fd >= 0) close(s->v[i].fd);
    free(s->v);
    memset(s, 0, sizeof *s);
}

static int forked(const nc__notify *n)
{
    return n->page ? n->page[0] == 0 : getpid() != n->pid;
}

static size_t fd_budget(void)
{
    struct rlimit r;
    if (getrlimit(RLIMIT_NOFILE, &r) != 0 || r.rlim_cur == RLIM_INFINITY) return 1024;
    size_t b = (size_t)(r.rlim_cur / 16);
    return b < 16 ? 16 : b > 1024 ? 1024 : b;
}

nc__notify *nc__notify_open(const nativecerts_options *opts)
{
    nc__notify *n = calloc(1, sizeof *n);
    if (!n) return NULL;
    n->opts = opts;
    n->kq = kqueue();
    if (n->kq < 0) {
        free(n);
        return NULL;
    }
    (void)fcntl(n->kq, F_SETFD, FD_CLOEXEC); /* not inherited by fork; exec: close it */
    n->limit = fd_budget();
#if defined(INHERIT_ZERO)
    long size = sysconf(_SC_PAGESIZE);
    n->page_size = (size_t)(size > 0 ? size : 4096);
    void *p = mmap(NULL, n->page_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANON, -1, 0);
    if (p != MAP_FAILED && minherit(p, n->page_size, INHERIT_ZERO) == 0) {
        n->page = p;
        n->page[0] = 1;
    } else if (p != MAP_FAILED) {
        munmap(p, n->page_size);
    }
#endif
    n->pid = getpid();
    return n;
}

void nc__notify_close(nc__notify *n)
{
    if (!n) return;
    if (n->kq >= 0 && !forked(n)) close(n->kq);
    close_all(&n->now);
    close_all(&n->next);
    if (n->page) munmap(n->page, n->page_size);
    free(n);
}

/* Takes every pending event; returns 1 when there was one (or the queue failed). */
static int drain(nc__notify *n, int all)
{
    struct kevent ev[16];
    struct timespec zero = {0, 0};
    int found = 0;
    for (;;) {
        int k = kevent(n->kq, NULL, 0, ev, 16, &zero);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) return 1;
        if (k == 0) return found;
        found = 1;
        if (!all) return 1;
    }
}

void nc__notify_begin(nc__notify *n)
{
    if (forked(n)) {
        /* The kqueue stayed with the parent; the vnode descriptors came along. */
        close_all(&n->now);
        n->kq = kqueue();
        if (n->kq >= 0) (void)fcntl(n->kq, F_SETFD, FD_CLOEXEC);
        if (n->page) n->page[0] = 1;
        n->pid = getpid();
    }
    if (n->kq >= 0) drain(n, 1);
}

int nc__notify_changed(nc__notify *n)
{
    if (n->kq < 0 || forked(n)) return 1;
    return drain(n, 0);
}

/* Watches the vnode (dev, ino), reached as name of directory fd dir (NULL: dir
 * itself). Returns 1 when it was watched before the walk, 0 when now, -1 on failure. */
static int watch_vnode(nc__notify *n, int dir, const char *name, uint64_t dev, uint64_t ino)
{
    if (find(&n->next, dev, ino)) return find(&n->now, dev, ino) != NULL;
    if (n->next.n == n->next.cap) {
        size_t cap = n->next.cap ? 2 * n->next.cap : 32;
        vnode *v = realloc(n->next.v, cap * sizeof *v);
        if (!v) return -1;
        n->next.v = v;
        n->next.cap = cap;
    }
    vnode *old = find(&n->now, dev, ino);
    if (old) { /* its descriptor and filter move over */
        n->next.v[n->next.n++] = *old;
        old->fd = -1;
    } else {
        if (n->next.n >= n->limit) return -1;
        int fd = openat(dir, name ? name : ".", NC__WATCH_OPEN | O_NONBLOCK | O_NOFOLLOW);
        if (fd < 0) {
            if (errno == ENOENT || errno == ENOTDIR || errno == ELOOP) {
                n->raced = 1; /* changed under the walk: its directory's watch saw it */
                return 0;
            }
            return -1;
        }
        struct kevent ev;
        EV_SET(&ev, (uintptr_t)fd, EVFILT_VNODE, EV_ADD | EV_CLEAR, VNODE_EVENTS, 0, NULL);
        struct stat st;
        if (kevent(n->kq, &ev, 1, NULL, 0, NULL) != 0 || fstat(fd, &st) != 0) {
            close(fd);
            return -1;
        }
        if ((uint64_t)st.st_dev != dev || (uint64_t)st.st_ino != ino) n->raced = 1;
        n->next.v[n->next.n++] = (vnode){dev, ino, fd};
    }
    /* Kept sorted for find(): the insertion is at the end, move it into place. */
    for (size_t i = n->next.n - 1; i > 0 && cmp_vnode(&n->next.v[i - 1], &n->next.v[i]) > 0; i--) {
        vnode t = n->next.v[i];
        n->next.v[i] = n->next.v[i - 1];
        n->next.v[i - 1] = t;
    }
    return old != NULL;
}

static int sink_dir(void *ctx, nc__walk_dir *d)
{
    struct stat st;
    if (fstat(d->fd, &st) != 0) return -1;
    return watch_vnode(ctx, d->fd, NULL, (uint64_t)st.st_dev, (uint64_t)st.st_ino);
}

static int sink_entry(void *ctx, const nc__walk_dir *d, const char *name)
{
    (void)ctx;
    (void)d;
    (void)name;
    return 0; /* the directory's vnode reports every entry's change */
}

static int sink_content(void *ctx, const nc__walk_dir *d, const char *name, struct stat *st)
{
    nc__notify *n = ctx;
    int covered = watch_vnode(n, d->fd, name, (uint64_t)st->st_dev, (uint64_t)st->st_ino);
    /* Judged from after the watch was set up: a change before it has a recent time. */
    if (covered == 0 && fstatat(d->fd, name, st, AT_SYMLINK_NOFOLLOW) != 0) n->raced = 1;
    return covered;
}

int nc__notify_watch(nc__notify *n, nc__watch_place *places, size_t count, int64_t since_ns)
{
    if (n->kq < 0) return -1;
    n->raced = 0;
    nc__walk_sink sink = {n, sink_dir, sink_entry, sink_content};
    int recent = 0;
    if (nc__walk_places(n->opts, places, count, &sink, since_ns, &recent) != 0) {
        close_all(&n->next);
        return -1; /* the store stamps, and closes this */
    }
    int r = drain(n, 1) | recent | n->raced;
    close_all(&n->now); /* what no longer leads anywhere (moved vnodes have fd -1) */
    n->now = n->next;
    memset(&n->next, 0, sizeof n->next);
    nc__walk_mark_notified(places, count);
    return r;
}
