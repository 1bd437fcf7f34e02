/* The command's words beside its output (see diagnosis.h). */
#include "diagnosis.h"

#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "report.h"
#include "term_text.h"

#define NONE ((size_t)-1)
#define MISSING_SHOWN 4 /* places that do not exist, named before "N more" */
#define LINK_MAX 4096

static int has_origin(const nativecerts_result *r, size_t i, const char *origin)
{
    const char *o = nativecerts_result_source_origin(r, i);
    return o && strcmp(o, origin) == 0;
}

static int is_added(const nativecerts_result *r, size_t i)
{
    nativecerts_source_kind k = nativecerts_result_source_kind(r, i);
    return has_origin(r, i, "option") &&
           (k == NATIVECERTS_SOURCE_FILE || k == NATIVECERTS_SOURCE_DIRECTORY);
}

static int added_failed(const nativecerts_result *r, size_t i)
{
    nativecerts_source_status s = nativecerts_result_source_status(r, i);
    return is_added(r, i) &&
           (s == NATIVECERTS_STATUS_MISSING || s == NATIVECERTS_STATUS_FAILED ||
            (s == NATIVECERTS_STATUS_USED && nativecerts_result_source_cert_count(r, i) == 0));
}

size_t diagnosis_added_failures(const nativecerts_result *r)
{
    size_t n = 0;
    for (size_t i = 0; i < nativecerts_result_source_count(r); i++)
        n += added_failed(r, i);
    return n;
}

/* Whether the diagnosis shows place i: what the mode read, not what it left unread. */
static int shown(const nativecerts_result *r, size_t i)
{
    nativecerts_source_status status = nativecerts_result_source_status(r, i);
    nativecerts_mode mode = nativecerts_result_mode(r);
    if (status == NATIVECERTS_STATUS_INCOMPLETE || has_origin(r, i, "option")) return 1;
    /* A variable whose path is not shown below, or that was set but not used. */
    if (nativecerts_result_source_kind(r, i) == NATIVECERTS_SOURCE_ENV_VAR)
        return status == NATIVECERTS_STATUS_IGNORED_SETUID || status == NATIVECERTS_STATUS_EMPTY;
    if (mode == NATIVECERTS_MODE_ENVIRONMENT)
        return has_origin(r, i, "SSL_CERT_FILE") || has_origin(r, i, "SSL_CERT_DIR");
    if (mode == NATIVECERTS_MODE_EXPLICIT) return 0;
    return status != NATIVECERTS_STATUS_SHADOWED && status != NATIVECERTS_STATUS_SAME_AS_OTHER &&
           status != NATIVECERTS_STATUS_IGNORED_ENV && status != NATIVECERTS_STATUS_IGNORED_OPTION;
}

/* A place that does not exist, with nothing more to say: no error, not a dangling link. */
static int plain_missing(const nativecerts_result *r, size_t i)
{
    char target[LINK_MAX];
    return nativecerts_result_source_kind(r, i) != NATIVECERTS_SOURCE_ENV_VAR &&
           nativecerts_result_source_status(r, i) == NATIVECERTS_STATUS_MISSING &&
           nativecerts_result_source_error_count(r, i) == 0 &&
           !nativecerts_result_source_dangling_link(r, i, target, sizeof target);
}

int diagnosis_shows_error(const nativecerts_result *r, size_t e)
{
    size_t s = nativecerts_result_error_source(r, e);
    if (s == NONE) return 0;
    return nativecerts_result_count(r) == 0 ? shown(r, s) : added_failed(r, s);
}

static void put_variable(FILE *f, const nativecerts_result *r, size_t i)
{
    const char *value = nativecerts_result_source_value(r, i);
    const char *note = report_variable_note(nativecerts_result_source_status(r, i));
    fputs("  variable ", f);
    term_put(f, nativecerts_result_source_name(r, i));
    fputc('=', f);
    term_put(f, value ? value : "");
    fprintf(f, ": %s", report_status(r, i));
    if (note) fprintf(f, " (%s)", note);
    fputc('\n', f);
}

