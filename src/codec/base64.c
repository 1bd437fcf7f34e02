/* In-place base64 decoding for PEM bodies. */
#include "codec/base64.h"

/* Value of a base64 character, or -1 (the text is ASCII). */
static int b64_value(uint8_t c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

int nc__base64_is_space(uint8_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

void nc__base64_init(nc__base64 *b, uint8_t *out)
{
    b->out = out;
    b->bits = 0;
    b->count = 0;
    b->padding = 0;
    b->done = 0;
}

size_t nc__base64_update(nc__base64 *b, const uint8_t *in, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint8_t c = in[i];
        if (nc__base64_is_space(c))
            continue;
        if (b->done)
            return i; /* data after "xx==" or "xxx=" */
        if (c == '=') {
            /* Padding may only complete a quantum that already holds 2 or 3 characters. */
            if (b->count + b->padding < 2)
                return i;
            b->padding++;
        } else {
            int v = b64_value(c);
            if (v < 0 || b->padding > 0)
                return i;
            b->bits = (b->bits << 6) | (uint32_t)v;
            b->count++;
        }
        if (b->count + b->padding < 4)
            continue;
        /* A full quantum: 4 characters give 3 bytes, "xxx=" 2 and "xx==" 1. The output
         * lags the input by at least one byte per quantum, so in-place writes are safe. */
        uint32_t q = b->bits << (6 * b->padding);
        *b->out++ = (uint8_t)(q >> 16);
        if (b->count >= 3)
            *b->out++ = (uint8_t)(q >> 8);
        if (b->count == 4)
            *b->out++ = (uint8_t)q;
        b->done = b->padding > 0;
        b->bits = 0;
        b->count = 0;
        b->padding = 0;
    }
    return n;
}

int nc__base64_final(const nc__base64 *b)
{
    return (b->count == 0 && b->padding == 0) ? 0 : -1;
}
