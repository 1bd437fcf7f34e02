/* The sources report, in full (text or JSON) and in short. */
#include "report.h"

#include <string.h>

#include <stdlib.h>

#include "advice.h"
#include "distrust_unknown.h"
#include "json.h"
#include "list.h"
#include "term_text.h"

#define NONE ((size_t)-1)
#define LINK_MAX 4096

/* Every word for an enum value is the library's; a value it cannot name (none today)
 * prints as "unknown" rather than as nothing. */
static const char *or_unknown(const char *word)
{
    return word ? word : "unknown";
}

static const char *mode_name(nativecerts_mode mode)
{
    return or_unknown(nativecerts_mode_name(mode));
}

static const char *mode_meaning(nativecerts_mode mode)
{
    switch (mode) {
    case NATIVECERTS_MODE_PLATFORM:
        return "the system's store, as the profile lists it";
    case NATIVECERTS_MODE_ENVIRONMENT:
        return "SSL_CERT_FILE / SSL_CERT_DIR replace the system's store";
    case NATIVECERTS_MODE_EXPLICIT:
        return "--no-platform: only --file and --dir";
    }
    return "";
}

static const char *kind_name(nativecerts_source_kind kind)
{
    return or_unknown(nativecerts_source_kind_name(kind));
}

const char *report_status(const nativecerts_result *r, size_t i)
{
    return or_unknown(nativecerts_source_status_name(nativecerts_result_source_status(r, i)));
}

const char *report_variable_note(nativecerts_source_status status)
{
    switch (status) {
    case NATIVECERTS_STATUS_IGNORED_OPTION:
        return "by --no-env, --no-platform or --root";
    case NATIVECERTS_STATUS_IGNORED_SETUID:
        return "this program runs setuid or setgid";
    case NATIVECERTS_STATUS_EMPTY:
        return "set to nothing usable";
    default:
        return NULL;
    }
}

static void print_errors_of(FILE *f, const nativecerts_result *r, size_t source, const char *indent)
{
    for (size_t e = 0; e < nativecerts_result_error_count(r); e++) {
        if (nativecerts_result_error_source(r, e) != source) continue;
        fprintf(f, "%serror: ", indent);
        term_put(f, nativecerts_result_error_message(r, e));
        fputc('\n', f);
    }
}

static void print_variables(FILE *f, const nativecerts_result *r)
{
    fputs("variables:\n", f);
    for (size_t i = 0; i < nativecerts_result_source_count(r); i++) {
        if (nativecerts_result_source_kind(r, i) != NATIVECERTS_SOURCE_ENV_VAR) continue;
        const char *value = nativecerts_result_source_value(r, i);
        const char *note = report_variable_note(nativecerts_result_source_status(r, i));
        fputs("  ", f);
        term_put_cell(f, nativecerts_result_source_name(r, i), 13, 0, 1);
        fprintf(f, "  %-14s  ", report_status(r, i));
        term_put(f, !value ? "(not set)" : *value ? value : "\"\"");
        if (note) fprintf(f, "  (%s)", note);
        fputc('\n', f);
        print_errors_of(f, r, i, "    ");
    }
}

void report_place(FILE *f, const nativecerts_result *r, size_t i)
{
    nativecerts_source_status status = nativecerts_result_source_status(r, i);
    const char *origin = nativecerts_result_source_origin(r, i);
    const char *name = nativecerts_result_source_name(r, i);
    char target[LINK_MAX];
    fprintf(f, "  %-14s ", report_status(r, i));
    if (status == NATIVECERTS_STATUS_USED || status == NATIVECERTS_STATUS_INCOMPLETE)
        fprintf(f, "%5zu", nativecerts_result_source_cert_count(r, i));
    else
        fputs("    -", f);
    fprintf(f, "  %-12s ", kind_name(nativecerts_result_source_kind(r, i)));
    term_put(f, *name ? name : "''"); /* SSL_CERT_FILE= names the empty path */
    size_t same = nativecerts_result_source_same_as(r, i);
    if (status == NATIVECERTS_STATUS_SAME_AS_OTHER && same != NONE) {
        fputs("  (same as ", f);
        term_put(f, nativecerts_result_source_name(r, same));
        fputc(')', f);
    }
    if (nativecerts_result_source_dangling_link(r, i, target, sizeof target)) {
        fputs("  (a dangling link to ", f);
        term_put(f, target);
        fputc(')', f);
    }
    if (origin && strcmp(origin, "profile") != 0 && strcmp(origin, "store") != 0)
        fprintf(f, "  (from %s)", strcmp(origin, "option") == 0 ? "--file/--dir" : origin);
    fputc('\n', f);
    print_errors_of(f, r, i, "      ");
}

