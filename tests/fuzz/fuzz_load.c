/* The whole load, against a hostile tree: the input becomes a small tree under a fresh
 * root directory (files holding fixture certificates, damaged and mutated ones, raw
 * bytes; relative, absolute, escaping and hash-named links; subdirectories; hard links;
 * FIFOs; device nodes), placed at the paths the profiles read, and the tree is loaded
 * with that root under every profile. Checks, on every load:
 *
 *  1. the trusted and the excluded lists are each sorted by DER bytes and unique;
 *  2. every certificate returned or excluded is read by OpenSSL's d2i_X509 to its end;
 *  3. no certificate is both trusted and excluded;
 *  4. a canary certificate kept beside the root, reachable only by a link that leaves
 *     it, never appears (its serial is random per process, so no input can hold it);
 *  5. a fixture held by a file in a distrust place (an untrusted directory, Android's
 *     cacerts-removed) is never trusted: well-formed, or with bytes after the
 *     certificate, which a distrust role still recognises. Distrust wins over every
 *     other source; where Android's user store or Termux bundle holds anything, the
 *     check is skipped there, since the removed list governs system roots only;
 *  6. the load returns NATIVECERTS_OK, or NATIVECERTS_ERESOURCE when the input lowered
 *     the descriptor limit;
 *  7. no descriptor is left open;
 *  8. a well-formed fixture file that the profile reads (in one of its directories, or
 *     its bundle: the first candidate that exists) is in the result, trusted or
 *     excluded. Only where the path is made of real directories, so that no link has
 *     to be resolved to know it: a candidate under a regular file does not exist.
 *
 * The tree is built without following any link (every directory opened O_NOFOLLOW,
 * every entry created exclusively), so nothing is created, and nothing removed, outside
 * the temporary directory (TMPDIR or /tmp, nc-fuzz-load.PID), whatever the links say.
 *
 * The input: a flags byte (see load()), then up to MAX_OPS operations, each an opcode,
 * a place (an index into places[]), a name in it (or the place itself) and what the
 * operation needs (run_op(), make_content(), make_target()). load_seeds.py writes the
 * seeds and the hand-made regressions. NC_FUZZ_LOAD_VERBOSE=1 prints every tree and
 * every result. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "core/options.h" /* resolve_by_hand, ignore_d_type */
#include "core/profile.h"
#include "fuzz_target.h"
#include "nativecerts.h"

#ifndef NC_TEST_DATA
#error "NC_TEST_DATA: the directory tests/data (fixture certificates)"
#endif

#define MAX_OPS 12
#define MAX_NODES 128
#define MAX_PLACES 96
#define PATH_CAP 256

/* ------------------------------------------------------------------------------------ */
/* Fixtures: the certificates, and the files that hold them.                            */

static const char *const fixture_ders[] = {
    "root-a.der",        "root-b.der",   "root-c.der",   "expired.der",
    "not-yet-valid.der", "gen-2050.der", "utc-2049.der",
};
#define NCERTS (sizeof fixture_ders / sizeof fixture_ders[0])

/* Whole files as they are in the fixtures: PEM, TRUSTED CERTIFICATE with trust data,
 * Android's PEM and text dump. Each holds exactly one of the certificates above. */
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
#define NFILES (NCERTS + NPEMS) /* DER files first, then PEM files */

typedef struct blob {
    uint8_t *p;
    size_t n;
} blob;

static blob cert_der[NCERTS];
static blob file_bytes[NFILES];
static unsigned file_cert[NFILES]; /* the certificate each file holds */
static uint8_t canary_sha[32];

/* ------------------------------------------------------------------------------------ */
/* The places: every path a profile reads, and the directories above them.              */

static const char apex_dir[] = "/apex/com.android.conscrypt/cacerts";
static const char system_dir[] = "/system/etc/security/cacerts";
static const char added_dir[] = "/data/misc/user/0/cacerts-added"; /* uid 0: user 0 */
static const char removed_dir[] = "/data/misc/user/0/cacerts-removed";

/* Fixed first, so that a seed keeps its meaning when a profile gains a path; the
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

/* Names inside a place: common ones, hash names (alias links), the bundle's own name. */
static const char *const names[] = {
    "a.pem", "b.crt",   "5ad8a5d6.0", "5ad8a5d6.1", "cert.pem", "ca-certificates.crt",
    "sub",   ".hidden",
};
#define NNAMES (sizeof names / sizeof names[0])

