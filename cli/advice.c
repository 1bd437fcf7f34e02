/* Printing the library's advice in parts (see advice.h). */
#include "advice.h"

#include <stdlib.h>
#include <string.h>

#include "term_text.h"

char *advice_text(const nativecerts_result *r)
{
    size_t n = nativecerts_result_advice(r, NULL, 0);
    char *text = malloc(n + 1);
    if (text) nativecerts_result_advice(r, text, n + 1);
    return text;
}

size_t advice_put(FILE *f, const char *text, advice_part part, const char *first_prefix,
                  const char *prefix)
{
    size_t written = 0;
    int step = 0;
    char *copy = text ? malloc(strlen(text) + 1) : NULL;
    if (!copy) return 0;
    strcpy(copy, text);
    for (char *line = copy, *next; *line; line = next) {
        next = line + strcspn(line, "\n");
        if (*next) *next++ = '\0';
        /* A line that begins with two spaces continues the one above. */
        if (strncmp(line, "  ", 2) != 0) step = strncmp(line, "what to do: ", 12) == 0;
        if (step != (part == ADVICE_STEPS)) continue;
        fputs(written == 0 && first_prefix ? first_prefix : prefix, f);
        term_put(f, line);
        fputc('\n', f);
        written++;
    }
    free(copy);
    return written;
}
