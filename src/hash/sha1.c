/* SHA-1 as FIPS 180-4 §6.1 describes it, one 64-byte block at a time. */
#include "hash/sha1.h"

#include <string.h>

static uint32_t rotl(uint32_t x, unsigned n)
{
    return (x << n) | (x >> (32 - n));
}

/* The message schedule (§6.1.2 step 1) in 16 words, each W[t] computed where W[t - 16]
 * was: what the next rounds need, without an 80-word array to fill first. */
static uint32_t schedule(uint32_t w[16], int t)
{
    if (t >= 16)
        w[t & 15] = rotl(w[(t - 3) & 15] ^ w[(t - 8) & 15] ^ w[(t - 14) & 15] ^ w[t & 15], 1);
    return w[t & 15];
}

/* §6.1.2 steps 3 and 4: 80 rounds in four runs of 20, each with its function (§4.1.1:
 * Ch, Parity, Maj, Parity) and constant (§4.2.1). */
#define ROUNDS(from, to, f, k)                                                                     \
    for (int t = from; t < to; t++) {                                                              \
        uint32_t temp = rotl(a, 5) + (f) + e + (k) + schedule(w, t);                               \
        e = d;                                                                                     \
        d = c;                                                                                     \
        c = rotl(b, 30);                                                                           \
        b = a;                                                                                     \
        a = temp;                                                                                  \
    }

static void compress(uint32_t state[5], const uint8_t block[64])
{
    uint32_t w[16];
    for (int t = 0; t < 16; t++)
        w[t] = nc__md_load_be32(block + 4 * t);
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];
    ROUNDS(0, 20, (b & c) ^ (~b & d), 0x5a827999)
    ROUNDS(20, 40, b ^ c ^ d, 0x6ed9eba1)
    ROUNDS(40, 60, (b & c) ^ (b & d) ^ (c & d), 0x8f1bbcdc)
    ROUNDS(60, 80, b ^ c ^ d, 0xca62c1d6)
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
}

void nc__sha1_init(nc__sha1 *h)
{
    static const uint32_t initial[5] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476,
                                        0xc3d2e1f0}; /* §5.3.1 */
    memcpy(h->state, initial, sizeof(initial));
    nc__md_block_init(&h->buffer);
}

void nc__sha1_update(nc__sha1 *h, const uint8_t *data, size_t len)
{
    nc__md_block_update(&h->buffer, h->state, compress, data, len);
}

void nc__sha1_final(nc__sha1 *h, uint8_t out[20])
{
    nc__md_block_final(&h->buffer, h->state, compress, 5, out);
}
