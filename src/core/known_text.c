/* Blocks of a kept file, found again by their text (see known_text.h). */
#include "core/known_text.h"

#include <stdlib.h>
#include <string.h>

#include "core/slots.h"

/* The decoding buffer of a file that may be kept: one certificate's DER. A larger block
 * is decoded over its own text and, its text gone, not kept. */
#define OUT_SIZE 16384

void nc__known_text_init(nc__known_text *k, uint64_t seed)
{
    memset(k, 0, sizeof *k);
    k->seed = seed;
}

void nc__known_text_free(nc__known_text *k)
{
    free(k->text);
    free(k->blocks);
    free(k->table);
    free(k->out);
    memset(k, 0, sizeof *k);
}

/* A seeded hash of the length and 32 bytes near the end: the base64 of the signature,
 * which tells certificates apart; the END line after it does not. */
static uint32_t text_key(uint64_t seed, const uint8_t *t, size_t n)
{
    size_t from = n >= 64 ? n - 64 : 0, to = n >= 64 ? n - 32 : n;
    uint64_t h = seed ^ ((uint64_t)n * 0x9E3779B97F4A7C15ull);
    for (size_t i = from; i < to; i++)
        h = (h ^ t[i]) * 0x100000001B3ull;
    h ^= h >> 31;
    h *= 0xBF58476D1CE4E5B9ull;
    return (uint32_t)(h >> 32);
}

/* The indexed block of this key and text length, or NULL. */
static const nc__known_block *find_block(const nc__known_text *k, uint32_t key, size_t n)
{
    size_t mask = k->table_cap - 1;
    for (size_t j = key & mask; k->table[j]; j = (j + 1) & mask) {
        if (nc__slot_tag(k->table[j]) != key) continue; /* the entry stays unread */
        const nc__known_block *b = &k->blocks[nc__slot_index(k->table[j])];
        if (b->len == n) return b;
    }
    return NULL;
}

static int lookup(void *ctx, const uint8_t *text, size_t n, uint32_t *id, unsigned long *lines)
{
    nc__known_text *k = ctx;
    /* One block per key and length (see build_table): one comparison decides. */
    const nc__known_block *b = find_block(k, text_key(k->seed, text, n), n);
    if (!b || memcmp(k->text + b->off, text, n) != 0) return 0;
    *id = b->cert;
    *lines = b->lines;
    k->hits++;
    return 1;
}

/* Indexes the kept blocks. A block with the key and length of an earlier one is left
 * out, so that blocks that collide cost one comparison per lookup, not one each. */
static int build_table(nc__known_text *k)
{
    size_t cap = nc__slots_cap(k->nblocks);
    k->table = calloc(cap, sizeof *k->table);
    if (!k->table) return -1;
    k->table_cap = cap;
    for (size_t i = 0; i < k->nblocks; i++) {
        const nc__known_block *b = &k->blocks[i];
        if (!find_block(k, b->key, b->len)) nc__slot_put(k->table, cap, b->key, b->key, i);
    }
    return 0;
}

/* After an allocation failure: nothing more is kept or looked up. */
static int give_up(nc__known_text *k)
{
    k->off = 1;
    return -1;
}

int nc__known_text_begin_file(nc__known_text *k, nc__pem_scanner *s)
{
    if (k->off) return 0;
    if (k->text) {
        s->known = lookup;
        s->known_ctx = k;
        return 0;
    }
    k->nblocks = 0;
    if (!k->out && !(k->out = malloc(OUT_SIZE))) return give_up(k);
    s->out = k->out;
    s->out_cap = OUT_SIZE;
    return 0;
}

int nc__known_text_add(nc__known_text *k, const uint8_t *buf, const nc__pem_block *b, uint32_t cert)
{
    if (k->off || k->text || !b->text_kept) return 0;
    if (k->nblocks == k->blocks_cap) {
        size_t cap = k->blocks_cap ? k->blocks_cap * 2 : 64;
        nc__known_block *p = realloc(k->blocks, cap * sizeof *p);
        if (!p) return give_up(k);
        k->blocks = p;
        k->blocks_cap = cap;
    }
    nc__known_block *e = &k->blocks[k->nblocks++];
    e->off = b->text_off;
    e->len = b->text_len;
    e->lines = b->text_lines;
    e->cert = cert;
    e->key = text_key(k->seed, buf + b->text_off, b->text_len); /* while the text is hot */
    return 0;
}

int nc__known_text_end_file(nc__known_text *k, uint8_t *buf, int owned)
{
    if (k->off || k->text) return 0;
    if (!owned || k->nblocks < 2) {
        k->nblocks = 0;
        return 0;
    }
    if (build_table(k) != 0) return give_up(k);
    k->text = buf;
    free(k->out); /* kept files are never decoded out of place again */
    k->out = NULL;
    return 1;
}
