/* Base64 for PEM bodies: in-place decoding, and encoding. */
#include "codec/base64.h"

#include <string.h>

/* Sixteen characters a step with vector instructions where the CPU has them: SSSE3 on
 * x86-64 (checked at run time, so the library still runs on any x86-64), NEON on aarch64
 * (always there). The decoding of a bundle is most of the user time of a load.
 * Elsewhere the scalar loop below does all of it. Neither depends on the byte order: the
 * SSSE3 path runs on x86-64 alone (little-endian), and the NEON path works on bytes
 * alone and stores through a byte array, right on big-endian aarch64 too. */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define NC__BASE64_SSSE3 1
#define NC__BASE64_VECTOR "ssse3"
#include <cpuid.h>
#include <immintrin.h>
#elif defined(__aarch64__) && (defined(__GNUC__) || defined(__clang__))
#define NC__BASE64_NEON 1
#define NC__BASE64_VECTOR "neon"
#include <arm_neon.h>
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

/* The vector path decodes whole 16-character groups of in[0..n) that hold base64
 * characters only (no whitespace, no '='), 12 bytes each, to *out; it stops at the
 * first group that holds anything else and returns the characters taken. Characters are
 * checked by both nibbles against tables of the ranges each nibble may fall in (a
 * character is valid when the bit sets its low and high nibble select share no bit),
 * then mapped to values by their high nibble (a per-range offset, '/' apart), then each
 * four 6-bit values are packed into three bytes. It writes exactly 12 bytes per group,
 * never ahead of the bytes read, so in place stays safe. */
#define NC__LUT_LO                                                                                 \
    0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1A, 0x1B, 0x1B, 0x1B, 0x1A
#define NC__LUT_HI                                                                                 \
    0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10
/* Offset by high nibble: '+' (2x) +19, '/' -> index 1 +16, '0'-'9' +4, 'A'-'Z' -65,
 * 'a'-'z' -71. */
#define NC__LUT_ROLL 0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0
#ifdef NC__BASE64_VECTOR
static int simd_state; /* 0: not asked yet, 1: use it, -1: do not */

void nc__base64_force_scalar(int on)
{
    __atomic_store_n(&simd_state, on ? -1 : 0, __ATOMIC_RELAXED);
}

const char *nc__base64_vector_path(void)
{
    return NC__BASE64_VECTOR;
}
#else
void nc__base64_force_scalar(int on)
{
    (void)on;
}

const char *nc__base64_vector_path(void)
{
    return NULL;
}
#endif

#ifdef NC__BASE64_SSSE3
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

/* The four 6-bit values of each group are packed by two multiply-adds (pairs, then
 * quads: 24 bits in each 32-bit lane, high byte first after the shuffle). */
__attribute__((target("ssse3"))) static size_t decode_groups(const uint8_t *in, size_t n,
                                                             uint8_t **out)
{
    const __m128i lut_lo = _mm_setr_epi8(NC__LUT_LO);
    const __m128i lut_hi = _mm_setr_epi8(NC__LUT_HI);
    const __m128i lut_roll = _mm_setr_epi8(NC__LUT_ROLL);
    /* pshufb reads the low nibble of an index (and its top bit, which 0x2F clears):
     * the one mask serves the nibbles and the test for '/'. */
    const __m128i mask_2f = _mm_set1_epi8(0x2F);
    const __m128i pack_pairs = _mm_set1_epi32(0x01400140);
    const __m128i pack_quads = _mm_set1_epi32(0x00011000);
    const __m128i order = _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
    uint8_t *o = *out;
    uint8_t group[16];
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
        _mm_storeu_si128((__m128i *)(void *)group, _mm_shuffle_epi8(v, order));
        memcpy(o, group, 12);
        o += 12;
    }
    *out = o;
    return i;
}
#endif

#ifdef NC__BASE64_NEON
static int simd_usable(void)
{
    return __atomic_load_n(&simd_state, __ATOMIC_RELAXED) >= 0;
}

/* Bytes only, lane by lane: each output byte is a value shifted left ORed with the next
 * value shifted right (a<<2|b>>4, b<<4|c>>2, c<<6|d), then the three of each group are
 * gathered by a table lookup. */
static size_t decode_groups(const uint8_t *in, size_t n, uint8_t **out)
{
    static const uint8_t lut_lo_bytes[16] = {NC__LUT_LO};
    static const uint8_t lut_hi_bytes[16] = {NC__LUT_HI};
    static const int8_t lut_roll_bytes[16] = {NC__LUT_ROLL};
    static const int8_t shift_this[16] = {2, 4, 6, 0, 2, 4, 6, 0, 2, 4, 6, 0, 2, 4, 6, 0};
    static const int8_t shift_next[16] = {-4, -2, 0, -8, -4, -2, 0, -8,
                                          -4, -2, 0, -8, -4, -2, 0, -8};
    /* The three bytes of each group of four, in order. */
    static const uint8_t order_bytes[16] = {0,  1,  2,  4,  5,   6,   8,   9,
                                            10, 12, 13, 14, 255, 255, 255, 255};
    const uint8x16_t lut_lo = vld1q_u8(lut_lo_bytes), lut_hi = vld1q_u8(lut_hi_bytes);
    const uint8x16_t lut_roll = vreinterpretq_u8_s8(vld1q_s8(lut_roll_bytes));
    const int8x16_t this_shift = vld1q_s8(shift_this), next_shift = vld1q_s8(shift_next);
    const uint8x16_t order = vld1q_u8(order_bytes);
    uint8_t *o = *out;
    uint8_t group[16];
    size_t i = 0;
    for (; n - i >= 16; i += 16) {
        uint8x16_t str = vld1q_u8(in + i);
        uint8x16_t hi_nib = vshrq_n_u8(str, 4);
        uint8x16_t lo_nib = vandq_u8(str, vdupq_n_u8(0x0F));
        uint8x16_t hi = vqtbl1q_u8(lut_hi, hi_nib);
        uint8x16_t lo = vqtbl1q_u8(lut_lo, lo_nib);
        if (vmaxvq_u8(vtstq_u8(lo, hi)) != 0) break;
        uint8x16_t eq_2f = vceqq_u8(str, vdupq_n_u8(0x2F));
        uint8x16_t v = vaddq_u8(str, vqtbl1q_u8(lut_roll, vaddq_u8(eq_2f, hi_nib)));
        uint8x16_t next = vextq_u8(v, v, 1);
        uint8x16_t bytes = vorrq_u8(vshlq_u8(v, this_shift), vshlq_u8(next, next_shift));
        vst1q_u8(group, vqtbl1q_u8(bytes, order));
        memcpy(o, group, 12);
        o += 12;
    }
    *out = o;
    return i;
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
#ifdef NC__BASE64_VECTOR
    int simd = simd_usable();
#endif

    while (i < n) {
        /* Fast path: whole quanta of base64 characters (values 0..63 have both top bits
         * clear; the other classes do not), in a loop of their own: between two line ends
         * there is nothing else. (Eight characters a step measured slower.) */
        if (count == 0 && !done) {
#ifdef NC__BASE64_VECTOR
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
