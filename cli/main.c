/* nativecerts — the command. A client of the public API only: it links the shared
 * library, where nothing else is visible.
 *
 *   nativecerts list    [--json] [SELECTION]
 *   nativecerts export  [--format pem|der|openssl-dir] [--output FILE] [SELECTION]
 *   nativecerts sources [--json] [SELECTION]
 *   nativecerts --version | --help | help COMMAND
 *
 * Exit status (args.h): 0 when at least one root is trusted, 2 when none (after a
 * diagnosis), 4 when a path added with --file or --dir gave no certificate, 1 for usage
 * errors and any failed write, 3 when the load ran out of memory or descriptors. Problems
 * met while loading go to stderr as "warning: MESSAGE", led by the places whose distrust
 * is unknown. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "diagnosis.h"
#include "distrust_unknown.h"
#include "export.h"
#include "help.h"
#include "list.h"
#include "output_file.h"
#include "nativecerts.h"
#include "report.h"
#include "term_text.h"

static void print_warnings(const nativecerts_result *r)
{
    distrust_unknown_lead(stderr, r, "warning: ");
    for (size_t i = 0; i < nativecerts_result_error_count(r); i++) {
        if (distrust_unknown_shown(r, i) || diagnosis_shows_error(r, i)) continue;
        fputs("warning: ", stderr);
        term_put(stderr, nativecerts_result_error_message(r, i));
        fputc('\n', stderr);
    }
}

/* list or export on a result that trusts at least one root: 0, or -1 after saying why. */
static int write_roots(const cli_args *a, const nativecerts_result *r, int added_failed)
{
    if (a->command == CMD_LIST) {
        int rc = a->json ? list_json(stdout, r) : list_table(stdout, r, a->has_at ? &a->at : NULL);
        if (rc != 0) fputs("nativecerts: out of memory\n", stderr);
        if (rc == 0 && !a->json) list_note_excluded(stderr, r);
        return rc;
    }
    /* A bundle without the roots the user added is not the bundle asked for: the old one
     * stays, as when nothing is trusted. */
    if (added_failed) {
        fputs("nativecerts: nothing exported, since a path added with --file or --dir gave no "
              "certificate\n",
              stderr);
        return 0;
    }
    return a->format == FORMAT_DER           ? export_der(r, a->output)
           : a->format == FORMAT_OPENSSL_DIR ? export_openssl_dir(r, a->output)
                                             : export_pem(r, a->output);
}

/* Runs list, export or sources on a loaded result; returns the exit status. */
static int run(const cli_args *a, const nativecerts_result *r)
{
    int found = nativecerts_result_count(r) > 0, rc = 0;
    int added_failed = diagnosis_added_failures(r) > 0;
    if (a->command == CMD_SOURCES) {
        if (a->json)
            report_json(stdout, r);
        else
            report_text(stdout, r);
    } else {
        print_warnings(r);
        if (found) {
            diagnosis_environment(stderr, r);
            rc = write_roots(a, r, added_failed);
            if (added_failed) diagnosis_added(stderr, r);
        } else {
            if (a->command == CMD_LIST && a->json && list_json(stdout, r) != 0) {
                fputs("nativecerts: out of memory\n", stderr);
                rc = -1;
            }
            diagnosis_print(stderr, r);
        }
    }
    /* A write that failed earlier (export) has said why already. */
    if (rc == 0 && output_flush(stdout, "standard output") != 0) rc = -1;
    return rc != 0        ? EXIT_USAGE
           : added_failed ? EXIT_ADDED_PATH
           : !found       ? EXIT_NO_ROOTS
                          : EXIT_ROOTS;
}

/* Why nativecerts_load() returned rc: the whole load failed, on purpose. */
static const char *load_failure(int rc)
{
    switch (rc) {
    case NATIVECERTS_ENOMEM:
        return "nativecerts: out of memory while loading: nothing was loaded, since an unread "
               "file could have distrusted a root; try again\n";
    case NATIVECERTS_ERESOURCE:
        return "nativecerts: out of file descriptors (or kernel buffers) while loading: nothing "
               "was loaded, since an unread file could have distrusted a root; raise the limit "
               "(ulimit -n) or try again\n";
    default:
        return "nativecerts: the load refused its options\n";
    }
}

int main(int argc, char **argv)
{
    cli_args a;
    int status = args_parse(argc, argv, &a);
    if (status == 0 && a.command == CMD_VERSION) printf("nativecerts %s\n", nativecerts_version());
    if (status == 0 && a.command == CMD_HELP) help_command(stdout, a.help_topic);
    if (status != 0 || a.command == CMD_VERSION || a.command == CMD_HELP) {
        if (status == 0 && output_flush(stdout, "standard output") != 0) status = EXIT_USAGE;
        args_free(&a);
        return status;
    }

    nativecerts_options *o = args_options(&a);
    nativecerts_result *r = NULL;
    int have_options = o != NULL; /* args_options said why when it failed */
    int rc = have_options ? nativecerts_load(o, &r) : NATIVECERTS_EINVAL;
    nativecerts_options_free(o);
    if (have_options && rc != NATIVECERTS_OK) fputs(load_failure(rc), stderr);
    status = rc == NATIVECERTS_OK                                      ? run(&a, r)
             : rc == NATIVECERTS_ENOMEM || rc == NATIVECERTS_ERESOURCE ? EXIT_NO_RESOURCE
                                                                       : EXIT_USAGE;
    nativecerts_result_free(r);
    args_free(&a);
    /* Standard error too: a message that could not be written is a failure to say. */
    if (fflush(stderr) != 0 || ferror(stderr)) status = EXIT_USAGE;
    return status;
}
