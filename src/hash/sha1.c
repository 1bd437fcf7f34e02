/* SHA-1 as FIPS 180-4 §6.1 describes it, one 64-byte block at a time. */
#include "hash/sha1.h"

#include <string.h>

static uint32_t rotl(uint32_t x, unsigned n)
{
    return (x << n) | (x >> (32 - n));
}

static void compress(uint32_t state[5], const uint8_t block[64])
{
    uint32_t w[80];
    for (int t = 0; t < 16; t++)
        w[t] = nc__md_load_be32(block + 4 * t);
    for (int t = 16; t < 80; t++)
        w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];
    for (int t = 0; t < 80; t++) {
        /* §4.1.1: Ch, Parity, Maj, Parity, each for 20 rounds with its constant. */
        uint32_t f, k;
        if (t < 20) {
            f = (b & c) ^ (~b & d);
            k = 0x5a827999;
        } else if (t < 40) {
            f = b ^ c ^ d;
            k = 0x6ed9eba1;
        } else if (t < 60) {
            f = (b & c) ^ (b & d) ^ (c & d);
            k = 0x8f1bbcdc;
        } else {
            f = b ^ c ^ d;
            k = 0xca62c1d6;
        }
        uint32_t temp = rotl(a, 5) + f + e + k + w[t];
        e = d;
        d = c;
        c = rotl(b, 30);
        b = a;
        a = temp;
    }
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
