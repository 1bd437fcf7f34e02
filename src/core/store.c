/* nativecerts_store: the last result, reused while nothing it read has changed.
 *
 * What is watched: every file and directory of the sources report that was used,
 * failed, incomplete, missing, unavailable or the same as another, the OS stores, and
 * the environment variables' values. Where the platform reports changes (inotify on
 * Linux, kqueue on BSD and macOS, registry notifications for the Windows stores), the
 * notifier watches each place and what it leads to; a get then asks it, at the cost of
 * one non-blocking system call, and sees a change at once. Places it cannot watch are
 * stamped (identity, size, modification and change times) and compared at each get: a
 * replaced file or a changed directory is noticed at once, and a distrust directory is
 * stamped entry by entry, links followed, so that nothing there waits either; an
 * in-place edit of a file inside a stamped trust directory waits for the maximum age.
 * An OS store that reports nothing (the macOS keychain) is seen at the maximum age.
 *
 * A change made while a load runs must make the next get load again. A place watched
 * before the load began reports it; for anything else (the first load, a place seen
 * for the first time, a stamped place) a change time close to the load's start counts
 * as such a change, coarse file system clocks allowed for. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(_WIN32)
#include <windows.h>
#endif

#include "core/backend.h"
#include "core/lock.h"
#include "core/options.h"
#include "core/result.h"

#define NC__DEFAULT_MAX_AGE 300
#define NC__NS 1000000000LL
/* Wall and monotonic clocks disagreeing by more than this over a load: the wall clock
 * was stepped, and change times cannot be compared with the load's start. */
#define NC__CLOCK_STEP_NS 50000000LL

typedef struct watched {
    const char *path; /* in the result's strings, kept alive by the store's reference */
    nc__stamp stamp;
    int entries_watched; /* a distrust directory: its entries are stamped too */
    nc__entries_stamp entries;
} watched;

struct nativecerts_store {
    nc__lock *lock;
    nativecerts_options *opts;
    int64_t max_age; /* seconds */
    nativecerts_result *current;
    int64_t loaded_at; /* monotonic ns */
    int reload;        /* the current result is not to be reused: load at the next get */
    nativecerts_store_mode mode;
    nc__notify *notify; /* NULL: none on this platform, or it failed */
    watched *watch;     /* the places that are stamped */
    size_t nwatch;
    char *env_file, *env_dir; /* the values the current result saw (NULL: unset) */
    int env_file_set, env_dir_set;
};

/* ---- Clocks ------------------------------------------------------------------------ */

int64_t nc__wall_ns(void)
{
#if defined(_WIN32)
    /* 100 ns ticks since 1601 (mingw-w64 on msvcrt has no timespec_get). */
    FILETIME f;
    GetSystemTimeAsFileTime(&f);
    int64_t t = (int64_t)((uint64_t)f.dwHighDateTime << 32 | f.dwLowDateTime);
    return (t - 116444736000000000LL) * 100;
#elif !defined(TIME_UTC)
    return (int64_t)time(NULL) * NC__NS; /* no C11 timespec_get: whole seconds */
#else
    struct timespec t;
    if (timespec_get(&t, TIME_UTC) != TIME_UTC) return 0;
    return (int64_t)t.tv_sec * NC__NS + t.tv_nsec;
#endif
}

/* A clock that never steps back, for the maximum age (time asleep included where the
 * system counts it). Read without a system call where the C library can. */
static int64_t monotonic_ns(void)
{
#if defined(_WIN32)
    return (int64_t)GetTickCount64() * 1000000;
#else
    struct timespec t;
#if defined(CLOCK_BOOTTIME)
    if (clock_gettime(CLOCK_BOOTTIME, &t) == 0) return (int64_t)t.tv_sec * NC__NS + t.tv_nsec;
#endif
    if (clock_gettime(CLOCK_MONOTONIC, &t) == 0) return (int64_t)t.tv_sec * NC__NS + t.tv_nsec;
    return 0;
#endif
}

