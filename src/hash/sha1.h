/* SHA-1 (FIPS 180-4), for OpenSSL's name hash: the digest its hashed certificate
 * directories are named by. Not for anything that needs collision resistance. Plain C,
 * no allocation: a context lives on the caller's stack. */
#ifndef NC_HASH_SHA1_H
#define NC_HASH_SHA1_H

#include <stddef.h>
#include <stdint.h>

#include "hash/md_block.h"

typedef struct nc__sha1 {
    uint32_t state[5];
    nc__md_block buffer;
} nc__sha1;

void nc__sha1_init(nc__sha1 *h);
/* Adds data[0..len); data may be NULL when len is 0. */
void nc__sha1_update(nc__sha1 *h, const uint8_t *data, size_t len);
/* Writes the digest; h must be initialised again before reuse. */
void nc__sha1_final(nc__sha1 *h, uint8_t out[20]);

#endif
