/* nativecerts_store: the last result, reused while nothing it read has changed.
 *
 * What is watched: every file and directory of the sources report that was used,
 * failed, incomplete, missing, unavailable or the same as another (their identity,
 * size, mtime and ctime), and the environment variables' values. A directory's times
 * change when an entry is added, removed or renamed into it — which is how
 * update-ca-certificates, update-ca-trust and certctl replace files — so those are
 * noticed at once. A distrust directory is watched entry by entry as well, links
 * followed and dangling ones included: an in-place edit of a file there, or the target
 * of a link appearing elsewhere, is a lost distrust if it waits, so it is noticed at
 * once too. In a trust directory such changes (same inode, directory untouched) are
 * noticed only at the maximum age, as is anything else the watch list cannot see. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/backend.h"
#include "core/lock.h"
#include "core/options.h"
#include "core/result.h"

#define NC__DEFAULT_MAX_AGE 300

typedef struct watched {
    const char *path; /* in the result's strings, kept alive by the store's reference */
    nc__stamp stamp;
    int entries_watched; /* a distrust directory: its entries are stamped too */
    nc__entries_stamp entries;
} watched;

struct nativecerts_store {
    nc__lock *lock;
    nativecerts_options *opts;
    int64_t max_age;
    nativecerts_result *current;
    int64_t loaded_at;
    watched *watch;
    size_t nwatch;
    char *env_file, *env_dir; /* the values the current result saw (NULL: unset) */
    int env_file_set, env_dir_set;
};

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
    nc__lock_free(s->lock);
    nativecerts_options_free(s->opts);
    free(s);
}

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

/* Builds the watch list of r and stamps it. Returns 0, or -1 (then r is not reused). */
static int watch(nativecerts_store *s, nativecerts_result *r)
{
    size_t n = 0;
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
        } else if (src->kind != NATIVECERTS_SOURCE_STORE && watched_status(src->status)) {
            n++;
        }
    }
    s->watch = n ? calloc(n, sizeof *s->watch) : NULL;
    const char **paths = n ? calloc(n, sizeof *paths) : NULL;
    if (n && (!s->watch || !paths)) {
        free(paths);
        return -1;
    }
    for (size_t i = 0, k = 0; i < r->nsources; i++) {
        const nc__res_source *src = &r->sources[i];
        if (src->kind != NATIVECERTS_SOURCE_ENV_VAR && src->kind != NATIVECERTS_SOURCE_STORE &&
            watched_status(src->status)) {
            s->watch[k].entries_watched = src->kind == NATIVECERTS_SOURCE_DISTRUST_DIR;
            s->watch[k].path = paths[k] = src->name, k++;
        }
    }
    nc__stamp *stamps = n ? calloc(n, sizeof *stamps) : NULL;
    int bad = (n && !stamps) || (n && nc__backend_stamp(s->opts, paths, n, stamps));
    for (size_t i = 0; i < n && !bad; i++) {
        s->watch[i].stamp = stamps[i];
        bad = stamp_entries(s->opts, &s->watch[i], &s->watch[i].entries) != 0;
    }
    free(stamps);
    free(paths);
    s->nwatch = n;
    return bad ? -1 : 0;
}

static int stamp_equal(const nc__stamp *a, const nc__stamp *b)
{
    return a->exists == b->exists && a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
           a->mtime_ns == b->mtime_ns && a->ctime_ns == b->ctime_ns;
}

static int64_t now_ns(void)
{
#if defined(TIME_UTC)
    struct timespec t;
    if (timespec_get(&t, TIME_UTC) != TIME_UTC) return 0;
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
#else
    /* C runtimes without C11's timespec_get (mingw-w64 on msvcrt): whole seconds, which
     * only makes changed_near() reload a little more often. */
    return (int64_t)time(NULL) * 1000000000;
#endif
}

/* A place modified within the last second before the load, or during it: its time
 * stamps may not tell a later change apart (coarse file system clocks), so the next
 * get loads again. */
static int changed_near(const nativecerts_store *s, int64_t started_ns)
{
    for (size_t i = 0; i < s->nwatch; i++)
        if (s->watch[i].stamp.mtime_ns >= started_ns - 1000000000 ||
            s->watch[i].entries.newest_ns >= started_ns - 1000000000)
            return 1;
    return 0;
}

static int unchanged(nativecerts_store *s)
{
    if (!s->current) return 0;
    if (s->max_age == 0 || (int64_t)time(NULL) - s->loaded_at >= s->max_age) return 0;
    if (!s->opts->ignore_env && !s->opts->skip_platform &&
        (env_changed("SSL_CERT_FILE", s->env_file_set, s->env_file) ||
         env_changed("SSL_CERT_DIR", s->env_dir_set, s->env_dir)))
        return 0;
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

int nativecerts_store_get(nativecerts_store *s, nativecerts_result **out)
{
    if (!s || !out) return NATIVECERTS_EINVAL;
    *out = NULL;
    nc__lock_acquire(s->lock);
    if (!unchanged(s)) {
        nativecerts_result *r;
        int64_t started = (int64_t)time(NULL), started_ns = now_ns();
        int rc = nativecerts_load(s->opts, &r);
        if (rc) {
            nc__lock_release(s->lock);
            return rc;
        }
        forget(s);
        s->current = r;
        s->loaded_at = started;
        if (watch(s, r) || changed_near(s, started_ns))
            s->loaded_at = INT64_MIN / 2; /* not to be reused: load again next time */
    }
    nc__result_retain(s->current);
    *out = s->current;
    nc__lock_release(s->lock);
    return NATIVECERTS_OK;
}
