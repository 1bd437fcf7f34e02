/* UTF-8 as the command's outputs need it (the library's decoder is not public API). */
#ifndef NC_CLI_UTF8_H
#define NC_CLI_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes the well-formed UTF-8 character (RFC 3629: no overlong forms, no surrogates,
 * nothing above U+10FFFF) at the start of the NUL-terminated p into *cp; returns its
 * length, or 0 when p does not start with one (or is at its end). */
size_t utf8_decode(const char *p, uint32_t *cp);

/* Non-zero for the characters of Unicode's Bidi_Control property: U+061C (Arabic letter
 * mark), U+200E/U+200F (left-to-right and right-to-left marks), U+202A-U+202E
 * (embeddings, overrides and their end) and U+2066-U+2069 (isolates). Printed raw, one
 * of them in a name can reorder the rest of a line, so that a row shows what it is not. */
int utf8_is_bidi_control(uint32_t cp);

#endif
