/* The hostile tree of fuzz_load (see hostile_tree.h): fixtures, the table of places,
 * the operations that build a tree without following a link, and its model. */
#include "hostile_tree.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "core/profile.h"
#include "fuzz_target.h"

#define MAX_PLACES 96

/* ------------------------------------------------------------------------------------ */
/* Fixtures: the certificates, and the files that hold them.                            */

const char *const ht_cert_name[HT_NCERTS] = {
    "root-a.der",        "root-b.der",   "root-c.der",   "expired.der",
    "not-yet-valid.der", "gen-2050.der", "utc-2049.der",
};
ht_blob ht_cert[HT_NCERTS];

/* Whole files as they are in the fixtures: PEM, TRUSTED CERTIFICATE with trust data,
 * Android's PEM and text dump. Each holds exactly one of the certificates. */
static const char *const fixture_pems[] = {
    "root-a.pem",
    "root-b.pem",
    "root-c.pem",
    "expired.pem",
    "not-yet-valid.pem",
    "gen-2050.pem",
    "utc-2049.pem",
    "root-a.aux-alias.pem",
    "root-a.reject-any.pem",
    "root-a.trust-server.pem",
    "root-b.reject-server.pem",
    "root-b.trust-any.pem",
    "root-c.trust-client.pem",
    "root-c.trustout-plain.pem",
    "android/root-a.pem-then-text",
    "android/root-b.text-then-pem",
    "android/root-c.pem-then-text",
};
#define NPEMS (sizeof fixture_pems / sizeof fixture_pems[0])
#define NFILES (HT_NCERTS + NPEMS) /* the DER files first, then the PEM files */

static ht_blob file_bytes[NFILES];
static unsigned file_cert[NFILES]; /* the certificate each file holds */

/* ------------------------------------------------------------------------------------ */
/* The places: every path a profile reads, and the directories above them.              */

const char ht_apex_dir[] = "/apex/com.android.conscrypt/cacerts";
const char ht_system_dir[] = "/system/etc/security/cacerts";
const char ht_added_dir[] = "/data/misc/user/0/cacerts-added";
const char ht_removed_dir[] = "/data/misc/user/0/cacerts-removed";
const char ht_canary_names[3][16] = {"canary.pem", "canary.der", "canary-dir"};

/* Fixed first, so that an input keeps its meaning when a profile gains a path; the
 * profiles' own paths that are not here follow, in table order. Edit only by appending
 * (load_seeds.py reads this list). */
static const char *const fixed_places[] = {
    "/",
    "/etc",
    "/etc/ssl",
    "/etc/ssl/certs",
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/ssl/cert.pem",
    "/etc/ssl/untrusted",
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
    "/etc/pki/tls/certs",
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/etc/openssl",
    "/etc/openssl/certs",
    "/etc/openssl/certs/ca-certificates.crt",
    "/etc/openssl/untrusted",
    "/usr/local/etc/ssl/cert.pem",
    "/usr/local/share/certs",
    "/usr/local/share/certs/ca-root-nss.crt",
    "/etc/certs",
    "/etc/certs/CA",
    "/etc/certs/ca-certificates.crt",
    "/etc/ssl/cacert.pem",
    "/var/ssl/certs",
    "/var/ssl/certs/ca-bundle.crt",
    "/boot/system/data/ssl/CARootCertificates.pem",
    "/apex/com.android.conscrypt",
    "/apex/com.android.conscrypt/cacerts",
    "/system/etc/security/cacerts",
    "/data/misc/user/0",
    "/data/misc/user/0/cacerts-added",
    "/data/misc/user/0/cacerts-removed",
    "/data/data/com.termux/files/usr/etc/tls/cert.pem",
    "/etc/ssl/ca-bundle.pem",
    "/etc/security/certificates",
    "/etc/pki/tls",
    "/usr/local/share",
    "/system/etc/security",
    "/data/data/com.termux/files/usr/etc/tls",
};

