/* The walk over what a load read, for the notifiers (see store_walk.h). Paths are
 * resolved one component at a time from the root, links read and their text walked in
 * turn (absolute ones from the root, ".." never above it), as fs.c resolves them by
 * hand; every directory gets a number and a canonical path, so that a directory that
 * many paths pass through (the target of every link of /etc/ssl/certs) is opened and
 * handed to the notifier once, and every entry is looked at once per walk. */
#include "unix/store_walk.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(O_PATH)
#define NC__WALK_DIR_FLAGS O_PATH /* Linux: no read permission needed to pass through */
#else
#define NC__WALK_DIR_FLAGS O_RDONLY
#endif

#define NC__WALK_MAX_DIRS 4096
#define NC__WALK_MAX_ENTRIES 65536
#define NC__WALK_MAX_LINKS 40 /* per path, as Linux's MAXSYMLINKS */

typedef struct wdir {
    nc__walk_dir d; /* d.canon: inside the root, without a leading '/' ("" the root) */
    char *canon;    /* d.canon, owned */
    size_t parent;
    int covered; /* watched before the load began */
} wdir;

enum { M_MISSING, M_DIR, M_LINK, M_FILE, M_OTHER };

typedef struct memo { /* one entry of one directory, looked at once per walk */
    size_t dir;       /* SIZE_MAX: an empty slot */
    char *name;
    char *link;   /* M_LINK: its text */
    size_t child; /* M_DIR: its directory's number once opened, SIZE_MAX before */
    uint8_t kind;
    uint8_t content_done;
    struct stat st; /* M_FILE: as looked at */
} memo;

typedef struct walk {
    const nc__walk_sink *sink;
    wdir *dirs;
    size_t ndirs, dirs_cap;
    memo *slots; /* open addressing on (dir, name) */
    size_t nmemo, slots_cap;
    int64_t since, now;
    int recent;
} walk;

static uint64_t hash_of(size_t dir, const char *name)
{
    uint64_t h = 1469598103934665603ull ^ (uint64_t)dir;
    for (; *name; name++)
        h = (h ^ (unsigned char)*name) * 1099511628211ull;
    return h;
}

static char *dup_str(const char *s, size_t n)
{
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static void judge(walk *w, const struct stat *st)
{
#if defined(__APPLE__)
    int64_t c = (int64_t)st->st_ctimespec.tv_sec * 1000000000 + st->st_ctimespec.tv_nsec;
#else
    int64_t c = (int64_t)st->st_ctim.tv_sec * 1000000000 + st->st_ctim.tv_nsec;
#endif
    if (nc__changed_since(c, w->since, w->now)) w->recent = 1;
}

/* Adds a directory open as fd (taken over) and hands it to the sink. Returns its
 * number, or -1. */
static long add_dir(walk *w, size_t parent, char *canon, int fd)
{
    if (w->ndirs == NC__WALK_MAX_DIRS) goto fail;
    if (w->ndirs == w->dirs_cap) {
        size_t cap = w->dirs_cap ? 2 * w->dirs_cap : 16;
        wdir *d = realloc(w->dirs, cap * sizeof *d);
        if (!d) goto fail;
        w->dirs = d;
        w->dirs_cap = cap;
    }
    size_t idx = w->ndirs++;
    w->dirs[idx] = (wdir){{canon, fd, -1}, canon, parent, 0};
    int covered = w->sink->dir(w->sink->ctx, &w->dirs[idx].d);
    if (covered < 0) return -1;
    w->dirs[idx].covered = covered;
    struct stat st;
    if (!covered) { /* an entry added or removed lately shows in its own times */
        if (fstat(fd, &st) != 0) return -1;
        judge(w, &st);
    }
    return (long)idx;
fail:
    free(canon);
    close(fd);
    return -1;
}

static int grow_memo(walk *w)
{
    size_t cap = w->slots_cap ? 2 * w->slots_cap : 256;
    memo *s = malloc(cap * sizeof *s);
    if (!s) return -1;
    for (size_t i = 0; i < cap; i++)
        s[i].dir = SIZE_MAX;
    for (size_t i = 0; i < w->slots_cap; i++) {
        if (w->slots[i].dir == SIZE_MAX) continue;
        size_t k = (size_t)hash_of(w->slots[i].dir, w->slots[i].name) & (cap - 1);
        while (s[k].dir != SIZE_MAX)
            k = (k + 1) & (cap - 1);
        s[k] = w->slots[i];
    }
    free(w->slots);
    w->slots = s;
    w->slots_cap = cap;
    return 0;
}

/* Entry name of directory dir: looked at (the sink told first), or found looked at
 * already. Returns it, or NULL on failure. */
static memo *look(walk *w, size_t dir, const char *name)
{
    if (2 * (w->nmemo + 1) > w->slots_cap && grow_memo(w) != 0) return NULL;
    size_t k = (size_t)hash_of(dir, name) & (w->slots_cap - 1);
    for (; w->slots[k].dir != SIZE_MAX; k = (k + 1) & (w->slots_cap - 1))
        if (w->slots[k].dir == dir && strcmp(w->slots[k].name, name) == 0) return &w->slots[k];
    if (w->nmemo == NC__WALK_MAX_ENTRIES) return NULL;
    memo m;
    memset(&m, 0, sizeof m);
    m.dir = dir;
    m.name = dup_str(name, strlen(name));
    m.child = SIZE_MAX;
    m.kind = M_MISSING;
    if (!m.name || w->sink->entry(w->sink->ctx, &w->dirs[dir].d, name) != 0) {
        free(m.name);
        return NULL;
    }
    int fd = w->dirs[dir].d.fd;
    struct stat st;
    if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (nc__errno_is_exhaustion(errno)) {
            free(m.name);
            return NULL;
        }
        /* Missing, or not to be looked at (permission): the load saw the same, and the
         * directory's watch reports its change. */
    } else {
        if (!w->dirs[dir].covered) judge(w, &st);
        if (S_ISLNK(st.st_mode)) {
            char text[PATH_MAX];
            ssize_t t = readlinkat(fd, name, text, sizeof text);
            if (t < 0 && nc__errno_is_exhaustion(errno)) {
                free(m.name);
                return NULL;
            }
            if (t > 0 && (size_t)t < sizeof text) {
                m.link = dup_str(text, (size_t)t);
                m.kind = m.link ? M_LINK : M_MISSING;
                if (!m.link) {
                    free(m.name);
                    return NULL;
                }
            }
        } else {
            m.kind = S_ISDIR(st.st_mode) ? M_DIR : S_ISREG(st.st_mode) ? M_FILE : M_OTHER;
            m.st = st;
        }
    }
    w->slots[k] = m;
    w->nmemo++;
    return &w->slots[k];
}

