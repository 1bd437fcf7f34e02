/* The two outputs of `nativecerts list`. */
#include "list.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cert_fields.h"
#include "json.h"
#include "term_text.h"
#include "utc.h"

/* Columns: 16 + 2 + 10 + 1 (the validity mark) + 1 + 41 + 2 + 6 = 79, so that a row never
 * wraps at 80. The source column holds a number, and the paths follow the table once
 * each: most roots share a bundle, and a path cut to fit a column would no longer name
 * its file. Rows are sorted by the name shown (bytes), then fingerprint, so that a person
 * finds a root where they look for it; --json keeps the library's order (DER bytes). */
#define FINGERPRINT_COLUMNS 16
#define DATE_COLUMNS 10
#define NAME_COLUMNS 41
#define SOURCE_COLUMNS 6

#define REASONS (NATIVECERTS_REASON_DISTRUST_UNKNOWN + 1) /* reasons are 1 .. the last */

/* One row of the table. */
typedef struct row {
    cert_fields c;
    const char *name;   /* as shown */
    const char *source; /* the first source that trusted it */
} row;

static int row_order(const void *pa, const void *pb)
{
    const row *a = pa, *b = pb;
    int by_name = strcmp(a->name, b->name);
    return by_name ? by_name : strcmp(a->c.sha256, b->c.sha256);
}

/* The distinct sources of the rows, numbered in the order they first appear. */
typedef struct source_list {
    const char **names;
    size_t *roots; /* how many rows each gave */
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

/* '!' expired at time t, '+' not yet valid then, ' ' otherwise. */
static char validity_mark(const cert_fields *c, int64_t t)
{
    if (!c->has_validity) return ' ';
    return c->not_after < t ? '!' : c->not_before > t ? '+' : ' ';
}

static void print_rows(FILE *f, row *rows, size_t n, source_list *sources, int64_t t,
                       unsigned *marks)
{
    fprintf(f, "%-*s  %-*s  %-*s  %s\n", FINGERPRINT_COLUMNS, "SHA-256", DATE_COLUMNS, "EXPIRES",
            NAME_COLUMNS, "NAME", "SOURCE");
    for (size_t i = 0; i < n; i++) {
        char expires[UTC_TEXT_MAX] = "?";
        if (rows[i].c.has_validity) utc_format(rows[i].c.not_after, expires);
        expires[DATE_COLUMNS] = '\0'; /* the date only */
        size_t k = source_number(sources, rows[i].source);
        char mark = validity_mark(&rows[i].c, t);
        sources->roots[k]++;
        *marks |= mark == '!' ? 1u : mark == '+' ? 2u : 0u;
        fprintf(f, "%.*s  %-*s%c ", FINGERPRINT_COLUMNS, rows[i].c.sha256, DATE_COLUMNS, expires,
                mark);
        term_put_cell(f, rows[i].name, NAME_COLUMNS, 0, 1);
        fprintf(f, "  %*zu\n", SOURCE_COLUMNS, k + 1);
    }
}

int list_table(FILE *f, const nativecerts_result *r, const int64_t *at)
{
    size_t n = nativecerts_result_count(r), read = 0;
    int64_t t = at ? *at : (int64_t)time(NULL);
    unsigned marks = 0;
    row *rows = calloc(n + 1, sizeof *rows);
    source_list sources = {malloc((n + 1) * sizeof(char *)), malloc((n + 1) * sizeof(size_t)), 0};
    int rc = rows && sources.names && sources.roots ? 0 : -1;
    for (; read < n && rc == 0; read++) {
        size_t len;
        const unsigned char *der = nativecerts_result_der(r, read, &len);
        row *w = &rows[read];
        if (cert_fields_read(der, len, &w->c) != 0) {
            rc = -1;
            break;
        }
        w->name = !w->c.display     ? "(not a valid certificate)"
                  : w->c.display[0] ? w->c.display
                                    : "(empty subject)";
        w->source = nativecerts_result_source(r, read);
    }
    if (rc == 0) {
        qsort(rows, n, sizeof *rows, row_order);
        print_rows(f, rows, n, &sources, t, &marks);
        fputs("\nSOURCE\n", f);
        for (size_t k = 0; k < sources.count; k++) {
            fprintf(f, "%*zu  ", SOURCE_COLUMNS, k + 1);
            term_put(f, sources.names[k]);
            fprintf(f, " (%zu)\n", sources.roots[k]);
        }
    }
    if (rc == 0 && marks) {
        char when[UTC_TEXT_MAX];
        utc_format(t, when);
        fprintf(f, "\n%s%s%s at %s; --skip-expired leaves %s out\n", marks & 1 ? "! expired" : "",
                marks == 3 ? ", " : "", marks & 2 ? "+ not yet valid" : "", when, "them");
    }
    for (size_t i = 0; rows && i < read; i++)
        cert_fields_free(&rows[i].c);
    free(rows);
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
    fputc('{', f);
    json_key(f, "mode", 1);
    json_string(f, nativecerts_mode_name(nativecerts_result_mode(r)));
    fputs(",\n\"certificates\":[", f);
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
