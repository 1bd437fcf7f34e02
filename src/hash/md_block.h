/* What SHA-1 and SHA-256 share (FIPS 180-4 §5.1.1, §5.2.1): the message cut into 64-byte
 * blocks, and padded with a 0x80 byte, zeros, and its length in bits as a big-endian
 * 64-bit number. Each hash supplies its compression function and state words. */
#ifndef NC_HASH_MD_BLOCK_H
#define NC_HASH_MD_BLOCK_H

#include <stddef.h>
#include <stdint.h>

/* Mixes one 64-byte block into the state words. */
typedef void (*nc__md_compress)(uint32_t *state, const uint8_t block[64]);

typedef struct nc__md_block {
    uint64_t total;    /* bytes hashed so far */
    uint8_t block[64]; /* the partial block */
    size_t fill;       /* bytes in block */
} nc__md_block;

void nc__md_block_init(nc__md_block *b);
/* Adds data[0..len), compressing each block as it fills; data may be NULL when len is 0. */
void nc__md_block_update(nc__md_block *b, uint32_t *state, nc__md_compress compress,
                         const uint8_t *data, size_t len);
/* Pads and compresses the last block(s), then writes the first `words` state words to out,
 * big-endian. b must be initialised again before reuse. */
void nc__md_block_final(nc__md_block *b, uint32_t *state, nc__md_compress compress, size_t words,
                        uint8_t *out);

/* The big-endian 32-bit word at p. */
uint32_t nc__md_load_be32(const uint8_t *p);

#endif
