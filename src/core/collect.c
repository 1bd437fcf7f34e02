/* Bookkeeping of a load: growable arrays, the string pool and the unique-DER pool. */
#include "core/collect.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/slots.h"

void nc__collect_init(nc__collect *c)
{
    memset(c, 0, sizeof *c);
    /* Not secret, but not fixed either: the address of this load's state (ASLR) and the
     * time make a table that files cannot be prepared against in advance. */
    c->seed = (uint64_t)(uintptr_t)c * 0x9E3779B97F4A7C15ull ^ (uint64_t)time(NULL);
    nc__known_text_init(&c->known, c->seed);
}

void nc__collect_free(nc__collect *c)
{
    free(c->der);
    free(c->certs);
    free(c->table);
    free(c->occ);
    free(c->sources);
    free(c->errors);
    free(c->str);
    free(c->seen);
    free(c->seen_table);
    free(c->scratch);
    nc__known_text_free(&c->known);
    memset(c, 0, sizeof *c);
}

/* Grows *arr so that it holds at least need elements of size elem. */
static int grow(nc__collect *c, void **arr, size_t *cap, size_t need, size_t elem)
{
    if (c->oom) return -1;
    if (need <= *cap) return 0;
    size_t n = *cap ? *cap : 16;
    while (n < need) {
        if (n > SIZE_MAX / 2 / elem) goto fail;
        n *= 2;
    }
    void *p = realloc(*arr, n * elem);
    if (!p) goto fail;
    *arr = p;
    *cap = n;
    return 0;
fail:
    c->oom = 1;
    return -1;
}

#define GROW(c, field, cap, need)                                                                  \
    grow((c), (void **)&(c)->field, &(c)->cap, (need), sizeof *(c)->field)

/* Indexes are 32-bit: a load that would need more fails as out of memory does (the
 * result could otherwise miss a distrust). */
static int at_limit(nc__collect *c, size_t n)
{
    if (n < UINT32_MAX - 1) return 0;
    c->oom = 1;
    return 1;
}

uint32_t nc__collect_strn(nc__collect *c, const char *s, size_t n)
{
    if (at_limit(c, c->str_len + n + 1)) return NC__NONE;
    if (grow(c, (void **)&c->str, &c->str_cap, c->str_len + n + 1, 1)) return NC__NONE;
    uint32_t id = (uint32_t)c->str_len;
    memcpy(c->str + c->str_len, s, n);
    c->str[c->str_len + n] = '\0';
    c->str_len += n + 1;
    return id;
}

uint32_t nc__collect_str(nc__collect *c, const char *s)
{
    return nc__collect_strn(c, s, strlen(s));
}

const char *nc__collect_get_str(const nc__collect *c, uint32_t id)
{
    return id == NC__NONE ? NULL : c->str + id;
}

uint32_t nc__collect_source(nc__collect *c, nativecerts_source_kind kind, const char *origin,
                            const char *name, const char *value)
{
    if (GROW(c, sources, sources_cap, c->nsources + 1)) return NC__NONE;
    uint32_t name_id = nc__collect_str(c, name);
    uint32_t value_id = value ? nc__collect_str(c, value) : NC__NONE;
    if (c->oom) return NC__NONE;
    nc__source *s = &c->sources[c->nsources];
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->status = NATIVECERTS_STATUS_MISSING;
    s->origin = origin;
    s->name = name_id;
    s->value = value_id;
    s->same_as = NC__NONE;
    return (uint32_t)c->nsources++;
}

void nc__collect_status(nc__collect *c, uint32_t source, nativecerts_source_status status)
{
    if (source < c->nsources) c->sources[source].status = status;
}

void nc__collect_same_as(nc__collect *c, uint32_t source, uint32_t earlier)
{
    if (source < c->nsources) {
        c->sources[source].status = NATIVECERTS_STATUS_SAME_AS_OTHER;
        c->sources[source].same_as = earlier;
    }
}

/* English words for the errno values a load can meet, as glibc writes them, whatever
 * the locale: a program that calls setlocale() still gets the same messages (strerror
 * would translate them), and they read the same on every system. Each value is guarded:
 * not every C library defines all of them, and some are aliases (ENOTSUP, EOPNOTSUPP),
 * where the first row wins. */
