/* base64_rules: the decoder against RFC 4648 itself, exhaustively where it is cheap:
 *   - each of the 64 characters of the alphabet (RFC 4648 table 1) has its value;
 *   - the six PEM whitespace bytes are skipped, every other byte is refused;
 *   - data encoded here (the encoder is four lines of the RFC) and spread with whitespace
 *     decodes back, in place, for every length up to 300 and every split of the input
 *     into two calls (the decoder is streaming);
 *   - the encoder gives RFC 4648 §10's vectors, and for every length up to 300 exactly
 *     NC__BASE64_ENCODED(n) characters (into a buffer of that size) that are the RFC's
 *     encoding below and decode back;
 *   - where the CPU has vector instructions (SSSE3 on x86-64, NEON on aarch64, which
 *     CI runs under qemu-user), the vector path and the scalar loop agree on 200,000
 *     generated inputs built to hit the 16-character groups: long runs of the alphabet
 *     with a stray byte (every byte value), '=', or whitespace placed anywhere, and
 *     PEM-shaped lines (64 columns): the same bytes out, the same stopping index, the
 *     same line count. An aarch64 or x86-64 build without its vector path fails. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_files.h"
#include "codec/base64.h"

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* RFC 4648 §4 encoding, with a whitespace byte after every 5th output character. */
static size_t encode(const uint8_t *data, size_t n, char *out)
{
    static const char spaces[] = " \t\r\n\v\f";
    size_t o = 0, emitted = 0;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t q = (uint32_t)data[i] << 16;
        if (i + 1 < n) q |= (uint32_t)data[i + 1] << 8;
        if (i + 2 < n) q |= data[i + 2];
        for (int k = 0; k < 4; k++) {
            out[o++] = (k <= (int)(n - i)) ? alphabet[(q >> (18 - 6 * k)) & 63] : '=';
            if (++emitted % 5 == 0) out[o++] = spaces[emitted / 5 % 6];
        }
    }
    return o;
}

/* One decode of in[0..n) with the vector path on or off: everything it says. */
typedef struct outcome {
    size_t taken, out_len, line_start;
    unsigned long ends;
    int final;
    uint8_t out[512];
} outcome;

static void decode_once(const uint8_t *in, size_t n, int scalar, outcome *o)
{
    nc__base64 b;
    nc__base64_force_scalar(scalar);
    memset(o, 0, sizeof *o);
    nc__base64_init(&b, o->out);
    o->taken = nc__base64_update_lines(&b, in, n, &o->ends, &o->line_start);
    o->out_len = (size_t)(b.out - o->out);
    o->final = nc__base64_final(&b);
    nc__base64_force_scalar(0);
}

static int vector_agrees_with_scalar(void)
{
    int failures = 0;
    const char *path = nc__base64_vector_path();
#if defined(__aarch64__) || defined(__x86_64__)
    if (path == NULL) case_fail(&failures, "vector", "this build has no vector path");
#endif
    uint32_t rng = 12345;
    uint8_t in[400];
    outcome v, sc;
    for (int round = 0; round < 200000; round++) {
        rng = rng * 1103515245u + 12345u;
        size_t n = (rng >> 8) % sizeof in;
        for (size_t i = 0; i < n; i++) {
            rng = rng * 1103515245u + 12345u;
            in[i] = (uint8_t)alphabet[(rng >> 10) & 63];
        }
        if (round % 2 == 0) /* PEM lines */
            for (size_t i = 64; i < n; i += 65)
                in[i] = '\n';
        rng = rng * 1103515245u + 12345u;
        int strays = (int)((rng >> 12) % 3);
        for (int k = 0; k < strays && n > 0; k++) {
            rng = rng * 1103515245u + 12345u;
            size_t at = (rng >> 4) % n;
            rng = rng * 1103515245u + 12345u;
            uint8_t pick = (uint8_t)(rng >> 16);
            static const uint8_t usual[] = {'=', ' ', '\r', '\n', '\t', 0x80, 0x2F, 0x2B, 0x00};
            in[at] = (rng >> 30) ? usual[pick % sizeof usual] : pick; /* any byte value */
        }
        decode_once(in, n, 0, &v);
        decode_once(in, n, 1, &sc);
        if (v.taken != sc.taken || v.out_len != sc.out_len || v.ends != sc.ends ||
            v.line_start != sc.line_start || v.final != sc.final ||
            memcmp(v.out, sc.out, v.out_len) != 0) {
            case_fail(&failures, "vector", "round %d (%zu bytes): taken %zu/%zu, out %zu/%zu",
                      round, n, v.taken, sc.taken, v.out_len, sc.out_len);
            if (failures > 10) break;
        }
    }
    printf("base64_rules: the %s path against the scalar loop on 200000 inputs\n",
           path ? path : "scalar (no vector)");
    return failures;
}

