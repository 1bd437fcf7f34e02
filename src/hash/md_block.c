/* Block buffering and padding for the FIPS 180-4 hashes. */
#include "hash/md_block.h"

#include <string.h>

void nc__md_block_init(nc__md_block *b)
{
    b->total = 0;
    b->fill = 0;
}

uint32_t nc__md_load_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

void nc__md_block_update(nc__md_block *b, uint32_t *state, nc__md_compress compress,
                         const uint8_t *data, size_t len)
{
    if (len == 0) return; /* data may be NULL then: memcpy must not see it */
    b->total += len;
    if (b->fill > 0) {
        size_t take = 64 - b->fill < len ? 64 - b->fill : len;
        memcpy(b->block + b->fill, data, take);
        b->fill += take;
        data += take;
        len -= take;
        if (b->fill < 64) return;
        compress(state, b->block);
        b->fill = 0;
    }
    for (; len >= 64; data += 64, len -= 64)
        compress(state, data);
    if (len > 0) memcpy(b->block, data, len);
    b->fill = len;
}

void nc__md_block_final(nc__md_block *b, uint32_t *state, nc__md_compress compress, size_t words,
                        uint8_t *out)
{
    /* Padding: 0x80, zeros up to 56 mod 64, then the length in bits, big-endian. */
    uint64_t bits = b->total * 8;
    b->block[b->fill++] = 0x80;
    if (b->fill > 56) {
        memset(b->block + b->fill, 0, 64 - b->fill);
        compress(state, b->block);
        b->fill = 0;
    }
    memset(b->block + b->fill, 0, 56 - b->fill);
    for (int i = 0; i < 8; i++)
        b->block[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
    compress(state, b->block);
    for (size_t i = 0; i < words; i++) {
        out[4 * i] = (uint8_t)(state[i] >> 24);
        out[4 * i + 1] = (uint8_t)(state[i] >> 16);
        out[4 * i + 2] = (uint8_t)(state[i] >> 8);
        out[4 * i + 3] = (uint8_t)state[i];
    }
}
