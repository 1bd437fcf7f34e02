/* A directory of certificates: every regular file in it, as rustls-native-certs 0.8.2+
 * and Go read them (admins drop *.pem, *.crt and hash-named files there). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/slots.h"
#include "unix/file_load.h"

/* What readdir says of an entry, where the file system says it. */
typedef enum entry_type {
    NC__ENTRY_FILE,   /* regular file, or unknown: opened and checked */
    NC__ENTRY_LINK,   /* symbolic link: may be an alias of another entry */
    NC__ENTRY_SPECIAL /* directory, FIFO, socket, device: skipped unopened */
} entry_type;

typedef struct entry {
    uint64_t key; /* the name's first 8 bytes, big-endian, zero-padded: most comparisons
                     end here, without touching the names */
    const char *name;
    entry_type type;
} entry;

typedef struct name_list {
    char *buf; /* names, NUL-terminated, back to back */
    size_t len, cap;
    size_t *off;
    unsigned char *type;
    size_t n, ncap;
} name_list;

static entry_type entry_type_of(unsigned char d_type)
{
#ifdef DT_LNK
    switch (d_type) {
    case DT_LNK:
        return NC__ENTRY_LINK;
    case DT_DIR:
    case DT_FIFO:
    case DT_SOCK:
    case DT_CHR:
    case DT_BLK:
        return NC__ENTRY_SPECIAL;
    default:
        return NC__ENTRY_FILE;
    }
#else
    (void)d_type;
    return NC__ENTRY_FILE;
#endif
}

static entry_type type_of_entry(const struct dirent *e)
{
#ifdef DT_LNK
    return entry_type_of(e->d_type);
#else
    (void)e;
    return NC__ENTRY_FILE;
#endif
}

static int name_list_add(name_list *l, const char *name, entry_type type)
{
    size_t n = strlen(name) + 1;
    if (l->len + n > l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4096;
        while (cap < l->len + n)
            cap *= 2;
        char *p = realloc(l->buf, cap);
        if (!p) return -1;
        l->buf = p;
        l->cap = cap;
    }
    if (l->n == l->ncap) {
        size_t cap = l->ncap ? l->ncap * 2 : 256;
        size_t *p = realloc(l->off, cap * sizeof *p);
        if (p) l->off = p;
        unsigned char *t = p ? realloc(l->type, cap) : NULL;
        if (!t) return -1;
        l->type = t;
        l->ncap = cap;
    }
    memcpy(l->buf + l->len, name, n);
    l->type[l->n] = (unsigned char)type;
    l->off[l->n++] = l->len;
    l->len += n;
    return 0;
}

static uint64_t name_key(const char *name)
{
    uint64_t k = 0;
    int i = 0;
    for (; i < 8 && name[i]; i++)
        k = k << 8 | (unsigned char)name[i];
    return i ? k << (8 * (8 - i)) : 0; /* a shift by 64 would be undefined */
}

/* Byte order (strcmp), never the locale's collation. Equal keys mean equal first 8
 * bytes, or equal names when one ends within them (the NUL is part of the key). */
static int compare_entries(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (x->key != y->key) return x->key < y->key ? -1 : 1;
    if ((x->key & 0xFF) == 0) return 0;
    return strcmp(x->name + 8, y->name + 8);
}

/* The directory's names by hash, for the alias check: one probe where a binary search
 * of a large directory takes a dozen cache misses. Seeded per load, so that names made
 * to collide are not fixed in advance. Slots hold the hash's high half beside the index. */
typedef struct name_set {
    uint64_t *slot;
    size_t mask;
    uint64_t seed;
} name_set;

static uint64_t name_hash(uint64_t seed, const char *name)
{
    uint64_t h = seed ^ 0xCBF29CE484222325ull;
    for (; *name; name++)
        h = (h ^ (unsigned char)*name) * 0x100000001B3ull;
    h ^= h >> 32;
    h *= 0xD6E8FEB86659FD93ull;
    return h ^ (h >> 32);
}