/* The encoder against the RFC's examples and the encoding above. */
static int encoder(void)
{
    static const char *const vectors[][2] = {{"", ""},
                                             {"f", "Zg=="},
                                             {"fo", "Zm8="},
                                             {"foo", "Zm9v"},
                                             {"foob", "Zm9vYg=="},
                                             {"fooba", "Zm9vYmE="},
                                             {"foobar", "Zm9vYmFy"}};
    int failures = 0;
    char got[16];
    for (size_t i = 0; i < sizeof vectors / sizeof *vectors; i++) {
        size_t n = nc__base64_encode((const uint8_t *)vectors[i][0], strlen(vectors[i][0]), got);
        if (n != strlen(vectors[i][1]) || memcmp(got, vectors[i][1], n) != 0)
            case_fail(&failures, "RFC 4648 vectors", "\"%s\" gives \"%.*s\"", vectors[i][0], (int)n,
                      got);
    }
    uint8_t data[300];
    char spaced[600], plain[600];
    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)(i * 151 + 3);
    for (size_t n = 0; n <= sizeof(data); n++) {
        size_t len = encode(data, n, spaced), k = 0;
        for (size_t i = 0; i < len; i++)
            if (!nc__base64_is_space((uint8_t)spaced[i])) plain[k++] = spaced[i];
        /* Buffers of exact sizes, so that AddressSanitizer sees a read or write past them. */
        uint8_t *in = case_exact_copy(data, n);
        static const uint8_t filler[400] = {0};
        char *out = (char *)case_exact_copy(filler, NC__BASE64_ENCODED(n));
        size_t wrote = nc__base64_encode(in, n, out);
        nc__base64 b;
        uint8_t back[300];
        nc__base64_init(&b, back);
        if (wrote != NC__BASE64_ENCODED(n) || wrote != k || memcmp(out, plain, k) != 0 ||
            nc__base64_update(&b, (const uint8_t *)out, wrote) != wrote ||
            nc__base64_final(&b) != 0 || (size_t)(b.out - back) != n ||
            (n > 0 && memcmp(back, data, n) != 0))
            case_fail(&failures, "encoder", "length %zu", n);
        free(out);
        free(in);
    }
    return failures;
}

int main(void)
{
    int failures = 0;
    nc__base64 b;
    uint8_t out[8];

    for (int v = 0; v < 64; v++) {
        uint8_t in[4] = {(uint8_t)alphabet[v], 'A', 'A', 'A'};
        nc__base64_init(&b, out);
        if (nc__base64_update(&b, in, 4) != 4 || b.out != out + 3 || out[0] != (uint8_t)(v << 2))
            case_fail(&failures, "alphabet", "'%c' is not %d", alphabet[v], v);
    }
    for (int c = 0; c < 256; c++) {
        int in_alphabet = c != 0 && strchr(alphabet, c) != NULL;
        int space = c != 0 && strchr(" \t\r\n\v\f", c) != NULL;
        uint8_t in[1] = {(uint8_t)c};
        nc__base64_init(&b, out);
        size_t taken = nc__base64_update(&b, in, 1);
        if ((taken == 1) != (in_alphabet || space))
            case_fail(&failures, "classes", "byte 0x%02X %s", c, taken ? "accepted" : "refused");
        if (space != (nc__base64_is_space((uint8_t)c) != 0))
            case_fail(&failures, "classes", "nc__base64_is_space(0x%02X)", c);
    }

    uint8_t data[300];
    char text[600];
    for (size_t i = 0; i < sizeof(data); i++)
        data[i] = (uint8_t)(i * 37 + 11);
    for (size_t n = 0; n <= sizeof(data); n++) {
        size_t len = encode(data, n, text);
        for (size_t split = 0; split <= len; split++) {
            uint8_t *buf = case_exact_copy((const uint8_t *)text, len);
            nc__base64_init(&b, buf);
            size_t a = nc__base64_update(&b, buf, split);
            size_t c = nc__base64_update(&b, buf + split, len - split);
            if (a != split || c != len - split || nc__base64_final(&b) != 0 ||
                (size_t)(b.out - buf) != n || (n > 0 && memcmp(buf, data, n) != 0)) {
                case_fail(&failures, "round trip", "length %zu, split at %zu", n, split);
                free(buf);
                break;
            }
            free(buf);
        }
    }
    failures += vector_agrees_with_scalar();
    failures += encoder();
    printf("base64_rules: %d failures\n", failures);
    return failures == 0 ? 0 : 1;
}
