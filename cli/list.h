/* What `nativecerts list` prints: a table that fits 80 columns, or one JSON object. */
#ifndef NC_CLI_LIST_H
#define NC_CLI_LIST_H

#include <stdio.h>

#include "nativecerts.h"

/* One row per trusted root: short fingerprint, expiry date, display name, and the number
 * of its source; then each source's path once, with how many roots it gave. Rows fit in
 * 80 columns. Returns 0, or -1 when out of memory. */
int list_table(FILE *f, const nativecerts_result *r);

/* {"certificates":[...],"excluded":[...],"errors":[...]}. Returns 0, or -1 when out of
 * memory (the object is then incomplete). */
int list_json(FILE *f, const nativecerts_result *r);

/* Error i of r as a JSON object: {"kind","path","line","errno","message"}. */
void list_json_error(FILE *f, const nativecerts_result *r, size_t i);

/* A line for stderr about the excluded certificates, when there are some. */
void list_note_excluded(FILE *f, const nativecerts_result *r);

#endif
