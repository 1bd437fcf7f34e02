/* The words of the public enums are the library's (src/core/enum_words.c), and the
 * documents list those words: the comment above each *_name() declaration of the header
 * names every value's word in the enum's order, and nativecerts(3) names each of them.
 *
 *   test_enum_words HEADER MAN_PAGE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nativecerts.h"

typedef const char *(*name_fn)(int value);

/* Each word function, called with an int: every enum here starts at 1, without gaps. */
static const char *reason(int v)
{
    return nativecerts_reason_name((nativecerts_reason)v);
}
static const char *error_kind(int v)
{
    return nativecerts_error_kind_name((nativecerts_error_kind)v);
}
static const char *mode(int v)
{
    return nativecerts_mode_name((nativecerts_mode)v);
}
static const char *source_kind(int v)
{
    return nativecerts_source_kind_name((nativecerts_source_kind)v);
}
static const char *source_status(int v)
{
    return nativecerts_source_status_name((nativecerts_source_status)v);
}

static const struct {
    const char *function;
    name_fn call;
} functions[] = {
    {"nativecerts_reason_name", reason},
    {"nativecerts_error_kind_name", error_kind},
    {"nativecerts_mode_name", mode},
    {"nativecerts_source_kind_name", source_kind},
    {"nativecerts_source_status_name", source_status},
};

static int failures;

static void fail(const char *function, const char *what, const char *word)
{
    fprintf(stderr, "FAIL %s: %s%s%s\n", function, what, word ? ": " : "", word ? word : "");
    failures++;
}

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(99);
    }
    size_t cap = 1 << 16, n = 0, got;
    char *text = malloc(cap + 1);
    while (text && (got = fread(text + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) text = realloc(text, (cap *= 2) + 1);
    }
    fclose(f);
    if (!text) exit(99);
    text[n] = '\0';
    return text;
}

/* The comment that ends on the line before function's declaration, or NULL. */
static const char *comment_before(const char *header, const char *function, size_t *len)
{
    char decl[96];
    snprintf(decl, sizeof decl, "NATIVECERTS_API const char *%s(", function);
    const char *at = strstr(header, decl);
    if (!at) return NULL;
    const char *end = at;
    while (end > header && (end[-1] == '\n' || end[-1] == ' '))
        end--;
    if (end - header < 2 || end[-2] != '*' || end[-1] != '/') return NULL;
    const char *start = end - 2;
    while (start > header && !(start[0] == '/' && start[1] == '*'))
        start--;
    *len = (size_t)(end - start);
    return start;
}

/* The man page writes a word as \(dqword\(dq, a '-' as "\-". */
static int man_names(const char *man, const char *word)
{
    char want[128];
    size_t n = 0;
    n += (size_t)snprintf(want, sizeof want, "\\(dq");
    for (const char *w = word; *w && n + 8 < sizeof want; w++) {
        if (*w == '-') want[n++] = '\\';
        want[n++] = *w;
    }
    snprintf(want + n, sizeof want - n, "\\(dq");
    return strstr(man, want) != NULL;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s HEADER MAN_PAGE\n", argv[0]);
        return 99;
    }
    char *header = read_all(argv[1]), *man = read_all(argv[2]);
    for (size_t f = 0; f < sizeof functions / sizeof *functions; f++) {
        const char *function = functions[f].function;
        size_t len;
        const char *comment = comment_before(header, function, &len);
        if (!comment) {
            fail(function, "no comment above its declaration in the header", NULL);
            continue;
        }
        if (functions[f].call(0) != NULL) fail(function, "names 0", functions[f].call(0));
        /* The quoted words of the comment, one per value from 1. */
        int value = 1;
        for (const char *q = memchr(comment, '"', len); q && q < comment + len;) {
            const char *close = memchr(q + 1, '"', (size_t)(comment + len - q - 1));
            if (!close) break;
            char word[64];
            snprintf(word, sizeof word, "%.*s", (int)(close - q - 1), q + 1);
            const char *ours = functions[f].call(value);
            if (!ours || strcmp(ours, word) != 0)
                fail(function, "the header's word differs from the library's", word);
            if (!man_names(man, word)) fail(function, "nativecerts(3) does not name", word);
            value++;
            q = memchr(close + 1, '"', (size_t)(comment + len - close - 1));
        }
        if (value == 1) fail(function, "the header's comment lists no word", NULL);
        if (functions[f].call(value) != NULL)
            fail(function, "the header's comment leaves out", functions[f].call(value));
    }
    free(header);
    free(man);
    if (failures == 0) puts("every word of the library is the header's and the man page's");
    return failures ? 1 : 0;
}