void diagnosis_print(FILE *f, const nativecerts_result *r)
{
    const char *root = nativecerts_result_root(r);
    const char *mode = nativecerts_mode_name(nativecerts_result_mode(r));
    char *advice = advice_text(r);
    fputs("nativecerts: no trusted CA certificate found", f);
    if (advice_put(f, advice, ADVICE_CAUSES, ": ", "") == 0) fputc('\n', f);
    fprintf(f, "looked at (mode %s, profile %s, root ", mode ? mode : "unknown",
            nativecerts_result_profile(r));
    term_put(f, root ? root : "/");
    fputs("):\n", f);
    size_t missing = 0, said = 0;
    for (size_t i = 0; i < nativecerts_result_source_count(r); i++)
        missing += shown(r, i) && plain_missing(r, i);
    /* All of them when one line would stand for a single place. */
    size_t show = missing <= MISSING_SHOWN + 1 ? missing : MISSING_SHOWN;
    /* Places whose distrust is unknown first: what they could distrust is left out. */
    for (size_t i = 0; i < nativecerts_result_source_count(r); i++)
        if (nativecerts_result_source_status(r, i) == NATIVECERTS_STATUS_INCOMPLETE)
            report_place(f, r, i);
    for (size_t i = 0; i < nativecerts_result_source_count(r); i++) {
        if (!shown(r, i) || nativecerts_result_source_status(r, i) == NATIVECERTS_STATUS_INCOMPLETE)
            continue;
        if (nativecerts_result_source_kind(r, i) == NATIVECERTS_SOURCE_ENV_VAR)
            put_variable(f, r, i);
        else if (!plain_missing(r, i) || said++ < show)
            report_place(f, r, i);
    }
    if (missing > show)
        fprintf(f,
                "  and %zu more places that do not exist (`nativecerts sources` with the same "
                "options lists them all)\n",
                missing - show);
    advice_put(f, advice, ADVICE_STEPS, NULL, "");
    free(advice);
}

void diagnosis_added(FILE *f, const nativecerts_result *r)
{
    char *advice = advice_text(r);
    advice_put(f, advice, ADVICE_CAUSES, NULL, "nativecerts: ");
    advice_put(f, advice, ADVICE_STEPS, NULL, "");
    free(advice);
}

void diagnosis_environment(FILE *f, const nativecerts_result *r)
{
    const char *chose[2], *ignored[2];
    size_t nchose = 0, nignored = 0;
    for (size_t i = 0; i < nativecerts_result_source_count(r); i++) {
        if (nativecerts_result_source_kind(r, i) != NATIVECERTS_SOURCE_ENV_VAR) continue;
        nativecerts_source_status s = nativecerts_result_source_status(r, i);
        if (s == NATIVECERTS_STATUS_USED && nchose < 2)
            chose[nchose++] = nativecerts_result_source_name(r, i);
        if (s == NATIVECERTS_STATUS_IGNORED_SETUID && nignored < 2)
            ignored[nignored++] = nativecerts_result_source_name(r, i);
    }
    if (nativecerts_result_mode(r) == NATIVECERTS_MODE_ENVIRONMENT && nchose > 0)
        fprintf(f,
                "note: %s%s%s %s set: what %s replaces the system store, which was not "
                "read (compare with --no-env)\n",
                chose[0], nchose > 1 ? " and " : "", nchose > 1 ? chose[1] : "",
                nchose > 1 ? "are" : "is", nchose > 1 ? "they name" : "it names");
    if (nignored > 0)
        fprintf(f,
                "note: %s%s%s %s set but ignored, as in every setuid or setgid program: the "
                "system store was read\n",
                ignored[0], nignored > 1 ? " and " : "", nignored > 1 ? ignored[1] : "",
                nignored > 1 ? "are" : "is");
}