static const struct errno_word {
    int err;
    const char *text;
} errno_words[] = {
#ifdef EPERM
    {EPERM, "Operation not permitted"},
#endif
#ifdef ENOENT
    {ENOENT, "No such file or directory"},
#endif
#ifdef EINTR
    {EINTR, "Interrupted system call"},
#endif
#ifdef EIO
    {EIO, "Input/output error"},
#endif
#ifdef ENXIO
    {ENXIO, "No such device or address"},
#endif
#ifdef EBADF
    {EBADF, "Bad file descriptor"},
#endif
#ifdef EAGAIN
    {EAGAIN, "Resource temporarily unavailable"},
#endif
#ifdef ENOMEM
    {ENOMEM, "Cannot allocate memory"},
#endif
#ifdef EACCES
    {EACCES, "Permission denied"},
#endif
#ifdef EFAULT
    {EFAULT, "Bad address"},
#endif
#ifdef EBUSY
    {EBUSY, "Device or resource busy"},
#endif
#ifdef EEXIST
    {EEXIST, "File exists"},
#endif
#ifdef EXDEV
    {EXDEV, "Invalid cross-device link"},
#endif
#ifdef ENODEV
    {ENODEV, "No such device"},
#endif
#ifdef ENOTDIR
    {ENOTDIR, "Not a directory"},
#endif
#ifdef EISDIR
    {EISDIR, "Is a directory"},
#endif
#ifdef EINVAL
    {EINVAL, "Invalid argument"},
#endif
#ifdef ENFILE
    {ENFILE, "Too many open files in system"},
#endif
#ifdef EMFILE
    {EMFILE, "Too many open files"},
#endif
#ifdef ETXTBSY
    {ETXTBSY, "Text file busy"},
#endif
#ifdef EFBIG
    {EFBIG, "File too large"},
#endif
#ifdef ENOSPC
    {ENOSPC, "No space left on device"},
#endif
#ifdef ESPIPE
    {ESPIPE, "Illegal seek"},
#endif
#ifdef EROFS
    {EROFS, "Read-only file system"},
#endif
#ifdef EMLINK
    {EMLINK, "Too many links"},
#endif
#ifdef EPIPE
    {EPIPE, "Broken pipe"},
#endif
#ifdef ENAMETOOLONG
    {ENAMETOOLONG, "File name too long"},
#endif
#ifdef ENOSYS
    {ENOSYS, "Function not implemented"},
#endif
#ifdef ELOOP
    {ELOOP, "Too many levels of symbolic links"},
#endif
#ifdef EOVERFLOW
    {EOVERFLOW, "Value too large for defined data type"},
#endif
#ifdef EILSEQ
    {EILSEQ, "Invalid or incomplete multibyte or wide character"},
#endif
#ifdef ENOBUFS
    {ENOBUFS, "No buffer space available"},
#endif
#ifdef EOPNOTSUPP
    {EOPNOTSUPP, "Operation not supported"},
#endif
#ifdef ENOTSUP
    {ENOTSUP, "Operation not supported"},
#endif
#ifdef ETIMEDOUT
    {ETIMEDOUT, "Connection timed out"},
#endif
#ifdef ESTALE
    {ESTALE, "Stale file handle"},
#endif
#ifdef EDQUOT
    {EDQUOT, "Disk quota exceeded"},
#endif
};

void nc__errno_text(int err, char *buf, size_t n)
{
    for (size_t i = 0; i < sizeof errno_words / sizeof errno_words[0]; i++) {
        if (errno_words[i].err == err) {
            snprintf(buf, n, "%s", errno_words[i].text);
            return;
        }
    }
    snprintf(buf, n, "error %d", err);
}

/* Appends path to the string pool as it is shown in a message: control bytes and DEL
 * as \n, \t or \xHH, and a backslash doubled, so that a message stays one line that
 * a terminal shows as is, whatever bytes a file name holds (UTF-8 passes through).
 * An empty path is shown as ''. Returns the id, or NC__NONE. */