/* ------------------------------------------------------------------------------------ */
/* The temporary directory: BASE holds the canaries and the root, BASE/root is remade   */
/* for every input.                                                                      */

static char base[128], root[PATH_CAP]; /* base: short enough for every path under it */
static const char canary_names[3][16] = {"canary.pem", "canary.der", "canary-dir"};

static void remove_tree_at(int dir_fd, const char *name);

static void remove_base(void)
{
    if (!base[0]) return;
    remove_tree_at(AT_FDCWD, base);
}

/* Removes name (under dir_fd) and everything below it, never following a link. */
static void remove_tree_at(int dir_fd, const char *name)
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
        remove_tree_at(dirfd(d), e->d_name);
    }
    closedir(d);
    unlinkat(dir_fd, name, AT_REMOVEDIR);
}

/* Leftovers of runs that died (a crash, a timeout) under our own name. */
static void remove_stale(const char *tmp)
{
    DIR *d = opendir(tmp);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        long pid;
        char end;
        if (sscanf(e->d_name, "nc-fuzz-load.%ld%c", &pid, &end) != 1) continue;
        if (pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH) continue;
        remove_tree_at(dirfd(d), e->d_name);
    }
    closedir(d);
}

/* The sanitizers' hook, when linked with one: the tree goes even after a crash. */
extern void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

/* ------------------------------------------------------------------------------------ */
/* The model of the tree built: what each path is, so that expectations need no        */
/* resolution of links.                                                                  */

enum { N_DIR = 1, N_FILE, N_LINK, N_FIFO, N_DEV };

typedef struct content {
    unsigned certs;   /* bit per fixture certificate it holds */
    int wellformed;   /* made only of fixtures, byte for byte */
    int recognisable; /* a distrust role finds these certificates in it (well-formed, or
                         with bytes after a certificate, as d2i_X509 reads it) */
    char what[48];
} content;

typedef struct node {
    char path[PATH_CAP];
    int type;
    int content;               /* N_FILE: index into contents */
    char target[2 * PATH_CAP]; /* N_LINK */
} node;

static node nodes[MAX_NODES];
static size_t nnodes;
static content contents[MAX_OPS];
static size_t ncontents;

static const node *find_node(const char *path)
{
    for (size_t i = 0; i < nnodes; i++)
        if (!strcmp(nodes[i].path, path)) return &nodes[i];
    return NULL;
}

/* What a path is as the library would find it, when that is known without resolving a
 * link: absent (a component missing, or not a directory), or the node itself. */
enum { P_ABSENT = 0, P_UNKNOWN = -1 };

static int classify(const char *path, const node **out)
{
    char prefix[PATH_CAP];
    size_t n = strlen(path);
    *out = NULL;
    for (size_t i = 1; i <= n; i++) {
        if (i < n && path[i] != '/') continue;
        memcpy(prefix, path, i);
        prefix[i] = '\0';
        const node *x = find_node(prefix);
        if (!x) return P_ABSENT;
        if (x->type == N_LINK) return P_UNKNOWN;
        if (i == n) {
            *out = x;
            return x->type;
        }
        if (x->type != N_DIR) return P_ABSENT; /* ENOTDIR */
    }
    return P_UNKNOWN;
}

static int is_child(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return !strncmp(path, dir, n) && path[n] == '/' && !strchr(path + n + 1, '/');
}