int nc__changed_since(int64_t ctime_ns, int64_t since_ns, int64_t now_ns)
{
    /* A file system with whole-second (or two-second) times, or one of a scheduler
     * tick: a change just after since_ns may carry a time just before it. */
    int64_t slack = ctime_ns % NC__NS == 0 ? 2 * NC__NS : 100000000LL;
    return ctime_ns >= since_ns - slack && ctime_ns <= now_ns + slack;
}

/* ---- The handle -------------------------------------------------------------------- */

int nativecerts_store_new(const nativecerts_options *opts, nativecerts_store **out)
{
    if (!out) return NATIVECERTS_EINVAL;
    *out = NULL;
    nativecerts_store *s = calloc(1, sizeof *s);
    if (!s) return NATIVECERTS_ENOMEM;
    s->lock = nc__lock_new();
    s->opts = nc__options_copy(opts);
    s->max_age = NC__DEFAULT_MAX_AGE;
    if (!s->lock || !s->opts) {
        nativecerts_store_free(s);
        return NATIVECERTS_ENOMEM;
    }
    *out = s;
    return NATIVECERTS_OK;
}

int nativecerts_store_set_max_age(nativecerts_store *s, int64_t seconds)
{
    if (!s || seconds < 0) return NATIVECERTS_EINVAL;
    nc__lock_acquire(s->lock);
    s->max_age = seconds;
    nc__lock_release(s->lock);
    return NATIVECERTS_OK;
}

nativecerts_store_mode nativecerts_store_get_mode(nativecerts_store *s)
{
    if (!s) return NATIVECERTS_STORE_NOT_LOADED;
    nc__lock_acquire(s->lock);
    nativecerts_store_mode m = s->mode;
    nc__lock_release(s->lock);
    return m;
}

static void forget(nativecerts_store *s)
{
    nativecerts_result_free(s->current);
    free(s->watch);
    free(s->env_file);
    free(s->env_dir);
    s->current = NULL;
    s->watch = NULL;
    s->nwatch = 0;
    s->env_file = s->env_dir = NULL;
}

void nativecerts_store_free(nativecerts_store *s)
{
    if (!s) return;
    forget(s);
    nc__notify_close(s->notify);
    nc__lock_free(s->lock);
    nativecerts_options_free(s->opts);
    free(s);
}

/* ---- What a result read ------------------------------------------------------------ */

static int watched_status(nativecerts_source_status st)
{
    return st == NATIVECERTS_STATUS_USED || st == NATIVECERTS_STATUS_FAILED ||
           st == NATIVECERTS_STATUS_MISSING || st == NATIVECERTS_STATUS_SAME_AS_OTHER ||
           st == NATIVECERTS_STATUS_UNAVAILABLE || st == NATIVECERTS_STATUS_INCOMPLETE;
}

/* Stamps the entries of w when it is a distrust directory. Returns 0, or -1 when they
 * cannot be stamped now (then nothing may be reused). */
static int stamp_entries(const nativecerts_options *opts, const watched *w, nc__entries_stamp *out)
{
    memset(out, 0, sizeof *out);
    if (!w->entries_watched) return 0;
#if defined(_WIN32)
    (void)opts;
    return -1; /* no distrust directories there: never reached */
#else
    return nc__backend_stamp_entries(opts, w->path, out);
#endif
}

static char *dup_or_null(const char *v)
{
    if (!v) return NULL;
    size_t n = strlen(v) + 1;
    char *p = malloc(n);
    if (p) memcpy(p, v, n);
    return p;
}

/* Whether a variable differs from what the current result saw (or cannot be read now:
 * out of memory, which the reload then reports). */
static int env_changed(const char *name, int was_set, const char *was)
{
    int ignored;
    char *now;
    if (nc__env_get(name, &now, &ignored) != 0) return 1;
    int changed = (now != NULL) != (was_set != 0) || (now && strcmp(now, was) != 0);
    free(now);
    return changed;
}

