/* The PEM scanner (nc__pem_next) over arbitrary bytes. Beyond "no crash, no overread":
 * every block lies inside the buffer, after the one before it; lines grow strictly and
 * stay within the file; error messages are one printable line; and every decoded block
 * equals what an independent, simple base64 decoder makes of the original text (the
 * scanner decodes in place, so a slip would corrupt certificates silently). */
#include <string.h>

#include "codec/pem.h"
#include "fuzz_target.h"

static int b64_value(uint8_t c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

/* Offset of the first line at or after `from` (a line start) that starts with END. */
static size_t end_line(const uint8_t *p, size_t n, size_t from)
{
    size_t at = from;
    while (at < n) {
        if (n - at >= 9 && memcmp(p + at, "-----END ", 9) == 0) return at;
        while (at < n && p[at] != '\n' && p[at] != '\r')
            at++;
        if (at < n && p[at] == '\r' && at + 1 < n && p[at + 1] == '\n') at++;
        if (at < n) at++;
    }
    return n;
}

/* Decodes the base64 text p[from..to), skipping whitespace and stopping at '='. */
static size_t reference_decode(const uint8_t *p, size_t from, size_t to, uint8_t *out)
{
    uint32_t bits = 0;
    unsigned count = 0;
    size_t n = 0;
    for (size_t i = from; i < to && p[i] != '='; i++) {
        int v = b64_value(p[i]);
        if (v < 0) continue; /* whitespace: the scanner refused anything else */
        bits = bits << 6 | (uint32_t)v;
        if (++count == 4) {
            out[n++] = (uint8_t)(bits >> 16);
            out[n++] = (uint8_t)(bits >> 8);
            out[n++] = (uint8_t)bits;
            bits = 0;
            count = 0;
        }
    }
    if (count == 2) out[n++] = (uint8_t)(bits >> 4);
    if (count == 3) {
        out[n++] = (uint8_t)(bits >> 10);
        out[n++] = (uint8_t)(bits >> 2);
    }
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *buf = fuzz_copy(data, size);
    uint8_t *ref = malloc(size ? size : 1);
    if (!ref) abort();
    unsigned long lines = fuzz_line_count(data, size), last_line = 0, blocks = 0;
    size_t last_end = 0;
    nc__pem_scanner s;
    nc__pem_block b;
    nc__pem_init(&s, buf, size);
    while (nc__pem_next(&s, &b)) {
        FUZZ_CHECK(++blocks <= lines, "more blocks (%lu) than lines (%lu)", blocks, lines);
        FUZZ_CHECK(b.line > last_line && b.line <= lines, "line %lu after %lu, of %lu", b.line,
                   last_line, lines);
        last_line = b.line;
        FUZZ_CHECK(s.pos <= s.len, "position %zu past the end %zu", s.pos, s.len);
        size_t mlen = strnlen(b.message, sizeof b.message);
        FUZZ_CHECK(mlen < sizeof b.message, "message not terminated");
        if (b.kind == NC__PEM_ERROR) {
            FUZZ_CHECK(b.der == NULL && b.der_len == 0, "an error with bytes");
            FUZZ_CHECK(mlen > 0, "an error without a message");
            for (size_t i = 0; i < mlen; i++)
                FUZZ_CHECK(b.message[i] >= 0x20 && b.message[i] < 0x7F, "unprintable byte 0x%02x",
                           (unsigned char)b.message[i]);
            continue;
        }
        FUZZ_CHECK(b.kind == NC__PEM_CERTIFICATE || b.kind == NC__PEM_TRUSTED, "kind %d",
                   (int)b.kind);
        FUZZ_CHECK(mlen == 0, "a block with a message: %s", b.message);
        size_t off = (size_t)(b.der - buf);
        FUZZ_CHECK(b.der >= buf && off <= size && b.der_len <= size - off, "block outside");
        FUZZ_CHECK(off >= last_end, "block overlaps the one before");
        last_end = off + b.der_len;
        /* The body runs from where the decoded bytes start to the END line. */
        size_t end = end_line(data, size, off);
        FUZZ_CHECK(end < size, "a decoded block without an END line");
        size_t n = reference_decode(data, off, end, ref);
        FUZZ_CHECK(n == b.der_len && memcmp(ref, b.der, n) == 0,
                   "decoded %zu bytes, the reference decoder %zu", b.der_len, n);
    }
    FUZZ_CHECK(s.pos == s.len, "scan ended at %zu of %zu", s.pos, s.len);
    free(ref);
    free(buf);
    return 0;
}