static int at_or_under(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return !strncmp(path, dir, n) && (path[n] == '\0' || path[n] == '/');
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

/* Opens the directory path of the tree, making what is missing (each recorded), never
 * through a link. Returns a descriptor, or -1 when a component is not a directory. */
static int open_dir(int root_fd, const char *path, int create)
{
    int fd = dup(root_fd);
    char comp[PATH_CAP], walked[PATH_CAP] = "";
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
        snprintf(walked + w, sizeof walked - w, "/%s", comp);
        int sub = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (sub < 0 && errno == ENOENT && create && nnodes < MAX_NODES &&
            mkdirat(fd, comp, 0755) == 0) {
            nodes[nnodes++] = (node){.type = N_DIR};
            snprintf(nodes[nnodes - 1].path, PATH_CAP, "%s", walked);
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

static void append_pem(uint8_t *buf, size_t *len, size_t cap, const uint8_t *der, size_t n)
{
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    static const char begin[] = "-----BEGIN CERTIFICATE-----\n",
                      end[] = "-----END CERTIFICATE-----\n";
    append(buf, len, cap, begin, sizeof begin - 1);
    size_t col = 0;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)der[i] << 16 | (i + 1 < n ? (uint32_t)der[i + 1] << 8 : 0) |
                     (i + 2 < n ? der[i + 2] : 0);
        char q[4] = {b64[v >> 18 & 63], b64[v >> 12 & 63], i + 1 < n ? b64[v >> 6 & 63] : '=',
                     i + 2 < n ? b64[v & 63] : '='};
        append(buf, len, cap, q, 4);
        if ((col += 4) == 64 || i + 3 >= n) {
            append(buf, len, cap, "\n", 1);
            col = 0;
        }
    }
    append(buf, len, cap, end, sizeof end - 1);
}

/* The bytes of a file, from the input; describes them in *c. */
static size_t make_content(input *in, uint8_t *buf, size_t cap, content *c)
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
                 f < NCERTS ? fixture_ders[f] : fixture_pems[f - NCERTS]);
        break;
    }
    case 2: { /* a bundle of PEM fixture files */
        c->wellformed = c->recognisable = 1;
        unsigned count = 1 + k % 3;
        snprintf(c->what, sizeof c->what, "bundle");
        for (unsigned i = 0; i < count; i++) {
            unsigned f = NCERTS + next(in) % NPEMS;
            append(buf, &len, cap, file_bytes[f].p, file_bytes[f].n);
            c->certs |= 1u << file_cert[f];
            size_t w = strlen(c->what);
            snprintf(c->what + w, sizeof c->what - w, " %u", file_cert[f]);
        }
        break;
    }
    case 3: { /* DER with bytes after it: a distrust role reads the certificate */
        unsigned cert = k % NCERTS, extra = 1 + next(in) % 3;
        append(buf, &len, cap, cert_der[cert].p, cert_der[cert].n);
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
        unsigned cert = k % NCERTS;
        uint8_t der[2048];
        memcpy(der, cert_der[cert].p, cert_der[cert].n);
        der[cert_der[cert].n] = (uint8_t)next(in);
        append_pem(buf, &len, cap, der, cert_der[cert].n + 1);
        c->certs = 1u << cert;
        c->recognisable = 1;
        snprintf(c->what, sizeof c->what, "PEM of DER %u + 1 byte", cert);
        break;
    }
    case 5: { /* a DER certificate with one byte changed */
        unsigned cert = k % NCERTS;
        unsigned pos = next(in) << 8;
        pos = (pos | next(in)) % (unsigned)cert_der[cert].n;
        uint8_t x = (uint8_t)next(in);
        append(buf, &len, cap, cert_der[cert].p, cert_der[cert].n);
        buf[pos] ^= x ? x : 1;
        snprintf(c->what, sizeof c->what, "DER %u mutated at %u", cert, pos);
        break;
    }
    case 6: { /* a PEM fixture file with one byte replaced */
        unsigned f = NCERTS + k % NPEMS;
        unsigned pos = next(in) << 8;
        pos = (pos | next(in)) % (unsigned)file_bytes[f].n;
        append(buf, &len, cap, file_bytes[f].p, file_bytes[f].n);
        buf[pos] = (uint8_t)next(in);
        snprintf(c->what, sizeof c->what, "%s changed at %u", fixture_pems[f - NCERTS], pos);
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
    char parent[PATH_CAP], dest[PATH_CAP];
    snprintf(parent, sizeof parent, "%s", at);
    *strrchr(parent, '/') = '\0'; /* "" for the root */
    size_t up = depth_of(parent);
    const char *place = places[t % nplaces];
    const char *name = u % (NNAMES + 1) ? names[u % (NNAMES + 1) - 1] : NULL;
    const char *canary = canary_names[t % 3];
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
        if (u & 1) PUT("/%s", canary_names[0]);
        break;
    case 3: /* absolute, the canaries' real path (through /proc/self/root too) */
        PUT("%s%s/%s", u & 1 ? "/proc/self/root" : "", base, canary);
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
        PUT("%s/%s", base + 1, canary);
        break;
    default: { /* relative, from the directory the two paths share */
        char common[PATH_CAP];
        snprintf(common, sizeof common, "%s", parent);
        size_t ups = 0;
        while (common[0] && !at_or_under(dest, common)) {
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

static void add_node(const char *path, int type, int content_index, const char *target)
{
    node *x = &nodes[nnodes++];
    memset(x, 0, sizeof *x);
    snprintf(x->path, sizeof x->path, "%s", path);
    x->type = type;
    x->content = content_index;
    if (target) snprintf(x->target, sizeof x->target, "%s", target);
}

/* One operation of the input: makes one entry of the tree (and the directories above
 * it), or nothing when its place is taken or lies under something not a directory. */
static void run_op(input *in, int root_fd)
{
    unsigned op = next(in) % 8;
    const char *place = places[next(in) % nplaces];
    unsigned n = next(in) % (NNAMES + 1);
    char path[PATH_CAP], parent[PATH_CAP];
    if (n)
        snprintf(path, sizeof path, "%s/%s", place[1] ? place : "", names[n - 1]);
    else
        snprintf(path, sizeof path, "%s", place);
    if (!path[1] || nnodes + 8 >= MAX_NODES) return; /* never the root itself */
    snprintf(parent, sizeof parent, "%s", path);
    char *slash = strrchr(parent, '/');
    const char *leaf = path + (slash - parent) + 1;
    *slash = '\0';

    uint8_t buf[8192];
    size_t len = 0;
    content c;
    char target[2 * PATH_CAP];
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
    if (find_node(path)) return;
    int dir = open_dir(root_fd, parent, 1);
    if (dir < 0) return;
    switch (op) {
    case 0:
    case 1: {
        int fd = openat(dir, leaf, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (fd < 0) break;
        FUZZ_CHECK(write(fd, buf, len) == (ssize_t)len, "cannot write %s", path);
        close(fd);
        contents[ncontents] = c;
        add_node(path, N_FILE, (int)ncontents++, NULL);
        break;
    }
    case 2:
    case 3:
        if (symlinkat(target, dir, leaf) == 0) add_node(path, N_LINK, 0, target);
        break;
    case 4:
        if (mkdirat(dir, leaf, 0755) == 0) add_node(path, N_DIR, 0, NULL);
        break;
    case 5: { /* a hard link to a file made earlier */
        size_t nfiles = 0, pick = SIZE_MAX;
        for (size_t i = 0; i < nnodes; i++)
            if (nodes[i].type == N_FILE) nfiles++;
        for (size_t i = 0, k = 0; nfiles && i < nnodes; i++)
            if (nodes[i].type == N_FILE && k++ == from % nfiles) pick = i;
        if (pick == SIZE_MAX) break;
        char src[PATH_CAP];
        snprintf(src, sizeof src, "%s", nodes[pick].path);
        char *s = strrchr(src, '/');
        *s = '\0';
        int src_dir = open_dir(root_fd, src, 0);
        if (src_dir < 0) break;
        if (linkat(src_dir, s + 1, dir, leaf, 0) == 0)
            add_node(path, N_FILE, nodes[pick].content, nodes[pick].path);
        close(src_dir);
        break;
    }
    case 6:
        if (mkfifoat(dir, leaf, 0644) == 0) add_node(path, N_FIFO, 0, NULL);
        break;
    default:
        /* Harmless drivers, inside the root only; refused where nodes cannot be made. */
        if (mknodat(dir, leaf, S_IFCHR | 0644, makedev(1, minor)) == 0)
            add_node(path, N_DEV, 0, NULL);
        break;
    }
    close(dir);
}

/* ------------------------------------------------------------------------------------ */
/* What a profile must find and must not trust, from the model.                         */

typedef struct expect {
    unsigned found;      /* fixture certificates the result must hold, trusted or excluded */
    unsigned distrusted; /* fixture certificates it must not trust */
} expect;

static void expect_dir(const char *dir, int distrust, expect *e)
{
    const node *d;
    if (classify(dir, &d) != N_DIR) return;
    for (size_t i = 0; i < nnodes; i++) {
        if (nodes[i].type != N_FILE || !is_child(nodes[i].path, dir)) continue;
        const content *c = &contents[nodes[i].content];
        if (c->wellformed) e->found |= c->certs;
        if (distrust && c->recognisable) e->distrusted |= c->certs;
    }
}

/* Android's removed list disables system roots: when the user store or the Termux
 * bundle (or a directory above it) holds anything at all, a fixture there may be
 * trusted by the user's own choice, so the distrust check stands aside. */
static int android_user_trust_possible(const nc__profile *p)
{
    for (size_t i = 0; i < nnodes; i++) {
        if (nodes[i].type == N_DIR) continue;
        if (at_or_under(nodes[i].path, added_dir)) return 1;
        for (const char *const *b = p->bundles; *b; b++)
            if (at_or_under(*b, nodes[i].path)) return 1;
    }
    return 0;
}

static expect expect_profile(const nc__profile *p)
{
    expect e = {0, 0};
    const node *x;
    for (const char *const *b = p->bundles; *b; b++) { /* the first that exists */
        int k = classify(*b, &x);
        if (k == P_ABSENT) continue;
        if (k == N_FILE && contents[x->content].wellformed) e.found |= contents[x->content].certs;
        break;
    }
    for (const char *const *d = p->dirs; *d; d++)
        expect_dir(*d, 0, &e);
    for (const char *const *d = p->distrust_dirs; *d; d++)
        expect_dir(*d, 1, &e);
    if (p->android) {
        int k = classify(apex_dir, &x); /* the system roots: the APEX where it is a directory */
        if (k == N_DIR)
            expect_dir(apex_dir, 0, &e);
        else if (k != P_UNKNOWN)
            expect_dir(system_dir, 0, &e);
        expect_dir(added_dir, 0, &e);
        expect_dir(removed_dir, 1, &e);
        if (android_user_trust_possible(p)) e.distrusted = 0;
    }
    return e;
}

/* ------------------------------------------------------------------------------------ */
/* Checks.                                                                               */

static const char *check_profile;
static int verbose; /* NC_FUZZ_LOAD_VERBOSE set: the tree and every result, on stderr */
static unsigned check_flags;

static void dump_tree(void)
{
    static const char *const type[] = {"?", "dir", "file", "link", "fifo", "device"};
    fprintf(stderr, "tree (profile %s, flags 0x%02x):\n", check_profile ? check_profile : "-",
            check_flags);
    for (size_t i = 0; i < nnodes; i++) {
        const node *x = &nodes[i];
        fprintf(stderr, "  %-6s %s", type[x->type], x->path);
        if (x->type == N_LINK) fprintf(stderr, " -> %s", x->target);
        if (x->type == N_FILE) {
            const content *c = &contents[x->content];
            fprintf(stderr, " [%s; certs 0x%x%s%s]", c->what, c->certs,
                    c->wellformed ? ", well-formed" : "", c->recognisable ? ", recognisable" : "");
            if (x->target[0]) fprintf(stderr, " (hard link of %s)", x->target);
        }
        fputc('\n', stderr);
    }
}

static void dump_result(const nativecerts_result *r)
{
    for (size_t i = 0; i < nativecerts_result_count(r); i++) {
        size_t len;
        const unsigned char *der = nativecerts_result_der(r, i, &len);
        char name[128];
        nativecerts_cert_subject(der, len, name, sizeof name);
        fprintf(stderr, "  trusted  %s  from %s\n", name, nativecerts_result_source(r, i));
    }
    for (size_t i = 0; i < nativecerts_result_excluded_count(r); i++) {
        size_t len;
        const unsigned char *der = nativecerts_result_excluded_der(r, i, &len);
        char name[128];
        nativecerts_cert_subject(der, len, name, sizeof name);
        fprintf(stderr, "  excluded %s  %s by %s\n", name,
                nativecerts_reason_name(nativecerts_result_excluded_reason(r, i)),
                nativecerts_result_excluded_source(r, i));
    }
    for (size_t i = 0; i < nativecerts_result_error_count(r); i++)
        fprintf(stderr, "  error    %s\n", nativecerts_result_error_message(r, i));
}

/* FUZZ_CHECK, after the tree, the result and the temporary directory are dealt with. */
#define CHECK(r, cond, ...)                                                                        \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            dump_tree();                                                                           \
            if (r) dump_result(r);                                                                 \
            remove_base();                                                                         \
            FUZZ_CHECK(cond, __VA_ARGS__);                                                         \
        }                                                                                          \
    } while (0)

/* The SHA-256 of certificates d2i_X509 read to their end already: most loads return the
 * same few, and OpenSSL's parse is most of the time of a run. */
#define READ_CACHE 256
static uint8_t read_cache[READ_CACHE][32];
static size_t read_cached, read_next;

static int openssl_read(const uint8_t sha[32])
{
    for (size_t i = 0; i < read_cached; i++)
        if (!memcmp(read_cache[i], sha, 32)) return 1;
    return 0;
}

static void remember_openssl_read(const uint8_t sha[32])
{
    memcpy(read_cache[read_next], sha, 32);
    read_next = (read_next + 1) % READ_CACHE;
    if (read_cached < READ_CACHE) read_cached++;
}

static int compare(const unsigned char *a, size_t an, const unsigned char *b, size_t bn)
{
    int c = memcmp(a, b, an < bn ? an : bn);
    return c ? c : (an > bn) - (an < bn);
}

static void check_list(const nativecerts_result *r, int excluded)
{
    size_t n = excluded ? nativecerts_result_excluded_count(r) : nativecerts_result_count(r);
    const unsigned char *prev = NULL;
    size_t prev_len = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const unsigned char *der = excluded ? nativecerts_result_excluded_der(r, i, &len)
                                            : nativecerts_result_der(r, i, &len);
        const char *list = excluded ? "excluded" : "trusted";
        CHECK(r, !prev || compare(prev, prev_len, der, len) < 0, "%s %zu: not sorted or not unique",
              list, i);
        prev = der;
        prev_len = len;
        uint8_t sha[32];
        nativecerts_sha256(der, len, sha);
        if (!openssl_read(sha)) {
            const unsigned char *p = der;
            X509 *x = d2i_X509(NULL, &p, (long)len);
            CHECK(r, x && p == der + len, "%s %zu: d2i_X509 reads %s of %zu bytes", list, i,
                  x ? "a part" : "nothing", len);
            X509_free(x);
            remember_openssl_read(sha);
        }
        CHECK(r, memcmp(sha, canary_sha, sizeof sha) != 0,
              "%s %zu is the canary from outside the root (source %s)", list, i,
              excluded ? nativecerts_result_excluded_source(r, i)
                       : nativecerts_result_source(r, i));
    }
}

static int holds(const nativecerts_result *r, int excluded, const blob *b)
{
    size_t n = excluded ? nativecerts_result_excluded_count(r) : nativecerts_result_count(r);
    for (size_t i = 0; i < n; i++) {
        size_t len;
        const unsigned char *der = excluded ? nativecerts_result_excluded_der(r, i, &len)
                                            : nativecerts_result_der(r, i, &len);
        if (!compare(der, len, b->p, b->n)) return 1;
    }
    return 0;
}

static void check_result(const nativecerts_result *r, expect e)
{
    check_list(r, 0);
    check_list(r, 1);
    /* Both lists are sorted: one merge finds a certificate in both. */
    size_t i = 0, j = 0, n = nativecerts_result_count(r), m = nativecerts_result_excluded_count(r);
    while (i < n && j < m) {
        size_t a, b;
        const unsigned char *x = nativecerts_result_der(r, i, &a);
        const unsigned char *y = nativecerts_result_excluded_der(r, j, &b);
        int c = compare(x, a, y, b);
        CHECK(r, c != 0, "trusted %zu is also excluded %zu", i, j);
        if (c < 0)
            i++;
        else
            j++;
    }
    for (unsigned k = 0; k < NCERTS; k++) {
        if (e.distrusted >> k & 1)
            CHECK(r, !holds(r, 0, &cert_der[k]), "%s is in a distrust place, and trusted",
                  fixture_ders[k]);
        if (e.found >> k & 1)
            CHECK(r, holds(r, 0, &cert_der[k]) || holds(r, 1, &cert_der[k]),
                  "%s is in a place the profile reads, and not in the result", fixture_ders[k]);
    }
}

static int count_fds(int *highest)
{
    DIR *d = opendir("/proc/self/fd");
    FUZZ_CHECK(d != NULL, "cannot list /proc/self/fd");
    int n = 0, top = 0, own = dirfd(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        int fd = atoi(e->d_name);
        if (fd == own) continue;
        n++;
        if (fd > top) top = fd;
    }
    closedir(d);
    if (highest) *highest = top;
    return n;
}

/* One load of the root under profile. flags: bit 0 the resolver walked by hand, bit 1
 * directory entries of unknown type, bit 2 the validity filter, bits 3 and 7 a
 * descriptor limit just above those open (bits 4-6: how far above). */
static int load(const char *profile, unsigned flags, nativecerts_result **out)
{
    nativecerts_options *o = NULL;
    FUZZ_CHECK(nativecerts_options_new(&o) == NATIVECERTS_OK, "options");
    FUZZ_CHECK(nativecerts_options_set_root(o, root) == NATIVECERTS_OK &&
                   nativecerts_options_set_ignore_env(o, 1) == NATIVECERTS_OK &&
                   nativecerts_options_set_profile(o, profile) == NATIVECERTS_OK &&
                   nativecerts_options_set_time(o, 1700000000) == NATIVECERTS_OK &&
                   nativecerts_options_set_skip_expired(o, flags >> 2 & 1) == NATIVECERTS_OK,
               "options for %s", profile);
    o->resolve_by_hand = flags & 1;
    o->ignore_d_type = flags >> 1 & 1;
    int limited = (flags & 0x88) == 0x88;
    struct rlimit old;
    if (limited) {
        int top;
        count_fds(&top);
        FUZZ_CHECK(getrlimit(RLIMIT_NOFILE, &old) == 0, "getrlimit");
        struct rlimit low = {(rlim_t)top + 1 + (flags >> 4 & 7), old.rlim_max};
        FUZZ_CHECK(setrlimit(RLIMIT_NOFILE, &low) == 0, "setrlimit");
    }
    int rc = nativecerts_load(o, out);
    if (limited) FUZZ_CHECK(setrlimit(RLIMIT_NOFILE, &old) == 0, "setrlimit");
    nativecerts_options_free(o);
    CHECK(NULL, rc == NATIVECERTS_OK || (limited && rc == NATIVECERTS_ERESOURCE),
          "nativecerts_load returned %d", rc);
    CHECK(NULL, (rc == NATIVECERTS_OK) == (*out != NULL), "rc %d with result %p", rc, (void *)*out);
    return rc;
}

/* ------------------------------------------------------------------------------------ */
/* Set-up, once per process.                                                             */

static blob read_file(const char *path)
{
    blob b = {NULL, 0};
    FILE *f = fopen(path, "rb");
    FUZZ_CHECK(f != NULL, "cannot open %s", path);
    b.p = malloc(8192);
    FUZZ_CHECK(b.p != NULL, "out of memory");
    b.n = fread(b.p, 1, 8192, f);
    FUZZ_CHECK(b.n > 0 && b.n < 8192 && feof(f), "cannot read %s", path);
    fclose(f);
    return b;
}

static void write_file(const char *path, const uint8_t *p, size_t n)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    FUZZ_CHECK(fd >= 0, "cannot create %s", path);
    FUZZ_CHECK(write(fd, p, n) == (ssize_t)n, "cannot write %s", path);
    close(fd);
}

