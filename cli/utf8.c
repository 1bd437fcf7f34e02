/* One UTF-8 character at a time, never reading past a NUL. */
#include "utf8.h"

size_t utf8_decode(const char *s, uint32_t *cp)
{
    static const uint32_t min_of_length[5] = {0, 0, 0x80, 0x800, 0x10000};
    const unsigned char *p = (const unsigned char *)s;
    unsigned char b = p[0];
    size_t len = b == 0               ? 0
                 : b < 0x80           ? 1
                 : (b & 0xE0) == 0xC0 ? 2
                 : (b & 0xF0) == 0xE0 ? 3
                 : (b & 0xF8) == 0xF0 ? 4
                                      : 0;
    if (len == 0) return 0;
    uint32_t v = len == 1 ? b : b & (0x7Fu >> len);
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80) return 0; /* a NUL stops here too */
        v = v << 6 | (p[i] & 0x3F);
    }
    if (v < min_of_length[len] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return len;
}

int utf8_is_bidi_control(uint32_t cp)
{
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}