/* Records the environment the result saw, and lists its places (kind and name) in
 * *places. Returns the count, or -1 when out of memory. */
static long list_places(nativecerts_store *s, const nativecerts_result *r, nc__watch_place **places)
{
    size_t n = 0;
    *places = NULL;
    for (size_t i = 0; i < r->nsources; i++) {
        const nc__res_source *src = &r->sources[i];
        if (src->kind == NATIVECERTS_SOURCE_ENV_VAR) {
            int file = strcmp(src->name, "SSL_CERT_FILE") == 0;
            char *copy = dup_or_null(src->value);
            if (src->value && !copy) return -1;
            if (file)
                s->env_file = copy, s->env_file_set = src->value != NULL;
            else
                s->env_dir = copy, s->env_dir_set = src->value != NULL;
        } else if (watched_status(src->status)) {
            n++;
        }
    }
    if (n == 0) return 0;
    nc__watch_place *p = calloc(n, sizeof *p);
    if (!p) return -1;
    for (size_t i = 0, k = 0; i < r->nsources; i++) {
        const nc__res_source *src = &r->sources[i];
        if (src->kind != NATIVECERTS_SOURCE_ENV_VAR && watched_status(src->status)) {
            p[k].name = src->name;
            p[k++].kind = src->kind;
        }
    }
    *places = p;
    return (long)n;
}

/* Stamps the places that no notifier watches (OS stores are not stamped: they are
 * seen at the maximum age). Returns 0, 1 when one of them changed recently (at or after
 * since_ns: the load may have read it before that change), or -1 when they cannot be
 * stamped now. */
static int stamp_places(nativecerts_store *s, const nc__watch_place *places, size_t n,
                        int64_t since_ns)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += !places[i].notified && places[i].kind != NATIVECERTS_SOURCE_STORE;
    if (k == 0) return 0;
    s->watch = calloc(k, sizeof *s->watch);
    const char **paths = calloc(k, sizeof *paths);
    nc__stamp *stamps = calloc(k, sizeof *stamps);
    int r = s->watch && paths && stamps ? 0 : -1;
    for (size_t i = 0, j = 0; r == 0 && i < n; i++) {
        if (places[i].notified || places[i].kind == NATIVECERTS_SOURCE_STORE) continue;
        s->watch[j].entries_watched = places[i].kind == NATIVECERTS_SOURCE_DISTRUST_DIR;
        s->watch[j].path = paths[j] = places[i].name;
        j++;
    }
    if (r == 0) {
        s->nwatch = k;
        r = nc__backend_stamp(s->opts, paths, k, stamps) ? -1 : 0;
    }
    int64_t now = nc__wall_ns();
    for (size_t i = 0; r == 0 && i < k; i++) {
        watched *w = &s->watch[i];
        w->stamp = stamps[i];
        if (stamp_entries(s->opts, w, &w->entries) != 0)
            r = -1;
        else if ((w->stamp.exists && nc__changed_since(w->stamp.ctime_ns, since_ns, now)) ||
                 (w->entries.newest_ns && nc__changed_since(w->entries.newest_ns, since_ns, now)))
            r = 1;
    }
    free(stamps);
    free(paths);
    return r;
}

/* Watches what r read; returns 0, or 1 when r must not be reused (something changed
 * while it loaded, or the watches could not all be set up). */
