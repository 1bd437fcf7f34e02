/* Lines that say where the distrust is unknown (see distrust_unknown.h). */
#include "distrust_unknown.h"

#include <string.h>

#include "term_text.h"

#define NONE ((size_t)-1)

static int is_incomplete(const nativecerts_result *r, size_t s)
{
    return nativecerts_result_source_status(r, s) == NATIVECERTS_STATUS_INCOMPLETE;
}

/* The index of the first error that belongs to source s, or NONE. */
static size_t first_error_of(const nativecerts_result *r, size_t s)
{
    for (size_t e = 0; e < nativecerts_result_error_count(r); e++)
        if (nativecerts_result_error_source(r, e) == s) return e;
    return NONE;
}

/* Non-zero when excluded certificate i is distrust-unknown because of a place. */
static int excluded_by_place(const nativecerts_result *r, size_t i, size_t *place)
{
    const char *by = nativecerts_result_excluded_source(r, i);
    for (size_t s = 0; by && s < nativecerts_result_source_count(r); s++) {
        if (is_incomplete(r, s) && strcmp(nativecerts_result_source_name(r, s), by) == 0) {
            if (place) *place = s;
            return 1;
        }
    }
    return 0;
}

static int is_unknown(const nativecerts_result *r, size_t i)
{
    return nativecerts_result_excluded_reason(r, i) == NATIVECERTS_REASON_DISTRUST_UNKNOWN;
}

size_t distrust_unknown_count(const nativecerts_result *r)
{
    size_t n = 0;
    for (size_t i = 0; i < nativecerts_result_excluded_count(r); i++)
        n += is_unknown(r, i);
    return n;
}

static void put_count(FILE *f, size_t n, const char *because)
{
    if (n == 0)
        fprintf(f, "no certificate was excluded %s", because);
    else
        fprintf(f, "%zu certificate%s excluded as distrust-unknown %s", n, n == 1 ? "" : "s",
                because);
}

void distrust_unknown_lead(FILE *f, const nativecerts_result *r, const char *prefix)
{
    size_t others = 0, first_other = NONE;
    for (size_t s = 0; s < nativecerts_result_source_count(r); s++) {
        if (!is_incomplete(r, s)) continue;
        size_t excluded = 0, place, e = first_error_of(r, s);
        for (size_t i = 0; i < nativecerts_result_excluded_count(r); i++)
            excluded += is_unknown(r, i) && excluded_by_place(r, i, &place) && place == s;
        size_t errors = nativecerts_result_source_error_count(r, s);
        fprintf(f, "%sdistrust unknown: ", prefix);
        term_put(f, nativecerts_result_source_name(r, s));
        fputs(" could not be read completely (", f);
        if (e == NONE) {
            fputs("see the errors", f);
        } else {
            term_put(f, nativecerts_result_error_message(r, e));
            if (errors > 1) fprintf(f, "; and %zu more error%s", errors - 1, errors > 2 ? "s" : "");
        }
        fputs("); ", f);
        put_count(f, excluded, "because of it");
        fputc('\n', f);
    }
    for (size_t i = 0; i < nativecerts_result_excluded_count(r); i++) {
        if (!is_unknown(r, i) || excluded_by_place(r, i, NULL)) continue;
        if (others++ == 0) first_other = i;
    }
    if (others > 0) {
        fprintf(f, "%sdistrust unknown: ", prefix);
        put_count(f, others, "because a distrust of them could not be read completely");
        const char *by = nativecerts_result_excluded_source(r, first_other);
        if (by) {
            fputs(" (the first: ", f);
            term_put(f, by);
            fputc(')', f);
        }
        fputc('\n', f);
    }
}

int distrust_unknown_shown(const nativecerts_result *r, size_t e)
{
    size_t s = nativecerts_result_error_source(r, e);
    return s != NONE && is_incomplete(r, s) && first_error_of(r, s) == e;
}
