/* Open-addressing tables of 64-bit slots, used by every hash table of a load (unique
 * certificates, files seen, kept PEM blocks, directory names): a slot holds a 32-bit tag
 * from the key's hash beside the entry's index + 1 (0 = empty), so that a probe reads
 * an entry only when the tags agree: one cache miss per lookup, not one per probe.
 * Capacities are powers of two and never more than half full. */
#ifndef NC_CORE_SLOTS_H
#define NC_CORE_SLOTS_H

#include <stddef.h>
#include <stdint.h>

static inline uint64_t nc__slot(uint32_t tag, size_t index)
{
    return (uint64_t)tag << 32 | ((uint64_t)index + 1);
}

static inline uint32_t nc__slot_tag(uint64_t slot)
{
    return (uint32_t)(slot >> 32);
}

static inline uint32_t nc__slot_index(uint64_t slot)
{
    return (uint32_t)slot - 1;
}

/* The capacity for n entries, built at once: a power of two, at least twice n. */
static inline size_t nc__slots_cap(size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    return cap;
}

/* Puts index in the first empty slot from position pos on. */
static inline void nc__slot_put(uint64_t *t, size_t cap, size_t pos, uint32_t tag, size_t index)
{
    size_t j = pos & (cap - 1);
    while (t[j])
        j = (j + 1) & (cap - 1);
    t[j] = nc__slot(tag, index);
}

#endif