static size_t der_header(const uint8_t *p, size_t n, size_t *content_len)
{
    if (n < 2) return 0;
    if (p[1] < 0x80) {
        *content_len = p[1];
        return 2;
    }
    size_t k = p[1] & 0x7F, v = 0;
    if (k == 0 || k > 2 || n < 2 + k) return 0;
    for (size_t i = 0; i < k; i++)
        v = v << 8 | p[2 + i];
    *content_len = v;
    return 2 + k;
}

/* The canary: root A with a serial number of this process's own. */
static void make_canary(uint8_t *der, size_t *len)
{
    memcpy(der, cert_der[0].p, cert_der[0].n);
    *len = cert_der[0].n;
    size_t n, at = der_header(der, *len, &n);       /* Certificate */
    size_t h = der_header(der + at, *len - at, &n); /* TBSCertificate */
    at += h;
    if (der[at] == 0xA0) { /* version */
        h = der_header(der + at, *len - at, &n);
        at += h + n;
    }
    h = der_header(der + at, *len - at, &n);
    FUZZ_CHECK(der[at] == 0x02 && h && n >= 4, "root-a.der: no serial number where expected");
    uint8_t serial[32];
    FUZZ_CHECK(getentropy(serial, n) == 0, "getentropy");
    serial[0] = (uint8_t)(1 + serial[0] % 0x7F); /* positive, minimal */
    memcpy(der + at + h, serial, n);
}

