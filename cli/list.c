/* The two outputs of `nativecerts list`. */
#include "list.h"

#include <stdlib.h>
#include <string.h>

#include "cert_fields.h"
#include "json.h"
#include "term_text.h"
#include "utc.h"

/* Columns: 16 + 2 + 10 + 2 + 41 + 2 + 6 = 79, so that a row never wraps at 80. The source
 * column holds a number, and the paths follow the table once each: most roots share a
 * bundle, and a path cut to fit a column would no longer name its file. */
#define FINGERPRINT_COLUMNS 16
#define DATE_COLUMNS 10
#define NAME_COLUMNS 41
#define SOURCE_COLUMNS 6

#define REASONS (NATIVECERTS_REASON_DISTRUST_UNKNOWN + 1) /* reasons are 1 .. the last */

/* The distinct sources of r's trusted roots, in order of first appearance. */
typedef struct source_list {
    const char **names;
    size_t *roots; /* how many trusted roots each gave */
    size_t count;
} source_list;

/* Index of name in the list, added when new. */
static size_t source_number(source_list *l, const char *name)
{
    for (size_t k = 0; k < l->count; k++)
        if (strcmp(l->names[k], name) == 0) return k;
    l->names[l->count] = name;
    l->roots[l->count] = 0;
    return l->count++;
}

int list_table(FILE *f, const nativecerts_result *r)
{
    size_t n = nativecerts_result_count(r);
    source_list sources = {malloc((n + 1) * sizeof(char *)), malloc((n + 1) * sizeof(size_t)), 0};
    int rc = sources.names && sources.roots ? 0 : -1;
    if (rc == 0)
        fprintf(f, "%-*s  %-*s  %-*s  %s\n", FINGERPRINT_COLUMNS, "SHA-256", DATE_COLUMNS,
                "EXPIRES", NAME_COLUMNS, "NAME", "SOURCE");
    for (size_t i = 0; i < n && rc == 0; i++) {
        size_t len;
        const unsigned char *der = nativecerts_result_der(r, i, &len);
        cert_fields c;
        if (cert_fields_read(der, len, &c) != 0) {
            rc = -1;
            break;
        }
        char expires[UTC_TEXT_MAX] = "?";
        if (c.has_validity) utc_format(c.not_after, expires);
        expires[DATE_COLUMNS] = '\0'; /* the date only */
        size_t k = source_number(&sources, nativecerts_result_source(r, i));
        sources.roots[k]++;
        fprintf(f, "%.*s  %-*s  ", FINGERPRINT_COLUMNS, c.sha256, DATE_COLUMNS, expires);
        const char *name = !c.display     ? "(not a valid certificate)"
                           : c.display[0] ? c.display
                                          : "(empty subject)";
        term_put_cell(f, name, NAME_COLUMNS, 0, 1);
        fprintf(f, "  %*zu\n", SOURCE_COLUMNS, k + 1);
        cert_fields_free(&c);
    }
    if (rc == 0) fputs("\nSOURCE\n", f);
    for (size_t k = 0; k < sources.count && rc == 0; k++) {
        fprintf(f, "%*zu  ", SOURCE_COLUMNS, k + 1);
        term_put(f, sources.names[k]);
        fprintf(f, " (%zu)\n", sources.roots[k]);
    }
    free(sources.names);
    free(sources.roots);
    return rc;
}

void list_json_error(FILE *f, const nativecerts_result *r, size_t i)
{
    unsigned long line = nativecerts_result_error_line(r, i);
    long err = nativecerts_result_error_errno(r, i);
    fputc('{', f);
    json_key(f, "kind", 1);
    json_string(f, nativecerts_error_kind_name(nativecerts_result_error_kind(r, i)));
    json_key(f, "path", 0);
    json_string(f, nativecerts_result_error_path(r, i));
    json_key(f, "line", 0);
    json_uint(f, line, line != 0);
    json_key(f, "errno", 0);
    json_int(f, err, err != 0);
    json_key(f, "message", 0);
    json_string(f, nativecerts_result_error_message(r, i));
    fputc('}', f);
}

/* A time, or null. */
static void json_time(FILE *f, int64_t t, int present)
{
    char text[UTC_TEXT_MAX];
    if (!present) {
        json_string(f, NULL);
        return;
    }
    utc_format(t, text);
    json_string(f, text);
}

/* Certificate i of r (or excluded certificate i) as a JSON object: a trusted one with its
 * issuer and validity, an excluded one with its reason. Returns 0, or -1 when out of
 * memory. */
static int cert_object(FILE *f, const nativecerts_result *r, size_t i, int excluded)
{
    size_t len;
    const unsigned char *der =
        excluded ? nativecerts_result_excluded_der(r, i, &len) : nativecerts_result_der(r, i, &len);
    cert_fields c;
    if (cert_fields_read(der, len, &c) != 0) return -1;
    fputs(i ? ",\n{" : "\n{", f);
    json_key(f, "sha256", 1);
    json_string(f, c.sha256);
    json_key(f, "subject", 0);
    json_string(f, c.subject);
    if (excluded) {
        json_key(f, "reason", 0);
        json_string(f, nativecerts_reason_name(nativecerts_result_excluded_reason(r, i)));
    } else {
        json_key(f, "issuer", 0);
        json_string(f, c.issuer);
        json_key(f, "not_before", 0);
        json_time(f, c.not_before, c.has_validity);
        json_key(f, "not_after", 0);
        json_time(f, c.not_after, c.has_validity);
    }
    json_key(f, "source", 0);
    json_string(f, excluded ? nativecerts_result_excluded_source(r, i)
                            : nativecerts_result_source(r, i));
    fputc('}', f);
    cert_fields_free(&c);
    return 0;
}

int list_json(FILE *f, const nativecerts_result *r)
{
    fputs("{\"certificates\":[", f);
    for (size_t i = 0; i < nativecerts_result_count(r); i++)
        if (cert_object(f, r, i, 0) != 0) return -1;
    fputs("],\n\"excluded\":[", f);
    for (size_t i = 0; i < nativecerts_result_excluded_count(r); i++)
        if (cert_object(f, r, i, 1) != 0) return -1;
    fputs("],\n\"errors\":[", f);
    for (size_t i = 0; i < nativecerts_result_error_count(r); i++) {
        fputs(i ? ",\n" : "\n", f);
        list_json_error(f, r, i);
    }
    fputs("]}\n", f);
    return 0;
}

void list_note_excluded(FILE *f, const nativecerts_result *r)
{
    size_t n = nativecerts_result_excluded_count(r), by_reason[REASONS] = {0};
    if (n == 0) return;
    for (size_t i = 0; i < n; i++) {
        nativecerts_reason reason = nativecerts_result_excluded_reason(r, i);
        if ((int)reason >= 1 && (int)reason < REASONS) by_reason[reason]++;
    }
    fprintf(f, "note: %zu more found but not trusted (", n);
    const char *sep = "";
    for (int k = 1; k < REASONS; k++) {
        if (by_reason[k] == 0) continue;
        fprintf(f, "%s%zu %s", sep, by_reason[k], nativecerts_reason_name((nativecerts_reason)k));
        sep = ", ";
    }
    fputs("); `nativecerts list --json` lists them\n", f);
}