/* The directory that entry m of dir leads to, opened and numbered on first use.
 * Returns its number, -2 when it is no longer a directory there (a change that the
 * watch of dir reports), or -1 on failure. */
static long child_dir(walk *w, size_t dir, memo *m)
{
    if (m->child != SIZE_MAX) return (long)m->child;
    const char *pc = w->dirs[dir].d.canon;
    size_t pl = strlen(pc), nl = strlen(m->name);
    if (pl + 1 + nl >= PATH_MAX) return -2;
    char *canon = malloc(pl + nl + 2);
    if (!canon) return -1;
    memcpy(canon, pc, pl);
    if (pl) canon[pl++] = '/';
    memcpy(canon + pl, m->name, nl + 1);
    int fd = openat(w->dirs[dir].d.fd, m->name,
                    NC__WALK_DIR_FLAGS | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        free(canon);
        return nc__errno_is_exhaustion(e) ? -1 : -2;
    }
    long idx = add_dir(w, dir, canon, fd);
    if (idx >= 0) m->child = (size_t)idx;
    return idx;
}

/* The load read the content of regular file m of dir. */
static int content(walk *w, size_t dir, memo *m)
{
    if (m->content_done) return 0;
    m->content_done = 1;
    struct stat st = m->st; /* looked at after its directory was watched */
    int covered = w->sink->content(w->sink->ctx, &w->dirs[dir].d, m->name, &st);
    if (covered < 0) return -1;
    if (!covered) judge(w, &st);
    return 0;
}

static int list_dir(walk *w, size_t d);

/* Walks path from directory start (the root when it is absolute), as far as it
 * resolves. want_dir: a directory place, whose entries are walked too. */