static const char *places[MAX_PLACES];
static size_t nplaces;
static const char *outside_dir; /* holds the root and the canaries */

/* Names inside a place: common ones, hash names (alias links), the bundle's own name. */
static const char *const names[] = {
    "a.pem", "b.crt",   "5ad8a5d6.0", "5ad8a5d6.1", "cert.pem", "ca-certificates.crt",
    "sub",   ".hidden",
};
#define NNAMES (sizeof names / sizeof names[0])

static ht_blob read_file(const char *path)
{
    ht_blob b = {NULL, 0};
    FILE *f = fopen(path, "rb");
    FUZZ_CHECK(f != NULL, "cannot open %s", path);
    b.p = malloc(8192);
    FUZZ_CHECK(b.p != NULL, "out of memory");
    b.n = fread(b.p, 1, 8192, f);
    FUZZ_CHECK(b.n > 0 && b.n < 8192 && feof(f), "cannot read %s", path);
    fclose(f);
    return b;
}

static int same(const uint8_t *a, size_t an, const ht_blob *b)
{
    return an == b->n && !memcmp(a, b->p, an);
}

void ht_init(const char *data_dir, const char *outside)
{
    outside_dir = outside;
    char path[HT_PATH];
    for (size_t i = 0; i < HT_NCERTS; i++) {
        snprintf(path, sizeof path, "%s/certs/%s", data_dir, ht_cert_name[i]);
        ht_cert[i] = file_bytes[i] = read_file(path);
        file_cert[i] = (unsigned)i;
    }
    for (size_t i = 0; i < NPEMS; i++) {
        snprintf(path, sizeof path, "%s/certs/%s", data_dir, fixture_pems[i]);
        ht_blob b = file_bytes[HT_NCERTS + i] = read_file(path);
        BIO *bio = BIO_new_mem_buf(b.p, (int)b.n);
        X509 *x = bio ? PEM_read_bio_X509_AUX(bio, NULL, NULL, NULL) : NULL;
        unsigned char *der = NULL;
        int len = x ? i2d_X509(x, &der) : -1;
        size_t k = 0;
        while (k < HT_NCERTS && (len < 0 || !same(der, (size_t)len, &ht_cert[k])))
            k++;
        FUZZ_CHECK(k < HT_NCERTS, "%s holds none of the DER fixtures", fixture_pems[i]);
        file_cert[HT_NCERTS + i] = (unsigned)k;
        OPENSSL_free(der);
        X509_free(x);
        BIO_free(bio);
    }

    for (size_t i = 0; i < sizeof fixed_places / sizeof fixed_places[0]; i++)
        places[nplaces++] = fixed_places[i];
    for (size_t i = 0; nc__profile_at(i); i++) {
        const nc__profile *p = nc__profile_at(i);
        const char *const *lists[] = {p->bundles, p->dirs, p->distrust_dirs};
        for (size_t l = 0; l < 3; l++)
            for (const char *const *s = lists[l]; *s; s++) {
                size_t k = 0;
                while (k < nplaces && strcmp(places[k], *s))
                    k++;
                if (k == nplaces && nplaces < MAX_PLACES) places[nplaces++] = *s;
            }
    }
}

/* ------------------------------------------------------------------------------------ */
/* The model.                                                                            */

static const ht_node *find_node(const ht_tree *t, const char *path)
{
    for (size_t i = 0; i < t->nnodes; i++)
        if (!strcmp(t->node[i].path, path)) return &t->node[i];
    return NULL;
}