static void init(void)
{
    static int done;
    if (done) return;
    done = 1;
    char path[PATH_CAP];
    for (size_t i = 0; i < NCERTS; i++) {
        snprintf(path, sizeof path, "%s/certs/%s", NC_TEST_DATA, fixture_ders[i]);
        cert_der[i] = file_bytes[i] = read_file(path);
        file_cert[i] = (unsigned)i;
    }
    for (size_t i = 0; i < NPEMS; i++) {
        snprintf(path, sizeof path, "%s/certs/%s", NC_TEST_DATA, fixture_pems[i]);
        blob b = file_bytes[NCERTS + i] = read_file(path);
        BIO *bio = BIO_new_mem_buf(b.p, (int)b.n);
        X509 *x = bio ? PEM_read_bio_X509_AUX(bio, NULL, NULL, NULL) : NULL;
        unsigned char *der = NULL;
        int len = x ? i2d_X509(x, &der) : -1;
        size_t k = 0;
        while (k < NCERTS && (len < 0 || compare(der, (size_t)len, cert_der[k].p, cert_der[k].n)))
            k++;
        FUZZ_CHECK(k < NCERTS, "%s holds none of the DER fixtures", fixture_pems[i]);
        file_cert[NCERTS + i] = (unsigned)k;
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

    verbose = getenv("NC_FUZZ_LOAD_VERBOSE") != NULL;
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !tmp[0]) tmp = "/tmp";
    int w = snprintf(base, sizeof base, "%s/nc-fuzz-load.%ld", tmp, (long)getpid());
    FUZZ_CHECK(w > 0 && (size_t)w < sizeof base, "TMPDIR too long: %s", tmp);
    snprintf(root, sizeof root, "%s/root", base);
    remove_stale(tmp);
    remove_base();
    FUZZ_CHECK(mkdir(base, 0700) == 0, "cannot create %s", base);
    atexit(remove_base);
    if (__sanitizer_set_death_callback) __sanitizer_set_death_callback(remove_base);

    uint8_t canary[2048], pem[4096];
    size_t len, pem_len = 0;
    make_canary(canary, &len);
    nativecerts_sha256(canary, len, canary_sha);
    append_pem(pem, &pem_len, sizeof pem, canary, len);
    snprintf(path, sizeof path, "%s/canary.der", base);
    write_file(path, canary, len);
    snprintf(path, sizeof path, "%s/canary.pem", base);
    write_file(path, pem, pem_len);
    snprintf(path, sizeof path, "%s/canary-dir", base);
    FUZZ_CHECK(mkdir(path, 0755) == 0, "cannot create %s", path);
    static const char *const in_dir[] = {"canary.pem", "5ad8a5d6.0", "ca-certificates.crt"};
    for (size_t i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/canary-dir/%s", base, in_dir[i]);
        write_file(path, pem, pem_len);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    init();
    int fds = count_fds(NULL);
    remove_tree_at(AT_FDCWD, root);
    FUZZ_CHECK(mkdir(root, 0755) == 0, "cannot create %s", root);
    int root_fd = open(root, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    FUZZ_CHECK(root_fd >= 0, "cannot open %s", root);
    nnodes = ncontents = 0;
    input in = {data, size, 0};
    unsigned flags = next(&in);
    for (int ops = 0; ops < MAX_OPS && in.i < in.n; ops++)
        run_op(&in, root_fd);
    close(root_fd);

    check_flags = flags;
    if (verbose) dump_tree();
    for (size_t i = 0; nativecerts_profile_name(i); i++) {
        const char *name = nativecerts_profile_name(i);
        const nc__profile *p = nc__profile_find(name);
        if (!p || p->keychain) continue; /* macOS: the keychain, not files */
        check_profile = name;
        nativecerts_result *r = NULL;
        if (load(name, flags, &r) == NATIVECERTS_OK) {
            expect e = expect_profile(p);
            if (verbose) {
                fprintf(stderr, "%s: must hold 0x%x, must not trust 0x%x\n", name, e.found,
                        e.distrusted);
                dump_result(r);
            }
            check_result(r, e);
        }
        nativecerts_result_free(r);
    }
    check_profile = NULL;
    remove_tree_at(AT_FDCWD, root);
    int after = count_fds(NULL);
    CHECK(NULL, after == fds, "%d descriptors open before, %d after", fds, after);
    return 0;
}
