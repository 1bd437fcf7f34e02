/* JSON output (RFC 8259). Strings come from certificates and file names, which can hold
 * any byte: control characters are escaped (\n, \t, ... or \u00XX), and so are DEL,
 * U+2028 and U+2029 (for JavaScript consumers) and the bidirectional controls (\u202e
 * and the others of utf8_is_bidi_control(), so that JSON shown in a terminal or an
 * editor cannot be reordered; a parser still reads the same string); a byte that is not
 * part of well-formed UTF-8 becomes U+FFFD (written \ufffd). Everything written is ASCII
 * or valid UTF-8. */
#ifndef NC_CLI_JSON_H
#define NC_CLI_JSON_H

#include <stdint.h>
#include <stdio.h>

/* Writes s as a JSON string, or null when s is NULL. */
void json_string(FILE *f, const char *s);

/* Writes "key": (the key is a literal of ours, not escaped), after a comma unless first. */
void json_key(FILE *f, const char *key, int first);

/* Writes v, or null when present is 0. */
void json_uint(FILE *f, uint64_t v, int present);
void json_int(FILE *f, int64_t v, int present);

#endif
