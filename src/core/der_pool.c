/* The unique certificates of a load, deduplicated by their DER bytes (docs/loading.md):
 * each distinct certificate is stored once in one pool of bytes, found again through a
 * seeded hash table, and every place it was seen is a sighting (source, path, verdict,
 * role) for the trust decision of finish.c. */
#include <stdlib.h>
#include <string.h>

#include "core/collect_state.h"
#include "core/slots.h"

/* A hash of all the bytes, seeded per load: certificates built to share a prefix and a
 * suffix (or chosen against a fixed function) still spread over the table, so a file of
 * look-alikes costs linear time, not quadratic. Four independent lanes of eight bytes,
 * so that the multiplications overlap: a small part of a load's time. */
static uint32_t der_hash(uint64_t seed, const uint8_t *der, size_t len)
{
    const uint64_t k = 0xBF58476D1CE4E5B9ull;
    uint64_t h[4] = {seed ^ len, seed + 0x9E3779B97F4A7C15ull, ~seed, seed * k};
    size_t i = 0;
    for (; i + 32 <= len; i += 32) {
        for (int l = 0; l < 4; l++) {
            uint64_t w;
            memcpy(&w, der + i + 8 * l, 8);
            h[l] = (h[l] ^ w) * k;
            h[l] ^= h[l] >> 29;
        }
    }
    uint64_t r = h[0] ^ (h[1] << 1) ^ (h[2] << 2) ^ (h[3] << 3);
    for (; i < len; i++)
        r = (r ^ der[i]) * 0x94D049BB133111EBull;
    r ^= r >> 31;
    r *= k;
    r ^= r >> 32;
    return (uint32_t)r;
}

static int table_rehash(nc__collect *c, size_t cap)
{
    uint64_t *t = calloc(cap, sizeof *t);
    if (!t) {
        c->oom = 1;
        return -1;
    }
    for (size_t i = 0; i < c->ncerts; i++)
        nc__slot_put(t, cap, c->certs[i].hash, c->certs[i].hash, i);
    free(c->table);
    c->table = t;
    c->table_cap = cap;
    return 0;
}

/* The DER pool grows by half (a doubling would leave up to half of it unused while the
 * load runs, and it is most of a load's memory), or as reserved for a bundle; it is cut
 * to size when reading ends. */
static int grow_der(nc__collect *c, size_t need)
{
    if (c->oom) return -1;
    if (need <= c->der_cap) return 0;
    size_t n = c->der_cap + c->der_cap / 2;
    if (n < need) n = need;
    if (n < 4096) n = 4096;
    uint8_t *p = realloc(c->der, n);
    if (!p) {
        c->oom = 1;
        return -1;
    }
    c->der = p;
    c->der_cap = n;
    return 0;
}

int nc__collect_reserve_der(nc__collect *c, size_t extra)
{
    return extra > SIZE_MAX - c->der_len ? 0 : grow_der(c, c->der_len + extra);
}

/* The index of the entry with exactly these bytes (of hash h), or NC__NONE. */
static uint32_t find_cert(const nc__collect *c, const uint8_t *der, size_t len, uint32_t h)
{
    if (!c->table_cap) return NC__NONE;
    size_t mask = c->table_cap - 1;
    for (size_t j = h & mask; c->table[j]; j = (j + 1) & mask) {
        if (nc__slot_tag(c->table[j]) != h) continue;
        uint32_t i = nc__slot_index(c->table[j]);
        const nc__cert_entry *e = &c->certs[i];
        if (e->len == len && memcmp(c->der + e->off, der, len) == 0) return i;
    }
    return NC__NONE;
}

/* Returns the index of the unique entry for der (of hash h), adding it when new. */
static uint32_t intern_cert(nc__collect *c, const uint8_t *der, size_t len, uint32_t h,
                            const nc__cert_limits *info)
{
    if (c->ncerts + 1 > c->table_cap / 2 && table_rehash(c, c->table_cap ? c->table_cap * 2 : 256))
        return NC__NONE;
    uint32_t known = find_cert(c, der, len, h);
    if (known != NC__NONE) return known;
    if (nc__collect_at_limit(c, c->ncerts) ||
        NC__COLLECT_GROW(c, certs, certs_cap, c->ncerts + 1) || grow_der(c, c->der_len + len))
        return NC__NONE;
    nc__cert_entry *e = &c->certs[c->ncerts];
    e->off = c->der_len;
    e->len = len;
    e->hash = h;
    e->not_before = info->not_before;
    e->not_after = info->not_after;
    e->eku = (uint8_t)info->eku;
    memcpy(c->der + c->der_len, der, len);
    c->der_len += len;
    nc__slot_put(c->table, c->table_cap, h, h, c->ncerts);
    return (uint32_t)c->ncerts++;
}

static int add_occurrence(nc__collect *c, uint32_t cert, uint32_t source, uint32_t path,
                          uint8_t verdict, uint8_t role)
{
    if (nc__collect_at_limit(c, c->nocc) || NC__COLLECT_GROW(c, occ, occ_cap, c->nocc + 1))
        return -1;
    nc__occurrence *o = &c->occ[c->nocc++];
    o->cert = cert;
    o->source = source;
    o->path = path;
    o->verdict = verdict;
    o->role = role;
    if (source < c->nsources) c->sources[source].certs++;
    return 0;
}

uint32_t nc__collect_find_der(const nc__collect *c, const uint8_t *der, size_t len, uint32_t *hash)
{
    *hash = der_hash(c->seed, der, len);
    return find_cert(c, der, len, *hash);
}

int nc__collect_sighting(nc__collect *c, uint32_t cert, uint32_t source, uint32_t path,
                         nc__verdict verdict, nc__role role)
{
    return add_occurrence(c, cert, source, path, (uint8_t)verdict, (uint8_t)role);
}

int nc__collect_cert(nc__collect *c, uint32_t source, uint32_t path, const uint8_t *der, size_t len,
                     const nc__cert_limits *info, nc__verdict verdict, nc__role role)
{
    uint32_t h;
    uint32_t known = nc__collect_find_der(c, der, len, &h);
    if (known != NC__NONE) return nc__collect_sighting(c, known, source, path, verdict, role);
    return nc__collect_cert_hashed(c, source, path, der, len, h, info, verdict, role);
}

int nc__collect_cert_hashed(nc__collect *c, uint32_t source, uint32_t path, const uint8_t *der,
                            size_t len, uint32_t hash, const nc__cert_limits *info,
                            nc__verdict verdict, nc__role role)
{
    uint32_t cert = intern_cert(c, der, len, hash, info);
    if (cert == NC__NONE) return -1;
    return add_occurrence(c, cert, source, path, (uint8_t)verdict, (uint8_t)role);
}