int ht_classify(const ht_tree *t, const char *path, const ht_node **out)
{
    char prefix[HT_PATH];
    size_t n = strlen(path);
    *out = NULL;
    for (size_t i = 1; i <= n; i++) {
        if (i < n && path[i] != '/') continue;
        memcpy(prefix, path, i);
        prefix[i] = '\0';
        const ht_node *x = find_node(t, prefix);
        if (!x) return HT_ABSENT;
        if (x->type == HT_LINK) return HT_UNKNOWN;
        if (i == n) {
            *out = x;
            return x->type;
        }
        if (x->type != HT_DIR) return HT_ABSENT; /* ENOTDIR */
    }
    return HT_UNKNOWN;
}

int ht_is_child(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return !strncmp(path, dir, n) && path[n] == '/' && !strchr(path + n + 1, '/');
}

int ht_at_or_under(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return !strncmp(path, dir, n) && (path[n] == '\0' || path[n] == '/');
}

void ht_dump(const ht_tree *t, FILE *out)
{
    static const char *const type[] = {"?", "dir", "file", "link", "fifo", "device"};
    for (size_t i = 0; i < t->nnodes; i++) {
        const ht_node *x = &t->node[i];
        fprintf(out, "  %-6s %s", type[x->type], x->path);
        if (x->type == HT_LINK) fprintf(out, " -> %s", x->target);
        if (x->type == HT_FILE) {
            const ht_content *c = &t->content[x->content];
            fprintf(out, " [%s; certs 0x%x%s%s]", c->what, c->certs,
                    c->wellformed ? ", well-formed" : "", c->recognisable ? ", recognisable" : "");
            if (x->target[0]) fprintf(out, " (hard link of %s)", x->target);
        }
        fputc('\n', out);
    }
}

