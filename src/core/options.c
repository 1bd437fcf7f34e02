/* Options setters: copy what they are given, validate what they can. */
#include "core/options.h"

#include <stdlib.h>
#include <string.h>

#include "core/profile.h"

void nc__options_defaults(nativecerts_options *o)
{
    memset(o, 0, sizeof *o);
    o->max_file_size = NC__DEFAULT_MAX_FILE_SIZE;
}

int nativecerts_options_new(nativecerts_options **out)
{
    if (!out) return NATIVECERTS_EINVAL;
    *out = malloc(sizeof **out);
    if (!*out) return NATIVECERTS_ENOMEM;
    nc__options_defaults(*out);
    return NATIVECERTS_OK;
}

void nativecerts_options_free(nativecerts_options *opts)
{
    if (!opts) return;
    for (size_t i = 0; i < opts->npaths; i++)
        free(opts->paths[i].path);
    free(opts->paths);
    free(opts->root);
    free(opts);
}

static char *copy_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p) memcpy(p, s, n);
    return p;
}

static int add_path(nativecerts_options *o, const char *path, int is_dir)
{
    if (!o || !path) return NATIVECERTS_EINVAL;
    if (o->npaths == o->paths_cap) {
        size_t cap = o->paths_cap ? o->paths_cap * 2 : 4;
        nc__path_option *p = realloc(o->paths, cap * sizeof *p);
        if (!p) return NATIVECERTS_ENOMEM;
        o->paths = p;
        o->paths_cap = cap;
    }
    char *copy = copy_string(path);
    if (!copy) return NATIVECERTS_ENOMEM;
    o->paths[o->npaths].path = copy;
    o->paths[o->npaths].is_dir = is_dir;
    o->npaths++;
    return NATIVECERTS_OK;
}

int nativecerts_options_add_file(nativecerts_options *opts, const char *path)
{
    return add_path(opts, path, 0);
}

int nativecerts_options_add_dir(nativecerts_options *opts, const char *path)
{
    return add_path(opts, path, 1);
}

int nativecerts_options_set_ignore_env(nativecerts_options *opts, int on)
{
    if (!opts) return NATIVECERTS_EINVAL;
    opts->ignore_env = on != 0;
    return NATIVECERTS_OK;
}

int nativecerts_options_set_skip_platform(nativecerts_options *opts, int on)
{
    if (!opts) return NATIVECERTS_EINVAL;
    opts->skip_platform = on != 0;
    return NATIVECERTS_OK;
}

int nativecerts_options_set_skip_expired(nativecerts_options *opts, int on)
{
    if (!opts) return NATIVECERTS_EINVAL;
    opts->skip_expired = on != 0;
    return NATIVECERTS_OK;
}

int nativecerts_options_set_time(nativecerts_options *opts, int64_t unix_time)
{
    if (!opts) return NATIVECERTS_EINVAL;
    opts->has_time = 1;
    opts->time = unix_time;
    return NATIVECERTS_OK;
}

int nativecerts_options_set_root(nativecerts_options *opts, const char *dir)
{
    if (!opts) return NATIVECERTS_EINVAL;
    char *copy = NULL;
    if (dir) {
        if (!*dir) return NATIVECERTS_EINVAL;
        copy = copy_string(dir);
        if (!copy) return NATIVECERTS_ENOMEM;
    }
    free(opts->root);
    opts->root = copy;
    return NATIVECERTS_OK;
}

int nativecerts_options_set_profile(nativecerts_options *opts, const char *name)
{
    if (!opts || !name) return NATIVECERTS_EINVAL;
    const nc__profile *p = nc__profile_find(name);
    if (!p) return NATIVECERTS_EINVAL;
    opts->profile = p;
    return NATIVECERTS_OK;
}

int nativecerts_options_set_max_file_size(nativecerts_options *opts, uint64_t bytes)
{
    if (!opts) return NATIVECERTS_EINVAL;
    opts->max_file_size = bytes ? bytes : NC__DEFAULT_MAX_FILE_SIZE;
    return NATIVECERTS_OK;
}

nativecerts_options *nc__options_copy(const nativecerts_options *o)
{
    nativecerts_options *c;
    if (nativecerts_options_new(&c)) return NULL;
    if (!o) return c;
    nc__path_option *paths = c->paths;
    *c = *o;
    c->paths = paths;
    c->npaths = c->paths_cap = 0;
    c->root = NULL;
    int bad = o->root && nativecerts_options_set_root(c, o->root);
    for (size_t i = 0; i < o->npaths && !bad; i++)
        bad = add_path(c, o->paths[i].path, o->paths[i].is_dir);
    if (bad) {
        nativecerts_options_free(c);
        return NULL;
    }
    return c;
}