static int resolve(walk *w, size_t start, const char *path, int want_dir, int links)
{
    char pending[2 * PATH_MAX + 2];
    size_t plen = strlen(path);
    if (plen == 0 || plen >= sizeof pending) return 0;
    memcpy(pending, path, plen + 1);
    size_t cur = path[0] == '/' ? 0 : start, pos = 0;
    while (pos < plen) {
        while (pos < plen && pending[pos] == '/')
            pos++;
        size_t begin = pos;
        while (pos < plen && pending[pos] != '/')
            pos++;
        size_t n = pos - begin;
        if (n == 0 || (n == 1 && pending[begin] == '.')) continue;
        if (n == 2 && pending[begin] == '.' && pending[begin + 1] == '.') {
            cur = w->dirs[cur].parent; /* the root's parent is the root */
            continue;
        }
        if (n > NAME_MAX) return 0;
        char comp[NAME_MAX + 1];
        memcpy(comp, pending + begin, n);
        comp[n] = '\0';
        size_t after = pos;
        while (after < plen && pending[after] == '/')
            after++;
        int last = after == plen;
        memo *m = look(w, cur, comp);
        if (!m) return -1;
        if (m->kind == M_LINK) {
            if (++links > NC__WALK_MAX_LINKS) return 0;
            size_t t = strlen(m->link), rest = plen - pos;
            if (t + 1 + rest + 1 > sizeof pending) return 0;
            memmove(pending + t + 1, pending + pos, rest + 1);
            memcpy(pending, m->link, t);
            pending[t] = '/';
            plen = t + 1 + rest;
            pos = 0;
            if (m->link[0] == '/') cur = 0;
            continue;
        }
        if (m->kind == M_DIR && (!last || want_dir)) {
            long c = child_dir(w, cur, m);
            if (c < 0) return c == -1 ? -1 : 0;
            cur = (size_t)c;
            if (last) return list_dir(w, cur);
            continue;
        }
        if (m->kind == M_FILE && last && !want_dir) return content(w, cur, m);
        return 0; /* missing, or not what the load could use: its directory's watch */
    }
    /* The path named a directory walked to (the root, "dir/.."). */
    return want_dir ? list_dir(w, cur) : 0;
}

/* A directory place: every entry, and what each leads to. */
static int list_dir(walk *w, size_t d)
{
    if (w->sink->entry(w->sink->ctx, &w->dirs[d].d, NULL) != 0) return -1;
    int fd = openat(w->dirs[d].d.fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return nc__errno_is_exhaustion(errno) ? -1 : 0; /* the load saw it too */
    DIR *dir = fdopendir(fd);
    if (!dir) {
        close(fd);
        return -1;
    }
    int r = 0;
    for (;;) {
        errno = 0;
        struct dirent *e = readdir(dir);
        if (!e) {
            if (errno && nc__errno_is_exhaustion(errno)) r = -1;
            break;
        }
        const char *name = e->d_name;
        if (name[0] == '.' && (!name[1] || (name[1] == '.' && !name[2]))) continue;
        memo *m = look(w, d, name);
        if (!m) {
            r = -1;
            break;
        }
        if (m->kind == M_LINK)
            r = resolve(w, d, m->link, 0, 1);
        else if (m->kind == M_FILE)
            r = content(w, d, m);
        if (r) break;
    }
    closedir(dir);
    return r;
}

static int walked(nativecerts_source_kind k)
{
    return k == NATIVECERTS_SOURCE_FILE || k == NATIVECERTS_SOURCE_DIRECTORY ||
           k == NATIVECERTS_SOURCE_DISTRUST_DIR;
}

int nc__walk_places(const nativecerts_options *opts, const nc__watch_place *places, size_t n,
                    const nc__walk_sink *sink, int64_t since_ns, int *recent)
{
    walk w;
    memset(&w, 0, sizeof w);
    w.sink = sink;
    w.since = since_ns;
    w.now = nc__wall_ns();
    int fd = open(opts->root ? opts->root : "/", NC__WALK_DIR_FLAGS | O_DIRECTORY | O_CLOEXEC);
    char *canon = dup_str("", 0);
    int r = fd >= 0 && canon && add_dir(&w, 0, canon, fd) == 0 ? 0 : -1;
    if (r && w.ndirs == 0) {
        if (fd >= 0 && !canon) close(fd);
        if (fd < 0) free(canon);
    }
    for (size_t i = 0; r == 0 && i < n; i++) {
        if (walked(places[i].kind))
            r = resolve(&w, 0, places[i].name, places[i].kind != NATIVECERTS_SOURCE_FILE, 0);
    }
    for (size_t i = 0; i < w.slots_cap; i++) {
        if (w.slots[i].dir == SIZE_MAX) continue;
        free(w.slots[i].name);
        free(w.slots[i].link);
    }
    free(w.slots);
    for (size_t i = 0; i < w.ndirs; i++) {
        free(w.dirs[i].canon);
        close(w.dirs[i].d.fd);
    }
    free(w.dirs);
    *recent = w.recent;
    return r;
}

void nc__walk_mark_notified(nc__watch_place *places, size_t n)
{
    for (size_t i = 0; i < n; i++)
        places[i].notified = walked(places[i].kind);
}