void ht_remove(int dir_fd, const char *name)
{
    if (unlinkat(dir_fd, name, 0) == 0 || errno == ENOENT) return;
    int fd = openat(dir_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return;
    DIR *d = fdopendir(fd);
    if (!d) {
        close(fd);
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        ht_remove(dirfd(d), e->d_name);
    }
    closedir(d);
    unlinkat(dir_fd, name, AT_REMOVEDIR);
}

/* ------------------------------------------------------------------------------------ */
/* Building the tree.                                                                    */

typedef struct input {
    const uint8_t *p;
    size_t n, i;
} input;

static unsigned next(input *in)
{
    return in->i < in->n ? in->p[in->i++] : 0;
}

static size_t depth_of(const char *path)
{
    size_t d = 0;
    for (const char *s = path; *s; s++)
        if (*s == '/' && s[1]) d++;
    return d;
}

static void add_node(ht_tree *t, const char *path, int type, int content, const char *target)
{
    ht_node *x = &t->node[t->nnodes++];
    memset(x, 0, sizeof *x);
    memcpy(x->path, path, strnlen(path, sizeof x->path - 1)); /* zeroed: NUL-terminated */
    x->type = type;
    x->content = content;
    if (target) memcpy(x->target, target, strnlen(target, sizeof x->target - 1));
}

/* Opens the directory path of the tree, making what is missing (each recorded), never
 * through a link. Returns a descriptor, or -1 when a component is not a directory. */
static int open_dir(ht_tree *t, int root_fd, const char *path, int create)
{
    int fd = dup(root_fd);
    char comp[HT_PATH], walked[HT_PATH] = "";
    const char *s = path;
    while (fd >= 0 && *s) {
        while (*s == '/')
            s++;
        size_t n = strcspn(s, "/");
        if (!n) break;
        memcpy(comp, s, n);
        comp[n] = '\0';
        s += n;
        size_t w = strlen(walked);
        if (w + 1 + n >= sizeof walked) { /* cannot happen: walked is a prefix of path */
            close(fd);
            return -1;
        }
        walked[w] = '/';
        memcpy(walked + w + 1, comp, n + 1);
        int sub = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (sub < 0 && errno == ENOENT && create && t->nnodes < HT_MAX_NODES &&
            mkdirat(fd, comp, 0755) == 0) {
            add_node(t, walked, HT_DIR, 0, NULL);
            sub = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        }
        close(fd);
        fd = sub;
    }
    return fd;
}

static void append(uint8_t *buf, size_t *len, size_t cap, const void *p, size_t n)
{
    if (*len + n > cap) n = cap - *len;
    memcpy(buf + *len, p, n);
    *len += n;
}

void ht_append_pem(uint8_t *buf, size_t *len, size_t cap, const uint8_t *der, size_t n)
{
    BIO *bio = BIO_new(BIO_s_mem());
    FUZZ_CHECK(bio && PEM_write_bio(bio, "CERTIFICATE", "", der, (long)n) > 0, "PEM_write_bio");
    char *text;
    long t = BIO_get_mem_data(bio, &text);
    append(buf, len, cap, text, (size_t)t);
    BIO_free(bio);
}

/* The bytes of a file, from the input; describes them in *c. */
static size_t make_content(input *in, uint8_t *buf, size_t cap, ht_content *c)
{
    size_t len = 0;
    unsigned kind = next(in) % 8, k = next(in);
    memset(c, 0, sizeof *c);
    switch (kind) {
    case 0:
    case 1: { /* a fixture file as it is */
        unsigned f = k % NFILES;
        append(buf, &len, cap, file_bytes[f].p, file_bytes[f].n);
        c->certs = 1u << file_cert[f];
        c->wellformed = c->recognisable = 1;
        snprintf(c->what, sizeof c->what, "fixture %s",
                 f < HT_NCERTS ? ht_cert_name[f] : fixture_pems[f - HT_NCERTS]);
        break;
    }
    case 2: { /* a bundle of PEM fixture files */
        c->wellformed = c->recognisable = 1;
        unsigned count = 1 + k % 3;
        snprintf(c->what, sizeof c->what, "bundle");
        for (unsigned i = 0; i < count; i++) {
            unsigned f = HT_NCERTS + next(in) % NPEMS;
            append(buf, &len, cap, file_bytes[f].p, file_bytes[f].n);
            c->certs |= 1u << file_cert[f];
            size_t w = strlen(c->what);
            snprintf(c->what + w, sizeof c->what - w, " %u", file_cert[f]);
        }
        break;
    }
    case 3: { /* DER with bytes after it: a distrust role reads the certificate */
        unsigned cert = k % HT_NCERTS, extra = 1 + next(in) % 3;
        append(buf, &len, cap, ht_cert[cert].p, ht_cert[cert].n);
        for (unsigned i = 0; i < extra; i++) {
            uint8_t b = (uint8_t)next(in);
            if (b == '-') b = '\n'; /* no PEM boundary: the file stays DER */
            append(buf, &len, cap, &b, 1);
        }
        c->certs = 1u << cert;
        c->recognisable = 1;
        snprintf(c->what, sizeof c->what, "DER %u + %u bytes", cert, extra);
        break;
    }
    case 4: { /* a PEM block holding the DER and one byte more */
        unsigned cert = k % HT_NCERTS;
        uint8_t der[2048];
        memcpy(der, ht_cert[cert].p, ht_cert[cert].n);
        der[ht_cert[cert].n] = (uint8_t)next(in);
        ht_append_pem(buf, &len, cap, der, ht_cert[cert].n + 1);
        c->certs = 1u << cert;
        c->recognisable = 1;
        snprintf(c->what, sizeof c->what, "PEM of DER %u + 1 byte", cert);
        break;
    }
    case 5: { /* a DER certificate with one byte changed */
        unsigned cert = k % HT_NCERTS;
        unsigned pos = next(in) << 8;
        pos = (pos | next(in)) % (unsigned)ht_cert[cert].n;
        uint8_t x = (uint8_t)next(in);
        append(buf, &len, cap, ht_cert[cert].p, ht_cert[cert].n);
        buf[pos] ^= x ? x : 1;
        snprintf(c->what, sizeof c->what, "DER %u mutated at %u", cert, pos);
        break;
    }
    case 6: { /* a PEM fixture file with one byte replaced */
        unsigned f = HT_NCERTS + k % NPEMS;
        unsigned pos = next(in) << 8;
        pos = (pos | next(in)) % (unsigned)file_bytes[f].n;
        append(buf, &len, cap, file_bytes[f].p, file_bytes[f].n);
        buf[pos] = (uint8_t)next(in);
        snprintf(c->what, sizeof c->what, "%s changed at %u", fixture_pems[f - HT_NCERTS], pos);
        break;
    }
    default: { /* raw bytes of the input */
        unsigned n = k % 128;
        for (unsigned i = 0; i < n; i++) {
            uint8_t b = (uint8_t)next(in);
            append(buf, &len, cap, &b, 1);
        }
        snprintf(c->what, sizeof c->what, "%u raw bytes", n);
        break;
    }
    }
    return len;
}

/* The text of a link from the input. at: the link's own path. */
static void make_target(input *in, const char *at, char *out, size_t cap)
{
    unsigned kind = next(in) % 8, t = next(in), u = next(in);
    char parent[HT_PATH], dest[HT_PATH];
    snprintf(parent, sizeof parent, "%s", at);
    *strrchr(parent, '/') = '\0'; /* "" for the root */
    size_t up = depth_of(parent);
    const char *place = places[t % nplaces];
    const char *name = u % (NNAMES + 1) ? names[u % (NNAMES + 1) - 1] : NULL;
    const char *canary = ht_canary_names[t % 3];
    snprintf(dest, sizeof dest, "%s%s%s", place[1] ? place : "", name ? "/" : "", name ? name : "");
    size_t len = 0;
    out[0] = '\0';
#define PUT(...) (len += (size_t)snprintf(out + len, len < cap ? cap - len : 0, __VA_ARGS__))
    switch (kind) {
    case 0: /* relative, up to the root and down to a place */
        for (size_t i = 0; i < up; i++)
            PUT("../");
        PUT("%s", dest[0] ? dest + 1 : ".");
        break;
    case 1: /* absolute, to a place */
        PUT("%s", dest[0] ? dest : "/");
        break;
    case 2: /* relative, one level above the root: the canaries */
        for (size_t i = 0; i <= up; i++)
            PUT("../");
        PUT("%s", canary);
        if (u & 1) PUT("/%s", ht_canary_names[0]);
        break;
    case 3: /* absolute, the canaries' real path (through /proc/self/root too) */
        PUT("%s%s/%s", u & 1 ? "/proc/self/root" : "", outside_dir, canary);
        break;
    case 4: /* a sibling: hash-named aliases */
        PUT("%s", names[t % NNAMES]);
        break;
    case 5: { /* odd ones */
        static const char *const odd[] = {
            ".", "..", "/", "nonexistent", "../..", "/dev/zero", "/proc/self/fd/0", ""};
        const char *o = odd[t % 8];
        PUT("%s", o[0] ? o : strrchr(at, '/') + 1); /* "": a link to itself */
        break;
    }
    case 6: /* relative, past the host's / and down to the canaries' real path */
        for (size_t i = 0; i <= up + 1 + u % 4; i++)
            PUT("../");
        PUT("%s/%s", outside_dir + 1, canary);
        break;
    default: { /* relative, from the directory the two paths share */
        char common[HT_PATH];
        snprintf(common, sizeof common, "%s", parent);
        size_t ups = 0;
        while (common[0] && !ht_at_or_under(dest, common)) {
            *strrchr(common, '/') = '\0';
            ups++;
        }
        for (size_t i = 0; i < ups; i++)
            PUT("../");
        const char *rest = dest + strlen(common);
        PUT("%s", *rest == '/' ? rest + 1 : ".");
        break;
    }
    }
#undef PUT
}

/* One operation of the input: makes one entry of the tree (and the directories above
 * it), or nothing when its place is taken or lies under something not a directory. */
static void run_op(ht_tree *t, input *in, int root_fd)
{
    unsigned op = next(in) % 8;
    const char *place = places[next(in) % nplaces];
    unsigned n = next(in) % (NNAMES + 1);
    char path[HT_PATH], parent[HT_PATH];
    if (n)
        snprintf(path, sizeof path, "%s/%s", place[1] ? place : "", names[n - 1]);
    else
        snprintf(path, sizeof path, "%s", place);
    if (!path[1] || t->nnodes + 8 >= HT_MAX_NODES) return; /* never the root itself */
    snprintf(parent, sizeof parent, "%s", path);
    char *slash = strrchr(parent, '/');
    const char *leaf = path + (slash - parent) + 1;
    *slash = '\0';

    uint8_t buf[8192];
    size_t len = 0;
    ht_content c;
    char target[2 * HT_PATH];
    unsigned from = 0, minor = 0;
    switch (op) { /* the input's bytes are taken before anything can fail */
    case 0:
    case 1:
        len = make_content(in, buf, sizeof buf, &c);
        break;
    case 2:
    case 3:
        make_target(in, path, target, sizeof target);
        break;
    case 5:
        from = next(in);
        break;
    case 7:
        minor = next(in) & 1 ? 5 : 3; /* /dev/zero, /dev/null */
        break;
    }
    if (find_node(t, path)) return;
    int dir = open_dir(t, root_fd, parent, 1);
    if (dir < 0) return;
    switch (op) {
    case 0:
    case 1: {
        int fd = openat(dir, leaf, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (fd < 0) break;
        FUZZ_CHECK(write(fd, buf, len) == (ssize_t)len, "cannot write %s", path);
        close(fd);
        t->content[t->ncontents] = c;
        add_node(t, path, HT_FILE, (int)t->ncontents++, NULL);
        break;
    }
    case 2:
    case 3:
        if (symlinkat(target, dir, leaf) == 0) add_node(t, path, HT_LINK, 0, target);
        break;
    case 4:
        if (mkdirat(dir, leaf, 0755) == 0) add_node(t, path, HT_DIR, 0, NULL);
        break;
    case 5: { /* a hard link to a file made earlier */
        size_t nfiles = 0, pick = SIZE_MAX;
        for (size_t i = 0; i < t->nnodes; i++)
            if (t->node[i].type == HT_FILE) nfiles++;
        for (size_t i = 0, k = 0; nfiles && i < t->nnodes; i++)
            if (t->node[i].type == HT_FILE && k++ == from % nfiles) pick = i;
        if (pick == SIZE_MAX) break;
        char src[HT_PATH];
        snprintf(src, sizeof src, "%s", t->node[pick].path);
        char *s = strrchr(src, '/');
        *s = '\0';
        int src_dir = open_dir(t, root_fd, src, 0);
        if (src_dir < 0) break;
        if (linkat(src_dir, s + 1, dir, leaf, 0) == 0)
            add_node(t, path, HT_FILE, t->node[pick].content, t->node[pick].path);
        close(src_dir);
        break;
    }
    case 6:
        if (mkfifoat(dir, leaf, 0644) == 0) add_node(t, path, HT_FIFO, 0, NULL);
        break;
    default:
        /* Harmless drivers, inside the root only; refused where nodes cannot be made. */
        if (mknodat(dir, leaf, S_IFCHR | 0644, makedev(1, minor)) == 0)
            add_node(t, path, HT_DEV, 0, NULL);
        break;
    }
    close(dir);
}

unsigned ht_build(ht_tree *t, int root_fd, const uint8_t *data, size_t size)
{
    t->nnodes = t->ncontents = 0;
    input in = {data, size, 0};
    unsigned flags = next(&in);
    for (int ops = 0; ops < HT_MAX_OPS && in.i < in.n; ops++)
        run_op(t, &in, root_fd);
    return flags;
}
