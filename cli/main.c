/* nativecerts — the command. A client of the public API only (it links the shared
 * library, where nothing else is visible).
 *
 *   nativecerts list [--root DIR] [--os PROFILE] [--file PATH]... [--dir PATH]...
 *                    [--no-env] [--no-platform] [--skip-expired]
 *
 * Prints one line per trusted root: its source and DER size. Errors go to stderr as
 * warnings. Exit status: 0 when at least one root is trusted, 2 when none, 1 for
 * usage errors. */
#include <stdio.h>
#include <string.h>

#include "nativecerts.h"

static int usage(FILE *to)
{
    fprintf(to, "usage: nativecerts list [--root DIR] [--os PROFILE] [--file PATH]... "
                "[--dir PATH]...\n"
                "                        [--no-env] [--no-platform] [--skip-expired]\n"
                "       nativecerts --version | --help\n");
    return to == stdout ? 0 : 1;
}

/* Applies one selection option at argv[*i]; returns 0, or 1 for a usage error. */
static int apply_option(nativecerts_options *o, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    const char *v = *i + 1 < argc ? argv[*i + 1] : NULL;
    int r;
    if (!strcmp(a, "--no-env")) return nativecerts_options_set_ignore_env(o, 1) != 0;
    if (!strcmp(a, "--no-platform")) return nativecerts_options_set_skip_platform(o, 1) != 0;
    if (!strcmp(a, "--skip-expired")) return nativecerts_options_set_skip_expired(o, 1) != 0;
    if (!v) return 1;
    if (!strcmp(a, "--root")) {
        /* Inspecting another root: this process's variables do not describe it. */
        r = nativecerts_options_set_root(o, v) || nativecerts_options_set_ignore_env(o, 1);
    } else if (!strcmp(a, "--os")) {
        r = nativecerts_options_set_profile(o, v);
        if (r) fprintf(stderr, "nativecerts: unknown profile '%s'\n", v);
    } else if (!strcmp(a, "--file")) {
        r = nativecerts_options_add_file(o, v);
    } else if (!strcmp(a, "--dir")) {
        r = nativecerts_options_add_dir(o, v);
    } else {
        return 1;
    }
    (*i)++;
    return r != 0;
}

static int list(int argc, char **argv)
{
    nativecerts_options *o;
    if (nativecerts_options_new(&o)) return 1;
    for (int i = 2; i < argc; i++) {
        if (apply_option(o, argc, argv, &i)) {
            fprintf(stderr, "nativecerts: bad option '%s'\n", argv[i]);
            nativecerts_options_free(o);
            return usage(stderr);
        }
    }
    nativecerts_result *r;
    int rc = nativecerts_load(o, &r);
    nativecerts_options_free(o);
    if (rc) {
        fprintf(stderr, "nativecerts: load failed (%s)\n",
                rc == NATIVECERTS_ENOMEM ? "out of memory" : "invalid arguments");
        return 1;
    }
    for (size_t i = 0; i < nativecerts_result_error_count(r); i++)
        fprintf(stderr, "warning: %s\n", nativecerts_result_error_message(r, i));
    size_t n = nativecerts_result_count(r);
    for (size_t i = 0; i < n; i++) {
        size_t len;
        nativecerts_result_der(r, i, &len);
        printf("%s\t%zu\n", nativecerts_result_source(r, i), len);
    }
    if (n == 0)
        fprintf(stderr, "nativecerts: no trusted certificates found (profile %s)\n",
                nativecerts_result_profile(r));
    nativecerts_result_free(r);
    return n ? 0 : 2;
}

int main(int argc, char **argv)
{
    if (argc < 2) return usage(stderr);
    if (!strcmp(argv[1], "--version")) {
        printf("nativecerts %s\n", nativecerts_version());
        return 0;
    }
    if (!strcmp(argv[1], "--help")) return usage(stdout);
    if (!strcmp(argv[1], "list")) return list(argc, argv);
    fprintf(stderr, "nativecerts: unknown command '%s'\n", argv[1]);
    return usage(stderr);
}