static uint32_t shown_path(nc__collect *c, const char *path)
{
    if (!*path) return nc__collect_str(c, "''");
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)path; *p; p++)
        n += *p < 0x20 || *p == 0x7f ? 4 : *p == '\\' ? 2 : 1;
    char *buf = malloc(n + 1), *o = buf;
    if (!buf) {
        c->oom = 1;
        return NC__NONE;
    }
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if (*p == '\n')
            o += sprintf(o, "\\n");
        else if (*p == '\t')
            o += sprintf(o, "\\t");
        else if (*p < 0x20 || *p == 0x7f)
            o += sprintf(o, "\\x%02x", *p);
        else if (*p == '\\')
            *o++ = '\\', *o++ = '\\';
        else
            *o++ = (char)*p;
    }
    *o = '\0';
    uint32_t id = nc__collect_strn(c, buf, (size_t)(o - buf));
    free(buf);
    return id;
}

int nc__errno_is_exhaustion(long err)
{
    return err == EMFILE || err == ENFILE || err == ENOMEM
#ifdef ENOBUFS
           || err == ENOBUFS
#endif
        ;
}

void nc__collect_exhausted(nc__collect *c, int err)
{
    c->oom = 1; /* ENOMEM from the system is memory all the same: NATIVECERTS_ENOMEM */
    if (!c->resource_err && err != ENOMEM) c->resource_err = err ? err : EMFILE;
}

void nc__collect_distrust_place(nc__collect *c, uint32_t source, uint32_t scope)
{
    if (source >= c->nsources) return;
    c->sources[source].distrust_place = 1;
    c->sources[source].scope = scope;
}

void nc__collect_incomplete(nc__collect *c, uint32_t source)
{
    if (source < c->nsources && c->sources[source].distrust_place)
        c->sources[source].incomplete = 1;
}

#if defined(__GNUC__)
__attribute__((format(printf, 8, 0)))
#endif
static void
add_error(nc__collect *c, uint32_t source, nativecerts_error_kind kind, const char *path,
          unsigned long line, long err, int recognised, const char *fmt, va_list ap)
{
    /* Out of descriptors or kernel memory: whatever this file held is unknown, and it
     * may have been a distrust. The whole load fails, not this file alone. */
    if (kind == NATIVECERTS_ERROR_IO && nc__errno_is_exhaustion(err)) {
        nc__collect_exhausted(c, (int)err);
        return;
    }
    if (!recognised) {
        nc__collect_incomplete(c, source);
        c->unknown_errors++;
    }
    if (GROW(c, errors, errors_cap, c->nerrors + 1)) return;
    /* The text after the path is ours (fixed words, a PEM label cut short), so a fixed
     * buffer holds it; the path is any length and is not cut. */
    char text[512], sys[160] = "", where[32] = "";
    vsnprintf(text, sizeof text, fmt, ap);
    if (err != 0 && kind != NATIVECERTS_ERROR_OS) { /* an errno value */
        char words[96];
        nc__errno_text((int)err, words, sizeof words);
        snprintf(sys, sizeof sys, ": %s (errno %ld)", words, err);
    } else if (err != 0) {
        snprintf(sys, sizeof sys, " (error %ld)", err);
    }
    if (path && line) snprintf(where, sizeof where, ":%lu", line);
    uint32_t path_id = path ? nc__collect_str(c, path) : NC__NONE;
    uint32_t shown = path ? shown_path(c, path) : NC__NONE;
    if (c->oom) return;
    size_t n = (path ? strlen(c->str + shown) + strlen(where) + 2 : 0) + strlen(text) + strlen(sys);
    char *msg = malloc(n + 1);
    if (!msg) {
        c->oom = 1;
        return;
    }
    if (path)
        snprintf(msg, n + 1, "%s%s: %s%s", c->str + shown, where, text, sys);
    else
        snprintf(msg, n + 1, "%s%s", text, sys);
    uint32_t msg_id = nc__collect_str(c, msg);
    free(msg);
    if (c->oom) return;
    nc__error *e = &c->errors[c->nerrors++];
    e->kind = kind;
    e->path = path_id;
    e->message = msg_id;
    e->line = line;
    e->err = err;
    e->source = source;
    if (source < c->nsources) c->sources[source].errors++;
}

