/* Base64 for PEM bodies: in-place decoding, and encoding. */
#include "codec/base64.h"

#include <string.h>

/* Sixteen characters a step with SSSE3 where the CPU has it (checked at run time, so the
 * library still runs on any x86-64): the decoding of a bundle is most of the user time
 * of a load. Elsewhere the scalar loop below does all of it. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define NC__BASE64_SSSE3 1
#include <cpuid.h>
#include <immintrin.h>
#endif

#define B64_SPACE 0x40
#define B64_PAD 0x41
#define B64_LF 0x42
#define B64_CR 0x43

/* Byte -> value 0..63, B64_SPACE (space, tab, VT, FF), B64_LF, B64_CR, B64_PAD ('=') or
 * 0xFF (anything else).
 * A table, not comparisons: the character classes of base64 text defeat branch
 * prediction, and this loop is most of the cost of loading a bundle. */
static const uint8_t b64_class[256] = {
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x40, 0x42, 0x40, 0x40, 0x43, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0x40, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x3E, 0xFF, 0xFF, 0xFF, 0x3F,
    0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x3A, 0x3B, 0x3C, 0x3D, 0xFF, 0xFF, 0xFF, 0x41, 0xFF, 0xFF,
    0xFF, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E,
    0x0F, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28,
    0x29, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F, 0x30, 0x31, 0x32, 0x33, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
};

int nc__base64_is_space(uint8_t c)
{
    unsigned v = b64_class[c];
    return v == B64_SPACE || v == B64_LF || v == B64_CR;
}

void nc__base64_init(nc__base64 *b, uint8_t *out)
{
    b->out = out;
    b->bits = 0;
    b->count = 0;
    b->padding = 0;
    b->done = 0;
}

#ifdef NC__BASE64_SSSE3
static int simd_state; /* 0: not asked yet, 1: use it, -1: do not */

void nc__base64_force_scalar(int on)
{
    __atomic_store_n(&simd_state, on ? -1 : 0, __ATOMIC_RELAXED);
}

/* One CPUID, at the first decoding, and only then: not __builtin_cpu_supports, whose
 * libgcc constructor runs a dozen CPUIDs at the start of every program linked with
 * us, and under a hypervisor each one traps (measured: a tenth of a short process).
 * A benign race: every thread computes the same answer. */
static int simd_usable(void)
{
    int st = __atomic_load_n(&simd_state, __ATOMIC_RELAXED);
    if (st == 0) {
        unsigned a, b, c, d;
        st = __get_cpuid(1, &a, &b, &c, &d) && (c & bit_SSSE3) ? 1 : -1;
        __atomic_store_n(&simd_state, st, __ATOMIC_RELAXED);
    }
    return st > 0;
}

/* Decodes whole 16-character groups of in[0..n) that hold base64 characters only (no
 * whitespace, no '='), 12 bytes each, to *out; stops at the first group that holds
 * anything else and returns the characters taken. Characters are mapped to values by
 * their high nibble (a per-range offset, '/' apart) after a check of both nibbles
 * against tables of the ranges each nibble may fall in; then four 6-bit values are
 * packed into three bytes by two multiply-adds. Writes exactly 12 bytes per group, never
 * ahead of the bytes read, so in place stays safe. */