void report_text(FILE *f, const nativecerts_result *r)
{
    nativecerts_mode mode = nativecerts_result_mode(r);
    const char *root = nativecerts_result_root(r);
    distrust_unknown_lead(f, r, "");
    fprintf(f, "mode:     %s (%s)\n", mode_name(mode), mode_meaning(mode));
    fprintf(f, "profile:  %s\n", nativecerts_result_profile(r));
    fputs("root:     ", f);
    term_put(f, root ? root : "/");
    fputs(root ? "\n" : " (this system)\n", f);
    print_variables(f, r);
    fputs("places:\n  STATUS         CERTS  KIND         PATH\n", f);
    for (size_t i = 0; i < nativecerts_result_source_count(r); i++)
        if (nativecerts_result_source_kind(r, i) != NATIVECERTS_SOURCE_ENV_VAR)
            report_place(f, r, i);
    print_errors_of(f, r, NONE, "  ");
    fprintf(f, "result:   %zu trusted, %zu excluded, %zu errors; %zu files read (%llu bytes)\n",
            nativecerts_result_count(r), nativecerts_result_excluded_count(r),
            nativecerts_result_error_count(r), nativecerts_result_files_read(r),
            (unsigned long long)nativecerts_result_bytes_read(r));
    char *advice = advice_text(r);
    advice_put(f, advice, ADVICE_CAUSES, NULL, "");
    advice_put(f, advice, ADVICE_STEPS, NULL, "");
    free(advice);
}

void report_json(FILE *f, const nativecerts_result *r)
{
    fputc('{', f);
    json_key(f, "mode", 1);
    json_string(f, mode_name(nativecerts_result_mode(r)));
    json_key(f, "profile", 0);
    json_string(f, nativecerts_result_profile(r));
    json_key(f, "root", 0);
    json_string(f, nativecerts_result_root(r));
    json_key(f, "sources", 0);
    fputc('[', f);
    for (size_t i = 0; i < nativecerts_result_source_count(r); i++) {
        size_t same = nativecerts_result_source_same_as(r, i);
        fputs(i ? ",\n{" : "\n{", f);
        json_key(f, "kind", 1);
        json_string(f, kind_name(nativecerts_result_source_kind(r, i)));
        json_key(f, "name", 0);
        json_string(f, nativecerts_result_source_name(r, i));
        json_key(f, "value", 0);
        json_string(f, nativecerts_result_source_value(r, i));
        json_key(f, "origin", 0);
        json_string(f, nativecerts_result_source_origin(r, i));
        json_key(f, "status", 0);
        json_string(f, report_status(r, i));
        json_key(f, "same_as", 0);
        json_uint(f, same, same != NONE);
        json_key(f, "certificates", 0);
        json_uint(f, nativecerts_result_source_cert_count(r, i), 1);
        json_key(f, "errors", 0);
        json_uint(f, nativecerts_result_source_error_count(r, i), 1);
        fputc('}', f);
    }
    fputs("],\n", f);
    json_key(f, "trusted", 1);
    json_uint(f, nativecerts_result_count(r), 1);
    json_key(f, "excluded", 0);
    json_uint(f, nativecerts_result_excluded_count(r), 1);
    json_key(f, "errors", 0);
    fputc('[', f);
    for (size_t i = 0; i < nativecerts_result_error_count(r); i++) {
        fputs(i ? ",\n" : "\n", f);
        list_json_error(f, r, i);
    }
    fputs("],\n", f);
    json_key(f, "files_read", 1);
    json_uint(f, nativecerts_result_files_read(r), 1);
    json_key(f, "bytes_read", 0);
    json_uint(f, nativecerts_result_bytes_read(r), 1);
    json_key(f, "advice", 0);
    char *advice = advice_text(r);
    json_string(f, advice && *advice ? advice : NULL);
    free(advice);
    fputs("}\n", f);
}