static int name_set_build(name_set *set, const entry *e, size_t n, uint64_t seed)
{
    size_t cap = nc__slots_cap(n);
    set->slot = calloc(cap, sizeof *set->slot);
    if (!set->slot) return -1;
    set->mask = cap - 1;
    set->seed = seed;
    for (size_t i = 0; i < n; i++) {
        uint64_t h = name_hash(seed, e[i].name);
        nc__slot_put(set->slot, cap, (size_t)h, (uint32_t)(h >> 32), i);
    }
    return 0;
}

static int name_set_has(const name_set *set, const entry *e, const char *name)
{
    uint64_t h = name_hash(set->seed, name);
    for (size_t j = (size_t)h & set->mask; set->slot[j]; j = (j + 1) & set->mask)
        if (nc__slot_tag(set->slot[j]) == (uint32_t)(h >> 32) &&
            !strcmp(e[nc__slot_index(set->slot[j])].name, name))
            return 1;
    return 0;
}

/* OpenSSL's hash names: 8 hex digits, a dot, a decimal number ("5ad8a5d6.0"). */
static int is_hash_name(const char *s)
{
    for (int i = 0; i < 8; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) return 0;
    if (s[8] != '.' || !s[9]) return 0;
    for (s += 9; *s; s++)
        if (*s < '0' || *s > '9') return 0;
    return 1;
}

/* A hash link whose target is another entry of the same directory (c_rehash and
 * update-ca-certificates make them: "5ad8a5d6.0 -> ISRG_Root_X1.pem") leads to a file
 * that entry reaches anyway: skipped for one readlink instead of a path walk. Only
 * hash-named links to entries that are not hash-named qualify, so a loop of links
 * always keeps an entry that is opened and reports it. */
static int is_alias(int dir_fd, const char *name, const entry *sorted, const name_set *names)
{
    if (!is_hash_name(name)) return 0;
    char target[256];
    ssize_t t = readlinkat(dir_fd, name, target, sizeof target - 1);
    if (t <= 0 || (size_t)t >= sizeof target - 1) return 0;
    target[t] = '\0';
    if (strchr(target, '/') || is_hash_name(target) || !strcmp(target, ".") ||
        !strcmp(target, ".."))
        return 0;
    return name_set_has(names, sorted, target);
}

/* dir + "/" + name into out[0..n), cut to fit: the path is for messages and for the
 * named-file check; the file itself is opened by directory and name. */
static void join(char *out, size_t n, const char *dir, size_t dir_len, const char *name)
{
    size_t at = dir_len < n - 1 ? dir_len : n - 1;
    memcpy(out, dir, at);
    if ((at == 0 || out[at - 1] != '/') && at < n - 1) out[at++] = '/';
    size_t nl = strlen(name);
    if (nl > n - 1 - at) nl = n - 1 - at;
    memcpy(out + at, name, nl);
    out[at + nl] = '\0';
}