__attribute__((target("ssse3"))) static size_t decode_groups(const uint8_t *in, size_t n,
                                                             uint8_t **out)
{
    /* Bit sets: a nibble pair is valid when the low nibble's set and the high nibble's
     * set share no bit. */
    const __m128i lut_lo = _mm_setr_epi8(0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11,
                                         0x13, 0x1A, 0x1B, 0x1B, 0x1B, 0x1A);
    const __m128i lut_hi = _mm_setr_epi8(0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10,
                                         0x10, 0x10, 0x10, 0x10, 0x10, 0x10);
    /* Offset by high nibble: '+' (2x) +19, '/' -> index 1 +16, '0'-'9' +4, 'A'-'Z' -65,
     * 'a'-'z' -71. */
    const __m128i lut_roll =
        _mm_setr_epi8(0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m128i mask_2f = _mm_set1_epi8(0x2F);
    const __m128i pack_pairs = _mm_set1_epi32(0x01400140);
    const __m128i pack_quads = _mm_set1_epi32(0x00011000);
    const __m128i order = _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
    uint8_t *o = *out;
    size_t i = 0;
    for (; n - i >= 16; i += 16) {
        __m128i str = _mm_loadu_si128((const __m128i *)(const void *)(in + i));
        __m128i hi_nib = _mm_and_si128(_mm_srli_epi32(str, 4), mask_2f);
        __m128i lo_nib = _mm_and_si128(str, mask_2f);
        __m128i hi = _mm_shuffle_epi8(lut_hi, hi_nib);
        __m128i lo = _mm_shuffle_epi8(lut_lo, lo_nib);
        if (_mm_movemask_epi8(_mm_cmpgt_epi8(_mm_and_si128(lo, hi), _mm_setzero_si128()))) break;
        __m128i eq_2f = _mm_cmpeq_epi8(str, mask_2f);
        __m128i roll = _mm_shuffle_epi8(lut_roll, _mm_add_epi8(eq_2f, hi_nib));
        __m128i v = _mm_add_epi8(str, roll);
        v = _mm_maddubs_epi16(v, pack_pairs);
        v = _mm_madd_epi16(v, pack_quads);
        v = _mm_shuffle_epi8(v, order);
        _mm_storel_epi64((__m128i *)(void *)o, v);
        uint32_t tail = (uint32_t)_mm_cvtsi128_si32(_mm_srli_si128(v, 8));
        memcpy(o + 8, &tail, 4);
        o += 12;
    }
    *out = o;
    return i;
}
#else
void nc__base64_force_scalar(int on)
{
    (void)on;
}
#endif

size_t nc__base64_update(nc__base64 *b, const uint8_t *in, size_t n)
{
    unsigned long line_ends = 0;
    size_t line_start = 0;
    return nc__base64_update_lines(b, in, n, &line_ends, &line_start);
}

size_t nc__base64_update_lines(nc__base64 *b, const uint8_t *in, size_t n, unsigned long *line_ends,
                               size_t *line_start)
{
    /* The state lives in locals: for all the compiler knows, the byte stores through out
     * could change *b, which would force a reload of every field after each store. */
    uint8_t *out = b->out;
    uint32_t bits = b->bits;
    unsigned count = b->count, padding = b->padding;
    int done = b->done;
    unsigned long ends = 0;
    size_t start = 0;
    size_t i = 0;
#ifdef NC__BASE64_SSSE3
    int simd = simd_usable();
#endif

    while (i < n) {
        /* Fast path: whole quanta of base64 characters (values 0..63 have both top bits
         * clear; the other classes do not), in a loop of their own: between two line ends
         * there is nothing else. (Eight characters a step measured slower.) */
        if (count == 0 && !done) {
#ifdef NC__BASE64_SSSE3
            if (simd) i += decode_groups(in + i, n - i, &out);
#endif
            while (n - i >= 4) {
                unsigned c0 = b64_class[in[i]], c1 = b64_class[in[i + 1]];
                unsigned c2 = b64_class[in[i + 2]], c3 = b64_class[in[i + 3]];
                if (((c0 | c1 | c2 | c3) & 0xC0) == 0) {
                    uint32_t q = (c0 << 18) | (c1 << 12) | (c2 << 6) | c3;
                    out[0] = (uint8_t)(q >> 16);
                    out[1] = (uint8_t)(q >> 8);
                    out[2] = (uint8_t)q;
                    out += 3;
                    i += 4;
                    continue;
                }
                break;
            }
            if (i == n) break;
        }

        unsigned v = b64_class[in[i]];
        if (v < 64) {
            if (done || padding > 0) break; /* data after padding */
            bits = (bits << 6) | v;
            if (++count == 4) {
                /* Four characters, three bytes: the output lags the input, so writing in
                 * place never overtakes what is still to be read. */
                out[0] = (uint8_t)(bits >> 16);
                out[1] = (uint8_t)(bits >> 8);
                out[2] = (uint8_t)bits;
                out += 3;
                bits = 0;
                count = 0;
            }
        } else if (v == B64_PAD) {
            /* '=' may only complete a quantum that holds 2 or 3 characters (so never
             * after the data ended); it ends the data, after which only whitespace may come. */
            if (count + padding < 2) break;
            if (count + ++padding == 4) {
                bits <<= 6 * padding;
                *out++ = (uint8_t)(bits >> 16);
                if (count == 3) *out++ = (uint8_t)(bits >> 8);
                bits = 0;
                count = 0;
                padding = 0;
                done = 1;
            }
        } else if (v == B64_LF) {
            ends++;
            start = i + 1;
        } else if (v == B64_CR) {
            /* CRLF is one line end, counted at its LF; a CR that ends the input counts. */
            if (i + 1 == n || in[i + 1] != '\n') ends++;
            start = i + 1;
        } else if (v != B64_SPACE) {
            break;
        }
        i++;
    }

    b->out = out;
    b->bits = bits;
    b->count = count;
    b->padding = padding;
    b->done = done;
    *line_ends += ends;
    *line_start = start;
    return i;
}

int nc__base64_final(const nc__base64 *b)
{
    return (b->count == 0 && b->padding == 0) ? 0 : -1;
}

size_t nc__base64_encode(const uint8_t *in, size_t n, char *out)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char *o = out;
    size_t i = 0;
    for (; n - i >= 3; i += 3, o += 4) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
        o[0] = alphabet[v >> 18];
        o[1] = alphabet[v >> 12 & 63];
        o[2] = alphabet[v >> 6 & 63];
        o[3] = alphabet[v & 63];
    }
    if (i < n) { /* one or two bytes left: a padded quantum */
        uint32_t v = (uint32_t)in[i] << 16 | (i + 1 < n ? (uint32_t)in[i + 1] << 8 : 0);
        o[0] = alphabet[v >> 18];
        o[1] = alphabet[v >> 12 & 63];
        o[2] = i + 1 < n ? alphabet[v >> 6 & 63] : '=';
        o[3] = '=';
        o += 4;
    }
    return (size_t)(o - out);
}
