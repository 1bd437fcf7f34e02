/* The files and directories a load has read, by identity (device and inode, or volume
 * and file index): each is read once per load, however many names or roles lead to it
 * (docs/files.md). A file met again is not read again: the certificates it gave are
 * applied once more, in the new role and source, under the name it was reached by. */
#include <stdlib.h>
#include <string.h>

#include "core/collect_state.h"
#include "core/slots.h"

static uint64_t seen_hash(uint64_t dev, uint64_t ino, int is_dir)
{
    uint64_t h = (ino * 0x9E3779B97F4A7C15ull) ^ (dev * 0xC2B2AE3D27D4EB4Full) ^ (uint64_t)is_dir;
    return h ^ (h >> 29);
}

static int seen_rehash(nc__collect *c, size_t cap)
{
    uint64_t *t = calloc(cap, sizeof *t);
    if (!t) {
        c->oom = 1;
        return -1;
    }
    for (size_t i = 0; i < c->nseen; i++) {
        const nc__file_seen *f = &c->seen[i];
        uint64_t h = seen_hash(f->dev, f->ino, f->is_dir);
        nc__slot_put(t, cap, (size_t)h, (uint32_t)(h >> 32), i);
    }
    free(c->seen_table);
    c->seen_table = t;
    c->seen_table_cap = cap;
    return 0;
}

/* The record of a file or directory by identity, or NULL. */
static nc__file_seen *find_seen(nc__collect *c, uint64_t dev, uint64_t ino, int is_dir)
{
    if (!c->seen_table_cap) return NULL;
    size_t mask = c->seen_table_cap - 1;
    uint64_t h = seen_hash(dev, ino, is_dir != 0);
    for (size_t j = (size_t)h & mask; c->seen_table[j]; j = (j + 1) & mask) {
        if (nc__slot_tag(c->seen_table[j]) != (uint32_t)(h >> 32)) continue;
        nc__file_seen *f = &c->seen[nc__slot_index(c->seen_table[j])];
        if (f->ino == ino && f->dev == dev && f->is_dir == (is_dir != 0)) return f;
    }
    return NULL;
}

/* Remembers one; returns it (NULL after an allocation failure). */
static nc__file_seen *add_seen(nc__collect *c, uint64_t dev, uint64_t ino, int is_dir,
                               uint32_t source)
{
    if (c->nseen + 1 > c->seen_table_cap / 2 &&
        seen_rehash(c, c->seen_table_cap ? c->seen_table_cap * 2 : 512))
        return NULL;
    if (nc__collect_at_limit(c, c->nseen) || NC__COLLECT_GROW(c, seen, seen_cap, c->nseen + 1))
        return NULL;
    nc__file_seen *f = &c->seen[c->nseen];
    memset(f, 0, sizeof *f);
    f->dev = dev;
    f->ino = ino;
    f->is_dir = (uint8_t)(is_dir != 0);
    f->source = source;
    f->occ_start = f->occ_end = (uint32_t)c->nocc;
    uint64_t h = seen_hash(dev, ino, f->is_dir);
    nc__slot_put(c->seen_table, c->seen_table_cap, (size_t)h, (uint32_t)(h >> 32), c->nseen);
    c->nseen++;
    return f;
}

/* Re-applies the certificates of a file read earlier in a new role and source, under
 * the name it was reached by this time. Does nothing when the role was applied. */
static void reuse(nc__collect *c, nc__file_seen *f, uint32_t source, const char *path,
                  nc__role role)
{
    if (f->roles & (1u << role)) return; /* already applied in this role */
    f->roles |= (uint8_t)(1u << role);
    if (f->damaged && role == NC__ROLE_DISTRUST) nc__collect_incomplete(c, source);
    uint32_t start = f->occ_start, end = f->occ_end; /* f may move with c->seen */
    uint32_t path_id = start < end ? nc__collect_str(c, path) : NC__NONE;
    if (start < end && path_id == NC__NONE) return;
    for (uint32_t i = start; i < end; i++) {
        nc__occurrence o = c->occ[i]; /* copy: a sighting may move the array */
        if (nc__collect_sighting(c, o.cert, source, path_id, (nc__verdict)o.verdict, role)) return;
    }
}

int nc__collect_file_once(nc__collect *c, uint64_t dev, uint64_t ino, uint32_t source,
                          const char *path, nc__role role, uint32_t *earlier, uint32_t *file)
{
    nc__file_seen *seen = find_seen(c, dev, ino, 0);
    if (seen) {
        if (earlier) *earlier = seen->source;
        reuse(c, seen, source, path, role);
        return 1;
    }
    /* Remembered before reading, so that a file that fails is reported once, not once
     * per name that leads to it. */
    *file = (uint32_t)c->nseen;
    seen = add_seen(c, dev, ino, 0, source);
    if (!seen) return -1;
    seen->roles = (uint8_t)(1u << role);
    return 0;
}

void nc__collect_file_damaged(nc__collect *c, uint32_t file)
{
    c->seen[file].damaged = 1;
}

int nc__collect_dir_once(nc__collect *c, uint64_t dev, uint64_t ino, uint32_t source, nc__role role,
                         uint32_t *earlier)
{
    nc__file_seen *seen = find_seen(c, dev, ino, 1);
    if (seen && (seen->roles & (1u << role))) {
        *earlier = seen->source;
        return 1;
    }
    /* Met in another role only: read again, in this one (a failure to remember it is
     * out of memory, which fails the load). */
    if (!seen) seen = add_seen(c, dev, ino, 1, source);
    if (seen) seen->roles |= (uint8_t)(1u << role);
    return 0;
}
