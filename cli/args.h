/* The command line: `nativecerts COMMAND [OPTIONS] [SELECTION]` (see help.c). */
#ifndef NC_CLI_ARGS_H
#define NC_CLI_ARGS_H

#include <stddef.h>
#include <stdint.h>

#include "nativecerts.h"

/* Exit statuses, as --help, the man page and the README state them (a test compares). */
#define EXIT_ROOTS 0       /* at least one root is trusted (and help, version) */
#define EXIT_USAGE 1       /* a usage error, a failed write, or out of memory in the command */
#define EXIT_NO_ROOTS 2    /* no root is trusted: the diagnosis says why */
#define EXIT_NO_RESOURCE 3 /* the load ran out of memory or descriptors: nothing loaded */
#define EXIT_ADDED_PATH 4  /* a path added with --file or --dir gave no certificate */

typedef enum cli_command {
    CMD_LIST,
    CMD_EXPORT,
    CMD_SOURCES,
    CMD_HELP, /* --help, help [COMMAND], COMMAND --help */
    CMD_VERSION
} cli_command;

typedef enum export_format { FORMAT_PEM, FORMAT_DER, FORMAT_OPENSSL_DIR } export_format;

typedef struct extra_path {
    const char *path; /* from argv */
    int is_dir;
} extra_path;

typedef struct cli_args {
    cli_command command;
    const char *help_topic; /* a command name, or NULL for the overview */
    int json;
    export_format format;
    const char *output; /* export --output, or NULL */

    /* SELECTION */
    const char *root;
    const char *profile;
    extra_path *paths; /* in command-line order */
    size_t npaths;
    int no_env, no_platform, skip_expired;
    int has_at;
    int64_t at;
} cli_args;

/* Reads argv into *a. Returns 0, or EXIT_USAGE after saying why on stderr. Free with
 * args_free() in both cases. */
int args_parse(int argc, char **argv, cli_args *a);
void args_free(cli_args *a);

/* Options for the selection (with --root the library never reads the environment: the
 * variables describe this machine, not the inspected one); --at implies --skip-expired.
 * Returns NULL after saying why on stderr. */
nativecerts_options *args_options(const cli_args *a);

#endif