nativecerts_source_status nc__dir_load(nc__unix_load *u, uint32_t source, const char *path,
                                       nc__role role, nc__absent absent)
{
    nc__collect *c = u->c;
    int fd = nc__fs_open(u->fs, path, O_RDONLY | O_DIRECTORY | O_NONBLOCK);
    if (fd < 0) {
        /* Does not resolve, or is not a directory: not there. */
        int missing = fd == -ENOENT || fd == -ENOTDIR;
        if (missing && absent == NC__ABSENT_OK) {
            nc__collect_status(c, source, NATIVECERTS_STATUS_MISSING);
            return NATIVECERTS_STATUS_MISSING;
        }
        nc__collect_error(c, source, NATIVECERTS_ERROR_IO, path, 0, -fd, "cannot open directory");
        nativecerts_source_status s =
            missing ? NATIVECERTS_STATUS_MISSING : NATIVECERTS_STATUS_FAILED;
        nc__collect_status(c, source, s);
        return s;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        nc__collect_error(c, source, NATIVECERTS_ERROR_IO, path, 0, errno, "cannot stat directory");
        close(fd);
        nc__collect_status(c, source, NATIVECERTS_STATUS_FAILED);
        return NATIVECERTS_STATUS_FAILED;
    }
    /* Fedora's /etc/ssl/certs is a link to /etc/pki/tls/certs: read it once. */
    uint32_t earlier;
    if (nc__collect_dir_once(c, (uint64_t)st.st_dev, (uint64_t)st.st_ino, source, role, &earlier)) {
        close(fd);
        nc__collect_same_as(c, source, earlier);
        return NATIVECERTS_STATUS_SAME_AS_OTHER;
    }

    DIR *d = fdopendir(fd);
    if (!d && errno == ENOMEM) nc__collect_exhausted(c, ENOMEM); /* as for any allocation */
    if (!d) {
        nc__collect_error(c, source, NATIVECERTS_ERROR_IO, path, 0, errno, "cannot read directory");
        close(fd);
        nc__collect_status(c, source, NATIVECERTS_STATUS_FAILED);
        return NATIVECERTS_STATUS_FAILED;
    }
    name_list names = {0};
    int failed = 0;
    for (;;) {
        errno = 0;
        struct dirent *e = readdir(d);
        if (!e) {
            if (errno) {
                nc__collect_error(c, source, NATIVECERTS_ERROR_IO, path, 0, errno,
                                  "cannot read directory entries");
                failed = 1;
            }
            break;
        }
        if (e->d_name[0] == '.' &&
            (e->d_name[1] == '\0' || (e->d_name[1] == '.' && e->d_name[2] == '\0')))
            continue;
        if (name_list_add(&names, e->d_name,
                          u->ignore_d_type ? NC__ENTRY_FILE : type_of_entry(e))) {
            nc__collect_exhausted(c, ENOMEM);
            break;
        }
    }
    /* Sorted names make "the first source that trusted it" the same on every machine. */
    entry *sorted = names.n ? malloc(names.n * sizeof *sorted) : NULL;
    if (names.n && !sorted) nc__collect_exhausted(c, ENOMEM);
    size_t hash_links = 0; /* the only entries is_alias() looks up names for */
    for (size_t i = 0; sorted && i < names.n; i++) {
        const char *name = names.buf + names.off[i];
        sorted[i] = (entry){name_key(name), name, names.type[i]};
        if (names.type[i] == NC__ENTRY_LINK && is_hash_name(name)) hash_links++;
    }
    if (sorted) qsort(sorted, names.n, sizeof *sorted, compare_entries);
    name_set set = {NULL, 0, 0};
    if (sorted && hash_links && name_set_build(&set, sorted, names.n, nc__collect_seed(c)) != 0) {
        nc__collect_exhausted(c, ENOMEM);
        free(sorted);
        sorted = NULL;
    }

    int dir_fd = dirfd(d);
    size_t path_len = strlen(path);
    for (size_t i = 0; sorted && i < names.n && !nc__collect_failed(c); i++) {
        const entry *e = &sorted[i];
        if (e->type == NC__ENTRY_SPECIAL) continue; /* subdirectories, FIFOs, sockets, devices */
        if (e->type == NC__ENTRY_LINK && is_alias(dir_fd, e->name, sorted, &set)) continue;
        char full[4096];
        join(full, sizeof full, path, path_len, e->name);
        if (nc__file_was_named(u, full, role)) continue; /* opened already in this role */
        /* Dangling links (MISSING) are skipped silently, as every peer does. */
        nc__file_read(u, source, dir_fd, path, e->name, full, role, 1);
    }
    free(set.slot);
    free(sorted);
    free(names.buf);
    free(names.off);
    free(names.type);
    closedir(d);
    nativecerts_source_status s = failed ? NATIVECERTS_STATUS_FAILED : NATIVECERTS_STATUS_USED;
    nc__collect_status(c, source, s);
    return s;
}