void nc__collect_error(nc__collect *c, uint32_t source, nativecerts_error_kind kind,
                       const char *path, unsigned long line, long err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_error(c, source, kind, path, line, err, 0, fmt, ap);
    va_end(ap);
}

void nc__collect_error_recognised(nc__collect *c, uint32_t source, nativecerts_error_kind kind,
                                  const char *path, unsigned long line, long err, const char *fmt,
                                  ...)
{
    va_list ap;
    va_start(ap, fmt);
    add_error(c, source, kind, path, line, err, 1, fmt, ap);
    va_end(ap);
}

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
    if (at_limit(c, c->ncerts) || GROW(c, certs, certs_cap, c->ncerts + 1) ||
        grow_der(c, c->der_len + len))
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
    if (at_limit(c, c->nocc) || GROW(c, occ, occ_cap, c->nocc + 1)) return -1;
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

nc__file_seen *nc__collect_find_seen(nc__collect *c, uint64_t dev, uint64_t ino, int is_dir)
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

nc__file_seen *nc__collect_add_seen(nc__collect *c, uint64_t dev, uint64_t ino, int is_dir,
                                    uint32_t source)
{
    if (c->nseen + 1 > c->seen_table_cap / 2 &&
        seen_rehash(c, c->seen_table_cap ? c->seen_table_cap * 2 : 512))
        return NULL;
    if (at_limit(c, c->nseen) || GROW(c, seen, seen_cap, c->nseen + 1)) return NULL;
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

void nc__collect_reuse(nc__collect *c, nc__file_seen *f, uint32_t source, const char *path,
                       nc__role role)
{
    if (f->roles & (1u << role)) return; /* already applied in this role */
    f->roles |= (uint8_t)(1u << role);
    if (f->damaged && role == NC__ROLE_DISTRUST) nc__collect_incomplete(c, source);
    uint32_t start = f->occ_start, end = f->occ_end; /* f may move with c->seen */
    uint32_t path_id = start < end ? nc__collect_str(c, path) : NC__NONE;
    if (start < end && path_id == NC__NONE) return;
    for (uint32_t i = start; i < end; i++) {
        nc__occurrence o = c->occ[i]; /* copy: add_occurrence may move the array */
        if (add_occurrence(c, o.cert, source, path_id, o.verdict, (uint8_t)role)) return;
    }
}

void nc__collect_end_reading(nc__collect *c)
{
    if (c->der_cap > c->der_len && c->der_len > 0) {
        /* The result keeps the pool: no spare room for its lifetime. A failure here
         * fails the load like any other (a smaller block is always to be had). */
        uint8_t *p = realloc(c->der, c->der_len);
        if (p) {
            c->der = p;
            c->der_cap = c->der_len;
        } else {
            c->oom = 1;
        }
    }
    free(c->scratch);
    c->scratch = NULL;
    c->scratch_cap = 0;
    nc__known_text_free(&c->known);
    nc__known_text_init(&c->known, c->seed);
}

uint8_t *nc__collect_scratch(nc__collect *c, size_t n)
{
    if (n <= c->scratch_cap) return c->scratch;
    free(c->scratch); /* old contents are not needed: one file at a time */
    c->scratch = malloc(n);
    c->scratch_cap = c->scratch ? n : 0;
    return c->scratch;
}

uint8_t *nc__collect_read_more(nc__collect *c, uint32_t source, const char *path, uint64_t max,
                               size_t *cap)
{
    if ((uint64_t)*cap > max) {
        nc__collect_error(c, source, NATIVECERTS_ERROR_LIMIT, path, 0, 0,
                          "file grew over the limit of %llu bytes while being read",
                          (unsigned long long)max);
        return NULL;
    }
    size_t n = *cap, ncap = n * 2;
    if ((uint64_t)ncap > max + 1) ncap = (size_t)max + 1;
    uint8_t *keep = c->scratch; /* the n bytes read so far */
    c->scratch = NULL;
    c->scratch_cap = 0;
    uint8_t *buf = nc__collect_scratch(c, ncap);
    if (buf) memcpy(buf, keep, n);
    free(keep);
    if (!buf) c->oom = 1; /* a partial load could lose a distrust: the call fails */
    *cap = ncap;
    return buf;
}
