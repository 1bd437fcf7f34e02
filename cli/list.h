/* What `nativecerts list` prints: a table that fits 80 columns, or one JSON object. */
#ifndef NC_CLI_LIST_H
#define NC_CLI_LIST_H

#include <stdint.h>
#include <stdio.h>

#include "nativecerts.h"

/* One row per trusted root, sorted by the name shown (byte order), then fingerprint: short
 * fingerprint, expiry date, a mark for a root expired ('!') or not yet valid ('+') at *at
 * (NULL: now), display name, and the number of its source; then each source's path once,
 * numbered in the order the rows first name it, with how many roots it gave; then what
 * the marks mean, when there are some. Rows fit in 80 columns. Returns 0, or -1 when out
 * of memory. */
int list_table(FILE *f, const nativecerts_result *r, const int64_t *at);

/* {"mode":...,"certificates":[...],"excluded":[...],"errors":[...]}, certificates in the
 * library's order (by DER bytes). Returns 0, or -1 when out of memory (the object is then
 * incomplete). */
int list_json(FILE *f, const nativecerts_result *r);

/* Error i of r as a JSON object: {"kind","path","line","errno","message"}. */
void list_json_error(FILE *f, const nativecerts_result *r, size_t i);

/* A line for stderr about the excluded certificates, when there are some. */
void list_note_excluded(FILE *f, const nativecerts_result *r);

#endif
