/* The library's advice (nativecerts_result_advice()) as the command prints it: the lines
 * that say what is wrong apart from the steps, so that the places looked at can come
 * between them. */
#ifndef NC_CLI_ADVICE_H
#define NC_CLI_ADVICE_H

#include <stdio.h>

#include "nativecerts.h"

/* The advice for r, in a buffer the caller frees; NULL when out of memory. */
char *advice_text(const nativecerts_result *r);

typedef enum advice_part {
    ADVICE_CAUSES, /* what is wrong, and the notes */
    ADVICE_STEPS   /* the lines "what to do: ...", with their continuation lines */
} advice_part;

/* Writes the lines of text that belong to part, escaped for a terminal, each after
 * prefix; the first line after first_prefix instead when it is not NULL. Returns the
 * number of lines written. */
size_t advice_put(FILE *f, const char *text, advice_part part, const char *first_prefix,
                  const char *prefix);

#endif
