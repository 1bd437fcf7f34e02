/* The options a caller set, as the loader reads them. */
#ifndef NC_CORE_OPTIONS_H
#define NC_CORE_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "nativecerts.h"

struct nc__profile;

#define NC__DEFAULT_MAX_FILE_SIZE (64u * 1024 * 1024)

typedef struct nc__path_option {
    char *path;
    int is_dir;
} nc__path_option;

struct nativecerts_options {
    nc__path_option *paths; /* extra files and directories, in the order added */
    size_t npaths, paths_cap;
    int ignore_env;
    int skip_platform;
    int skip_expired;
    int has_time;
    int64_t time;
    char *root;
    const struct nc__profile *profile; /* NULL: the compiled-in one */
    uint64_t max_file_size;
    int resolve_by_hand; /* tests only: skip openat2 even where the kernel has it */
    int ignore_d_type;   /* tests only: treat every directory entry as of unknown type */
    int env_in_root;     /* tests only: read the variables even under a root directory, so
                            that the environment rules run on generated trees */
};

/* The defaults, for a load without options. */
void nc__options_defaults(nativecerts_options *o);

/* A deep copy of o (NULL: the defaults); NULL when out of memory. */
nativecerts_options *nc__options_copy(const nativecerts_options *o);

#endif
