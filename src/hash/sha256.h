/* SHA-256 (FIPS 180-4), for certificate fingerprints. Plain C, no allocation, no tables
 * that change: a context lives on the caller's stack. */
#ifndef NC_HASH_SHA256_H
#define NC_HASH_SHA256_H

#include <stddef.h>
#include <stdint.h>

#include "hash/md_block.h"

typedef struct nc__sha256 {
    uint32_t state[8];
    nc__md_block buffer;
} nc__sha256;

void nc__sha256_init(nc__sha256 *h);
/* Adds data[0..len); data may be NULL when len is 0. */
void nc__sha256_update(nc__sha256 *h, const uint8_t *data, size_t len);
/* Writes the digest; h must be initialised again before reuse. */
void nc__sha256_final(nc__sha256 *h, uint8_t out[32]);

#endif
