/* The character string types of X.509 names, read as Unicode code points. Every read is
 * bounded by the content the caller gives; nothing here allocates. */
#ifndef NC_CODEC_ASN1_STRING_H
#define NC_CODEC_ASN1_STRING_H

#include <stddef.h>
#include <stdint.h>

/* Reads the characters of one string value, first to last. */
typedef struct nc__asn1_chars {
    const uint8_t *p, *end;
    unsigned width; /* 0: UTF-8; 1: one byte (Latin-1); 2: BMP; 4: UniversalString */
} nc__asn1_chars;

/* Starts reading content p[0..n) of a primitive string with DER tag `tag`. Returns 0 when
 * the tag is a string type decoded here and the whole content is valid for it:
 *   UTF8String (0x0C)       well-formed UTF-8 (RFC 3629: no overlong forms, no
 *                           surrogates, nothing above U+10FFFF);
 *   NumericString (0x12), PrintableString (0x13), T61String (0x14), IA5String (0x16),
 *   VisibleString (0x1A)    one byte per character, read as Latin-1 (as OpenSSL does:
 *                           their character sets are not enforced);
 *   UniversalString (0x1C)  UCS-4, a multiple of 4 bytes, code points of Unicode;
 *   BMPString (0x1E)        UCS-2, an even length, no surrogates.
 * Returns -1 otherwise (another tag, or content invalid for its type). */
int nc__asn1_chars_init(nc__asn1_chars *it, unsigned tag, const uint8_t *p, size_t n);

/* The width nc__asn1_chars reads the type `tag` with (0 for UTF-8, 1, 2 or 4 bytes a
 * character), or -1 when it is not one of the string types above. */
int nc__asn1_string_width(unsigned tag);

/* Sets *cp to the next character and returns 1, or returns 0 after the last one. */
int nc__asn1_chars_next(nc__asn1_chars *it, uint32_t *cp);

/* Writes cp (at most U+10FFFF) as UTF-8 into out; returns the length, 1 to 4. */
size_t nc__utf8_put(uint32_t cp, uint8_t out[4]);

/* Decodes one well-formed UTF-8 character at p[0..n) (n > 0) into *cp; returns its
 * length, or 0 when the bytes there are not well-formed UTF-8 (RFC 3629). */
size_t nc__utf8_get(const uint8_t *p, size_t n, uint32_t *cp);

#endif
