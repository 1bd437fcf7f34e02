/* SHA-1 as FIPS 180-4 §6.1 describes it, one 64-byte block at a time. */
#include "hash/sha1.h"

#include <string.h>

static uint32_t rotl(uint32_t x, unsigned n)
{
    return (x << n) | (x >> (32 - n));
}

/* The message schedule (§6.1.2 step 1) in 16 words, each W[t] computed where W[t - 16]
 * was: what the next rounds need, without an 80-word array to fill first. t is a
 * constant at every call, so the branch folds away. */
static inline uint32_t schedule(uint32_t w[16], int t)
{
    if (t >= 16)
        w[t & 15] = rotl(w[(t - 3) & 15] ^ w[(t - 8) & 15] ^ w[(t - 14) & 15] ^ w[t & 15], 1);
    return w[t & 15];
}

/* The functions of §4.1.1 (Ch and Maj in forms with fewer operations). */
#define CH(x, y, z) ((z) ^ ((x) & ((y) ^ (z))))
#define PARITY(x, y, z) ((x) ^ (y) ^ (z))
#define MAJ(x, y, z) (((x) & (y)) | ((z) & ((x) | (y))))

/* One round of §6.1.2 step 3, with the variables renamed instead of moved: the round's
 * T becomes the next round's a where e stood, and b is rotated in place to be c. */
#define ROUND(a, b, c, d, e, f, k, t)                                                              \
    do {                                                                                           \
        e += rotl(a, 5) + f(b, c, d) + (k) + schedule(w, t);                                       \
        b = rotl(b, 30);                                                                           \
    } while (0)

/* Five rounds bring the names back to where they started. */
#define FIVE_ROUNDS(f, k, t)                                                                       \
    do {                                                                                           \
        ROUND(a, b, c, d, e, f, k, t);                                                             \
        ROUND(e, a, b, c, d, f, k, t + 1);                                                         \
        ROUND(d, e, a, b, c, f, k, t + 2);                                                         \
        ROUND(c, d, e, a, b, f, k, t + 3);                                                         \
        ROUND(b, c, d, e, a, f, k, t + 4);                                                         \
    } while (0)

/* 80 rounds in four runs of 20, each with its function and constant (§4.2.1). */
#define TWENTY_ROUNDS(f, k, t)                                                                     \
    do {                                                                                           \
        FIVE_ROUNDS(f, k, t);                                                                      \
        FIVE_ROUNDS(f, k, t + 5);                                                                  \
        FIVE_ROUNDS(f, k, t + 10);                                                                 \
        FIVE_ROUNDS(f, k, t + 15);                                                                 \
    } while (0)

static void compress(uint32_t state[5], const uint8_t block[64])
{
    uint32_t w[16];
    for (int t = 0; t < 16; t++)
        w[t] = nc__md_load_be32(block + 4 * t);
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3], e = state[4];
    TWENTY_ROUNDS(CH, 0x5a827999, 0);
    TWENTY_ROUNDS(PARITY, 0x6ed9eba1, 20);
    TWENTY_ROUNDS(MAJ, 0x8f1bbcdc, 40);
    TWENTY_ROUNDS(PARITY, 0xca62c1d6, 60);
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