static int watch(nativecerts_store *s, const nativecerts_result *r, int64_t since_ns)
{
    nc__watch_place *places;
    long n = list_places(s, r, &places);
    if (n < 0) {
        s->mode = NATIVECERTS_STORE_STAMPED; /* nothing watched: the next get loads */
        return 1;
    }
    int stale = 0;
    if (s->notify) {
        int w = nc__notify_watch(s->notify, places, (size_t)n, since_ns);
        if (w < 0) { /* the limit, or memory: every place is stamped from now on */
            nc__notify_close(s->notify);
            s->notify = NULL;
            for (long i = 0; i < n; i++)
                places[i].notified = 0;
        }
        stale = w > 0;
    }
    int st = stamp_places(s, places, (size_t)n, since_ns);
    stale |= st != 0;
    s->mode = NATIVECERTS_STORE_NOTIFIED;
    for (long i = 0; i < n; i++) {
        if (places[i].notified) continue;
        if (places[i].kind == NATIVECERTS_SOURCE_STORE)
            s->mode = NATIVECERTS_STORE_MAX_AGE;
        else if (s->mode == NATIVECERTS_STORE_NOTIFIED)
            s->mode = NATIVECERTS_STORE_STAMPED;
    }
    free(places);
    return stale;
}

static int stamp_equal(const nc__stamp *a, const nc__stamp *b)
{
    return a->exists == b->exists && a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
           a->mtime_ns == b->mtime_ns && a->ctime_ns == b->ctime_ns;
}

static int stamps_unchanged(nativecerts_store *s)
{
    if (s->nwatch == 0) return 1;
    const char *stack_paths[64];
    nc__stamp stack_stamps[64];
    const char **paths = s->nwatch <= 64 ? stack_paths : malloc(s->nwatch * sizeof *paths);
    nc__stamp *now = s->nwatch <= 64 ? stack_stamps : malloc(s->nwatch * sizeof *now);
    int same = paths && now;
    for (size_t i = 0; same && i < s->nwatch; i++)
        paths[i] = s->watch[i].path;
    if (same) same = nc__backend_stamp(s->opts, paths, s->nwatch, now) == 0;
    for (size_t i = 0; same && i < s->nwatch; i++) {
        nc__entries_stamp e;
        same = stamp_equal(&now[i], &s->watch[i].stamp) &&
               stamp_entries(s->opts, &s->watch[i], &e) == 0 &&
               e.digest == s->watch[i].entries.digest;
    }
    if (paths != stack_paths) free((void *)paths);
    if (now != stack_stamps) free(now);
    return same;
}

static int unchanged(nativecerts_store *s)
{
    if (!s->current || s->reload) return 0;
    int64_t age = (monotonic_ns() - s->loaded_at) / NC__NS;
    if (s->max_age == 0 || age >= s->max_age) return 0;
    if (!s->opts->ignore_env && !s->opts->skip_platform &&
        (env_changed("SSL_CERT_FILE", s->env_file_set, s->env_file) ||
         env_changed("SSL_CERT_DIR", s->env_dir_set, s->env_dir)))
        return 0;
    if (s->notify && nc__notify_changed(s->notify)) return 0;
    return stamps_unchanged(s);
}

int nativecerts_store_get(nativecerts_store *s, nativecerts_result **out)
{
    if (!s || !out) return NATIVECERTS_EINVAL;
    *out = NULL;
    nc__lock_acquire(s->lock);
    if (!unchanged(s)) {
        /* Reports from here on are changes made during the load. */
        if (!s->notify) s->notify = nc__notify_open(s->opts);
        if (s->notify) nc__notify_begin(s->notify);
        int64_t wall = nc__wall_ns(), mono = monotonic_ns();
        nativecerts_result *r;
        int rc = nativecerts_load(s->opts, &r);
        if (rc) {
            s->reload = 1; /* what the notifier reported was consumed: try again next time */
            nc__lock_release(s->lock);
            return rc;
        }
        forget(s);
        s->current = r;
        s->loaded_at = mono;
        s->reload = watch(s, r, wall);
        /* A wall clock stepped during the load: change times say nothing about it. */
        int64_t dw = nc__wall_ns() - wall, dm = monotonic_ns() - mono;
        if (dw < 0 || dw - dm > NC__CLOCK_STEP_NS || dm - dw > NC__CLOCK_STEP_NS) s->reload = 1;
    }
    nc__result_retain(s->current);
    *out = s->current;
    nc__lock_release(s->lock);
    return NATIVECERTS_OK;
}
