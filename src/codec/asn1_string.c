/* ASN.1 character strings to code points (X.680 §41; RFC 5280 names use six of them). */
#include "codec/asn1_string.h"

#define TAG_UTF8_STRING 0x0C
#define TAG_NUMERIC_STRING 0x12
#define TAG_PRINTABLE_STRING 0x13
#define TAG_T61_STRING 0x14
#define TAG_IA5_STRING 0x16
#define TAG_VISIBLE_STRING 0x1A
#define TAG_UNIVERSAL_STRING 0x1C
#define TAG_BMP_STRING 0x1E

static int is_unicode_scalar(uint32_t cp)
{
    return cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF);
}

size_t nc__utf8_get(const uint8_t *p, size_t n, uint32_t *cp)
{
    static const uint32_t min_of_length[5] = {0, 0, 0x80, 0x800, 0x10000};
    uint8_t b = p[0];
    size_t len = b < 0x80             ? 1
                 : (b & 0xE0) == 0xC0 ? 2
                 : (b & 0xF0) == 0xE0 ? 3
                 : (b & 0xF8) == 0xF0 ? 4
                                      : 0;
    if (len == 0 || len > n) return 0;
    uint32_t v = len == 1 ? b : b & (0x7F >> len);
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80) return 0;
        v = v << 6 | (p[i] & 0x3F);
    }
    if (v < min_of_length[len] || !is_unicode_scalar(v)) return 0;
    *cp = v;
    return len;
}

size_t nc__utf8_put(uint32_t cp, uint8_t out[4])
{
    if (cp < 0x80) {
        out[0] = (uint8_t)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (uint8_t)(0xC0 | cp >> 6);
        out[1] = (uint8_t)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (uint8_t)(0xE0 | cp >> 12);
        out[1] = (uint8_t)(0x80 | (cp >> 6 & 0x3F));
        out[2] = (uint8_t)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (uint8_t)(0xF0 | cp >> 18);
    out[1] = (uint8_t)(0x80 | (cp >> 12 & 0x3F));
    out[2] = (uint8_t)(0x80 | (cp >> 6 & 0x3F));
    out[3] = (uint8_t)(0x80 | (cp & 0x3F));
    return 4;
}

/* Reads one character without judging it; 0 when the content ends mid-character. */
static size_t read_unit(const nc__asn1_chars *it, uint32_t *cp)
{
    size_t left = (size_t)(it->end - it->p);
    const uint8_t *p = it->p;
    switch (it->width) {
    case 0:
        return nc__utf8_get(p, left, cp);
    case 1:
        *cp = p[0];
        return 1;
    case 2:
        if (left < 2) return 0;
        *cp = (uint32_t)p[0] << 8 | p[1];
        return 2;
    default:
        if (left < 4) return 0;
        *cp = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
        return 4;
    }
}

int nc__asn1_chars_next(nc__asn1_chars *it, uint32_t *cp)
{
    if (it->p >= it->end) return 0;
    size_t used = read_unit(it, cp);
    if (used == 0) {
        it->p = it->end; /* not reached after a successful init; stop rather than loop */
        return 0;
    }
    it->p += used;
    return 1;
}

int nc__asn1_string_width(unsigned tag)
{
    switch (tag) {
    case TAG_UTF8_STRING:
        return 0;
    case TAG_NUMERIC_STRING:
    case TAG_PRINTABLE_STRING:
    case TAG_T61_STRING:
    case TAG_IA5_STRING:
    case TAG_VISIBLE_STRING:
        return 1;
    case TAG_BMP_STRING:
        return 2;
    case TAG_UNIVERSAL_STRING:
        return 4;
    default:
        return -1;
    }
}

int nc__asn1_chars_init(nc__asn1_chars *it, unsigned tag, const uint8_t *p, size_t n)
{
    int width = nc__asn1_string_width(tag);
    if (width < 0) return -1;
    it->width = (unsigned)width;
    it->p = p;
    it->end = p + n;
    /* Judge the whole value first, so that a reader never prints half of a bad one. */
    nc__asn1_chars check = *it;
    while (check.p < check.end) {
        uint32_t cp;
        size_t used = read_unit(&check, &cp);
        if (used == 0 || !is_unicode_scalar(cp)) return -1;
        check.p += used;
    }
    return 0;
}
