/* nativecerts benchmark: times a load of this machine's store side by side with its
 * floors and its peers, in one run, and prints medians and ratios. Not a test: timing
 * never decides anything in ctest. Run it from the build tree:  ./bench/nativecerts_bench
 * (both SSL_CERT_* variables are unset inside, so the platform store is measured).
 *
 * Rows:
 *   floor: read files      each distinct certificate file of the default load read once
 *                          and its PEM blocks base64-decoded, by a plain loop (its paths
 *                          known in advance: no directory read, no link followed)
 *   floor: hashed files    the bundle and every hash-named entry of the directory opened
 *                          through its links, fstat'ed, read and decoded: what any loader
 *                          that reads each hashed file of the directory once must do
 *   nativecerts default    nativecerts_load(NULL) (bundle + directory, first call)
 *   rustls-native-certs    its 0.8.4 algorithm redone in C: the first bundle, then every
 *                          directory entry stat'ed, read whole and decoded, no
 *                          identity check; then sort and dedup
 *   floor: read bundle     the bundle read and its blocks decoded by a plain loop
 *   nativecerts bundle     SSL_CERT_FILE=bundle
 *   OpenSSL                X509_STORE_load_file(bundle)
 *   GnuTLS                 gnutls_x509_trust_list_add_system_trust
 *   store get              nativecerts_store_get with nothing changed: notified (inotify),
 *                          and stamped (in a child whose user namespace allows no
 *                          inotify instance; skipped where there is none); and with
 *                          the maximum age 0, loading and watching at every get
 *   scaling x1/x10/x100    a generated bundle + directory of N copies (distinct serials),
 *                          beside two floors over the same store: the plain read-and-decode
 *                          loop, and the system calls nativecerts makes there alone (no
 *                          parsing); timed as a loop of calls in this process, and as the
 *                          first call of a fresh process (bench --first, run per sample);
 *                          then nativecerts' growth divided by the growth of those system
 *                          calls alone, at x10 and x100 (target <= 1.10)
 *   TLS libraries          each adapter's setup, OpenSSL's lazy and eager stores with and
 *                          without a verification, OpenSSL's own loads (tls.c says how)
 * Peak heap is measured with wrapped malloc (linked with --wrap); system calls per load
 * are counted by bench/syscalls.sh under strace. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sched.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <gnutls/x509.h>
#include <openssl/err.h>
#include <openssl/x509.h>

#include "core/profile.h"
#include "nativecerts.h"
#include "tls.h"

/* ---- allocation accounting (the whole process: bench + library) ---------------- */
#include <malloc.h>
void *__real_malloc(size_t);
void *__real_calloc(size_t, size_t);
void *__real_realloc(void *, size_t);
void __real_free(void *);
static size_t heap_now, heap_peak;
static int heap_on;
static void heap_add(void *p)
{
    if (!p || !heap_on) return;
    heap_now += malloc_usable_size(p);
    if (heap_now > heap_peak) heap_peak = heap_now;
}
static void heap_sub(void *p)
{
    if (p && heap_on) heap_now -= malloc_usable_size(p);
}
void *__wrap_malloc(size_t n);
void *__wrap_malloc(size_t n)
{
    void *p = __real_malloc(n);
    heap_add(p);
    return p;
}
void *__wrap_calloc(size_t a, size_t b);
void *__wrap_calloc(size_t a, size_t b)
{
    void *p = __real_calloc(a, b);
    heap_add(p);
    return p;
}
void *__wrap_realloc(void *old, size_t n);
void *__wrap_realloc(void *old, size_t n)
{
    heap_sub(old);
    void *p = __real_realloc(old, n);
    heap_add(p ? p : old);
    return p;
}
void __wrap_free(void *p);
void __wrap_free(void *p)
{
    heap_sub(p);
    __real_free(p);
}

/* ---- timing ---------------------------------------------------------------------- */
double now_us(void)
{
    /* NATIVECERTS_BENCH_CLOCK=cpu: the CPU time of the process (user and system) instead
     * of the wall clock, on a machine busy with other work, where the time spent waiting
     * for a CPU would grow the long rows more than the short ones. */
    static int cpu = -1;
    struct timespec t;
    if (cpu < 0) {
        const char *clock = getenv("NATIVECERTS_BENCH_CLOCK");
        cpu = clock && !strcmp(clock, "cpu");
    }
    clock_gettime(cpu ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int runs = 301;

static double median_us(void (*fn)(void *), void *arg)
{
    double *t = malloc((size_t)runs * sizeof *t);
    for (int i = 0; i < 5; i++)
        fn(arg); /* warm the page cache and the allocator */
    for (int i = 0; i < runs; i++) {
        double a = now_us();
        fn(arg);
        t[i] = now_us() - a;
    }
    qsort(t, (size_t)runs, sizeof *t, cmp_double);
    double m = t[runs / 2];
    free(t);
    return m;
}

/* ---- plain loops (the floors) ---------------------------------------------------- */
static unsigned char b64[256];

static void b64_init(void)
{
    memset(b64, 0xff, sizeof b64);
    const char *a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; i++)
        b64[(unsigned char)a[i]] = (unsigned char)i;
}

/* Decodes every PEM block of buf into out; returns the bytes decoded. */
static size_t decode_blocks(const unsigned char *buf, size_t n, unsigned char *out)
{
    size_t total = 0;
    const unsigned char *p = buf, *end = buf + n;
    while ((p = memmem(p, (size_t)(end - p), "-----BEGIN", 10))) {
        p = memchr(p, '\n', (size_t)(end - p));
        if (!p) break;
        unsigned acc = 0;
        int bits = 0;
        while (++p < end && *p != '-') {
            unsigned v = b64[*p];
            if (v > 63) continue; /* whitespace and padding */
            acc = acc << 6 | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out[total++] = (unsigned char)(acc >> bits);
            }
        }
        p = memmem(p, (size_t)(end - p), "-----END", 8);
        if (!p) break;
        p += 8;
    }
    return total;
}

typedef struct file_list {
    char **paths;
    size_t n;
    size_t largest;
} file_list;

static unsigned char *readbuf, *decbuf;
static size_t readcap;

static size_t read_path(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return 0;
    size_t n = 0;
    ssize_t r;
    while ((r = read(fd, readbuf + n, readcap - n)) > 0)
        n += (size_t)r;
    close(fd);
    return n;
}

static void floor_files(void *arg)
{
    const file_list *l = arg;
    for (size_t i = 0; i < l->n; i++) {
        size_t n = read_path(l->paths[i]);
        decode_blocks(readbuf, n, decbuf);
    }
}

/* The hashed-files floor (reading every hashed file of the directory once, about 725
 * system calls on Debian's store): the bundle and each hash-named entry of the
 * directory, opened through its link, sized with fstat, read to the end and decoded.
 * The paths are listed before the clock starts. */
static void floor_hashed(void *arg)
{
    const file_list *l = arg;
    for (size_t i = 0; i < l->n; i++) {
        int fd = open(l->paths[i], O_RDONLY | O_CLOEXEC);
        if (fd < 0) continue;
        struct stat st;
        fstat(fd, &st);
        size_t n = 0;
        ssize_t r;
        while ((r = read(fd, readbuf + n, readcap - n)) > 0)
            n += (size_t)r;
        close(fd);
        decode_blocks(readbuf, n, decbuf);
    }
}

/* OpenSSL's hash names: 8 hex digits, a dot, a number. */
static int hash_named(const char *s)
{
    size_t i = 0;
    while (i < 8 && ((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
        i++;
    return i == 8 && s[8] == '.' && s[9] >= '0' && s[9] <= '9';
}

/* The bundle and the hash-named entries of dir, for floor_hashed. */
static file_list hashed_files(const char *bundle, const char *dir)
{
    file_list l = {NULL, 0, 0};
    size_t cap = 256;
    l.paths = malloc(cap * sizeof *l.paths);
    l.paths[l.n++] = strdup(bundle);
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (!hash_named(e->d_name)) continue;
        if (l.n == cap) l.paths = realloc(l.paths, (cap *= 2) * sizeof *l.paths);
        char path[4200];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        l.paths[l.n++] = strdup(path);
    }
    if (d) closedir(d);
    return l;
}

/* The system calls a rooted nativecerts load makes on a generated store, and nothing
 * else: the bundle (open, fstat, read, close), the directory read and its names sorted,
 * one readlink per hash link, and open (through the name link), fstat, read, close per
 * other entry. How much of the loader's growth is the kernel's alone. */
static void syscalls_only(void *arg)
{
    const char *root = arg;
    struct open_how {
        unsigned long long flags, mode, resolve;
    } how = {O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0, 0x12 /* IN_ROOT | NO_MAGICLINKS */},
      how_dir = {O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0, 0x12};
    int rfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    struct stat st;
    int fd = (int)syscall(SYS_openat2, rfd, "etc/ssl/certs/ca-certificates.crt", &how, sizeof how);
    if (fd >= 0) {
        fstat(fd, &st);
        if (read(fd, readbuf, readcap) < 0) perror("read");
        close(fd);
    }
    int dfd = (int)syscall(SYS_openat2, rfd, "etc/ssl/certs", &how_dir, sizeof how_dir);
    DIR *dir = fdopendir(dfd);
    size_t n = 0, cap = 1024;
    char **names = malloc(cap * sizeof *names);
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (e->d_name[0] == '.') continue;
        if (n == cap) names = realloc(names, (cap *= 2) * sizeof *names);
        names[n++] = strdup(e->d_name);
    }
    qsort(names, n, sizeof *names, cmp_name);
    char path[4096], link[4096];
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(names[i]);
        if (len == 10 && names[i][8] == '.') { /* a hash link: read, never opened */
            if (readlinkat(dfd, names[i], link, sizeof link) < 0) perror("readlinkat");
        } else if (strcmp(names[i], "ca-certificates.crt") != 0) {
            snprintf(path, sizeof path, "etc/ssl/certs/%s", names[i]);
            fd = (int)syscall(SYS_openat2, rfd, path, &how, sizeof how);
            if (fd < 0) continue;
            fstat(fd, &st);
            if (read(fd, readbuf, readcap) < 0) perror("read");
            close(fd);
        }
        free(names[i]);
    }
    free(names);
    closedir(dir);
    close(rfd);
}

/* ---- rustls-native-certs 0.8.4's algorithm --------------------------------------- */
typedef struct blob {
    unsigned char *p;
    size_t n;
} blob;
typedef struct blobs {
    blob *b;
    size_t n, cap;
} blobs;

static void blobs_add_decoded(blobs *v, const unsigned char *buf, size_t n)
{
    /* One allocation per certificate, as Vec<u8> per CertificateDer. */
    const unsigned char *p = buf, *end = buf + n;
    while ((p = memmem(p, (size_t)(end - p), "-----BEGIN", 10))) {
        const unsigned char *q = memmem(p, (size_t)(end - p), "-----END", 8);
        if (!q) break;
        size_t len = decode_blocks(p, (size_t)(q - p + 8), decbuf);
        if (v->n == v->cap)
            v->b = realloc(v->b, (v->cap = v->cap ? v->cap * 2 : 256) * sizeof *v->b);
        v->b[v->n].p = malloc(len);
        memcpy(v->b[v->n].p, decbuf, len);
        v->b[v->n++].n = len;
        p = q + 8;
    }
}

static unsigned char *read_whole(const char *path, size_t *n)
{
    /* fs::read: open, statx for the size hint, read to the end (one more read of 0). */
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return NULL;
    struct stat st;
    fstat(fd, &st);
    size_t cap = (size_t)st.st_size + 1, len = 0;
    unsigned char *buf = malloc(cap);
    ssize_t r;
    while ((r = read(fd, buf + len, cap - len)) > 0) {
        len += (size_t)r;
        if (len == cap) buf = realloc(buf, cap *= 2);
    }
    close(fd);
    *n = len;
    return buf;
}

static int blob_cmp(const void *a, const void *b)
{
    const blob *x = a, *y = b;
    int c = memcmp(x->p, y->p, x->n < y->n ? x->n : y->n);
    return c ? c : (x->n > y->n) - (x->n < y->n);
}

typedef struct rustls_args {
    const char *bundle;
    const char *const *dirs;
} rustls_args;

static void rustls_algorithm(void *arg)
{
    const rustls_args *a = arg;
    blobs v = {0};
    size_t n;
    unsigned char *buf;
    if (a->bundle && (buf = read_whole(a->bundle, &n))) {
        blobs_add_decoded(&v, buf, n);
        free(buf);
    }
    for (const char *const *d = a->dirs; *d; d++) {
        DIR *dir = opendir(*d);
        if (!dir) continue;
        struct dirent *e;
        while ((e = readdir(dir))) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", *d, e->d_name);
            struct stat st;
            if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) continue;
            if ((buf = read_whole(path, &n))) {
                blobs_add_decoded(&v, buf, n);
                free(buf);
            }
        }
        closedir(dir);
    }
    qsort(v.b, v.n, sizeof *v.b, blob_cmp);
    for (size_t i = 0; i < v.n; i++)
        free(v.b[i].p);
    free(v.b);
}

/* ---- nativecerts and peers ------------------------------------------------------- */
static size_t last_count;

static void nc_load(void *arg)
{
    nativecerts_result *r;
    if (nativecerts_load(arg, &r) == 0) {
        last_count = nativecerts_result_count(r);
        nativecerts_result_free(r);
    }
}

static void nc_store_get(void *arg)
{
    nativecerts_result *r;
    if (nativecerts_store_get(arg, &r) == 0) nativecerts_result_free(r);
}

/* The median of an unchanged nativecerts_store_get of the default store, and the
 * store's mode after it. */
static double store_get_us(nativecerts_store_mode *mode)
{
    nativecerts_store *store;
    nativecerts_store_new(NULL, &store);
    double us = median_us(nc_store_get, store);
    *mode = nativecerts_store_get_mode(store);
    nativecerts_store_free(store);
    return us;
}

static int write_proc(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return -1;
    ssize_t n = write(fd, text, strlen(text));
    close(fd);
    return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* The same with stamps: measured in a child process in a user namespace of its own
 * whose inotify instance limit is 0 (the host's limits are left alone). Returns -1
 * where no such namespace can be had. */
static double stamped_store_get_us(void)
{
    int p[2];
    if (pipe(p) != 0) return -1;
    pid_t pid = fork();
    if (pid == 0) {
        double us = -1;
        nativecerts_store_mode mode;
        if (unshare(CLONE_NEWUSER) == 0 && write_proc("/proc/self/setgroups", "deny") == 0 &&
            write_proc("/proc/self/uid_map", "0 0 1") == 0 &&
            write_proc("/proc/self/gid_map", "0 0 1") == 0 &&
            write_proc("/proc/sys/user/max_inotify_instances", "0") == 0) {
            us = store_get_us(&mode);
            if (mode != NATIVECERTS_STORE_STAMPED) us = -1;
        }
        if (write(p[1], &us, sizeof us) != (ssize_t)sizeof us) _exit(1);
        _exit(0);
    }
    close(p[1]);
    double us = -1;
    if (pid < 0 || read(p[0], &us, sizeof us) != (ssize_t)sizeof us) us = -1;
    close(p[0]);
    if (pid > 0) waitpid(pid, NULL, 0);
    return us;
}

/* bench --once store-gets | store-none: a store's first get, a pause (so that its files
 * are older than what it counts as changed during a load), then 1000 unchanged gets or
 * none, for bench/syscalls.sh to count the system calls of one get. */
static void store_gets(int gets)
{
    nativecerts_store *store;
    nativecerts_store_new(NULL, &store);
    nc_store_get(store);
    struct timespec pause = {0, 200000000};
    nanosleep(&pause, NULL);
    for (int i = 0; i < gets; i++)
        nc_store_get(store);
    nativecerts_store_free(store);
}

static void openssl_load(void *arg)
{
    X509_STORE *s = X509_STORE_new();
    X509_STORE_load_file(s, arg);
    X509_STORE_free(s);
    ERR_clear_error();
}

static void gnutls_load(void *arg)
{
    (void)arg;
    gnutls_x509_trust_list_t l;
    gnutls_x509_trust_list_init(&l, 0);
    gnutls_x509_trust_list_add_system_trust(l, 0, 0);
    gnutls_x509_trust_list_deinit(l, 1);
}

/* ---- first call of a fresh process --------------------------------------------- */
#include <sys/wait.h>

/* The distinct files of a generated store: its bundle and its n roots' files. */
static file_list generated_files(const char *root, size_t n)
{
    file_list l = {calloc(n + 1, sizeof(char *)), 0, 0};
    char path[4200];
    snprintf(path, sizeof path, "%s/etc/ssl/certs/ca-certificates.crt", root);
    l.paths[l.n++] = strdup(path);
    for (size_t i = 0; i < n; i++) {
        snprintf(path, sizeof path, "%s/usr/share/ca-certificates/root%zu.crt", root, i);
        l.paths[l.n++] = strdup(path);
    }
    return l;
}

static void free_files(file_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->paths[i]);
    free(l->paths);
}

/* bench --first WHAT ROOT N (child): one call of WHAT (nativecerts, floor, syscalls) on
 * the generated store ROOT of N roots, as the first thing this process does; prints
 * its microseconds. Buffers are allocated, untouched, before the clock starts. */
static int first_call_child(const char *what, const char *root, size_t n)
{
    struct stat st;
    char path[4200];
    snprintf(path, sizeof path, "%s/etc/ssl/certs/ca-certificates.crt", root);
    if (stat(path, &st) != 0) return perror(path), 1;
    readcap = (size_t)st.st_size + 1;
    readbuf = malloc(readcap);
    decbuf = malloc(readcap);
    b64_init();
    file_list gen = generated_files(root, n);
    nativecerts_options *o;
    nativecerts_options_new(&o);
    nativecerts_options_set_root(o, root);
    nativecerts_options_set_ignore_env(o, 1);
    char root_copy[4200];
    snprintf(root_copy, sizeof root_copy, "%s", root);
    double a = now_us();
    if (!strcmp(what, "nativecerts"))
        nc_load(o);
    else if (!strcmp(what, "floor"))
        floor_files(&gen);
    else
        syscalls_only(root_copy);
    printf("%.1f\n", now_us() - a);
    return 0;
}

/* bench --first-default WHAT LIST SIZE (child): one call on this machine's store, as
 * the first thing this process does: nativecerts_load(NULL), or a floor over the paths
 * in the file LIST (written by the parent, so that no certificate file is touched
 * before the clock starts), with buffers of SIZE bytes. */
static int first_default_child(const char *what, const char *list, size_t size)
{
    file_list l = {calloc(100000, sizeof(char *)), 0, 0};
    FILE *f = strcmp(what, "nativecerts") ? fopen(list, "r") : NULL;
    char line[4200];
    while (f && l.n < 100000 && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        l.paths[l.n++] = strdup(line);
    }
    if (f) fclose(f);
    readcap = size;
    readbuf = malloc(readcap);
    decbuf = malloc(readcap);
    b64_init();
    double a = now_us();
    if (!strcmp(what, "nativecerts"))
        nc_load(NULL);
    else if (!strcmp(what, "floor"))
        floor_files(&l);
    else
        floor_hashed(&l);
    printf("%.1f\n", now_us() - a);
    return 0;
}

/* Median over reps fresh processes of bench ARGS... (a child mode that prints one
 * time). */
static double child_median(const char *const *args, int reps)
{
    double *t = calloc((size_t)reps, sizeof *t);
    for (int i = 0; i < reps; i++) {
        int fds[2];
        if (pipe(fds) != 0) exit(1);
        pid_t pid = fork();
        if (pid == 0) {
            dup2(fds[1], 1);
            close(fds[0]);
            execv("/proc/self/exe", (char *const *)(uintptr_t)args);
            _exit(127);
        }
        close(fds[1]);
        char buf[64] = "";
        ssize_t r = read(fds[0], buf, sizeof buf - 1);
        close(fds[0]);
        waitpid(pid, NULL, 0);
        t[i] = r > 0 ? atof(buf) : 0;
    }
    qsort(t, (size_t)reps, sizeof *t, cmp_double);
    double m = t[reps / 2];
    free(t);
    return m;
}

/* Median over reps fresh processes of bench --first WHAT ROOT N. */
static double first_call_median(const char *what, const char *root, size_t n, int reps)
{
    char count[32];
    snprintf(count, sizeof count, "%zu", n);
    const char *args[] = {"nativecerts_bench", "--first", what, root, count, NULL};
    return child_median(args, reps);
}

/* Writes the paths of l to a new temporary file; returns its name (static). */
static const char *write_list(const file_list *l, char *name)
{
    int fd = mkstemp(name);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f) perror("mkstemp"), exit(1);
    for (size_t i = 0; i < l->n; i++)
        fprintf(f, "%s\n", l->paths[i]);
    fclose(f);
    return name;
}

/* ---- the store being measured ---------------------------------------------------- */
static const char *first_bundle(const nc__profile *p)
{
    struct stat st;
    for (const char *const *f = p->bundles; *f; f++)
        if (stat(*f, &st) == 0) return *f;
    return NULL;
}

/* The distinct files of the default load: the bundle and every regular file of the
 * profile's directories, each (device, inode) once. */
static file_list distinct_files(const nc__profile *p)
{
    file_list l = {calloc(100000, sizeof(char *)), 0, 0};
    struct {
        dev_t d;
        ino_t i;
    } *ids = calloc(100000, sizeof *ids);
    const char *bundle = first_bundle(p);
    const char *const *dirs = p->dirs;
    struct stat st;
    if (bundle && stat(bundle, &st) == 0) {
        l.paths[l.n] = strdup(bundle);
        ids[l.n].d = st.st_dev, ids[l.n++].i = st.st_ino;
        l.largest = (size_t)st.st_size;
    }
    for (; *dirs; dirs++) {
        DIR *dir = opendir(*dirs);
        if (!dir) continue;
        struct dirent *e;
        while ((e = readdir(dir)) && l.n < 100000) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", *dirs, e->d_name);
            if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) continue;
            size_t k = 0;
            while (k < l.n && !(ids[k].d == st.st_dev && ids[k].i == st.st_ino))
                k++;
            if (k < l.n) continue;
            l.paths[l.n] = strdup(path);
            ids[l.n].d = st.st_dev, ids[l.n++].i = st.st_ino;
            if ((size_t)st.st_size > l.largest) l.largest = (size_t)st.st_size;
        }
        closedir(dir);
    }
    free(ids);
    return l;
}

/* ---- generated stores for the scaling rows --------------------------------------- */
static void put(const char *path, const void *d, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(d, 1, n, f) != n) perror(path), exit(1);
    fclose(f);
}

/* Writes a Debian-like store of `copies` x the bundle's roots under root: the bundle,
 * one PEM file per root in /usr/share/ca-certificates, a Name.pem link to it and a
 * hash link to that in /etc/ssl/certs. Copies differ in the last byte of the serial.
 * Structurally valid DER is all nativecerts checks, so these load like real roots. */
static void make_scaled_store(const char *root, const char *bundle, int copies)
{
    char path[4096], target[4096];
    snprintf(path, sizeof path, "mkdir -p %s/etc/ssl/certs %s/usr/share/ca-certificates", root,
             root);
    if (system(path) != 0) exit(1);
    nativecerts_options *o;
    nativecerts_options_new(&o);
    nativecerts_options_set_skip_platform(o, 1);
    nativecerts_options_add_file(o, bundle);
    nativecerts_result *r;
    nativecerts_load(o, &r);
    nativecerts_options_free(o);
    snprintf(path, sizeof path, "%s/etc/ssl/certs/ca-certificates.crt", root);
    FILE *all = fopen(path, "wb");
    unsigned serial = 0;
    for (int c = 0; c < copies; c++) {
        for (size_t i = 0; i < nativecerts_result_count(r); i++) {
            size_t len;
            const unsigned char *der = nativecerts_result_der(r, i, &len);
            unsigned char *copy = malloc(len);
            memcpy(copy, der, len);
            /* Outer SEQUENCE, TBS SEQUENCE, optional [0] version, then the serial INTEGER:
             * change its last content byte. */
            size_t p = 1 + (copy[1] & 0x80 ? 1 + (copy[1] & 0x7f) : 1);
            p += 1 + (copy[p + 1] & 0x80 ? 1 + (copy[p + 1] & 0x7f) : 1);
            if (copy[p] == 0xa0) p += 2 + copy[p + 1];
            size_t slen = copy[p + 1];
            copy[p + 1 + slen] ^= (unsigned char)c;
            copy[p + slen] ^= (unsigned char)(c >> 8);
            /* PEM by OpenSSL-free hand-rolled encoder */
            static const char a[] =
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            char *pem = malloc(len * 2 + 100);
            size_t k = (size_t)sprintf(pem, "-----BEGIN CERTIFICATE-----\n");
            int col = 0;
            for (size_t j = 0; j < len; j += 3) {
                unsigned v = (unsigned)copy[j] << 16 |
                             (j + 1 < len ? (unsigned)copy[j + 1] << 8 : 0) |
                             (j + 2 < len ? copy[j + 2] : 0);
                pem[k++] = a[v >> 18 & 63];
                pem[k++] = a[v >> 12 & 63];
                pem[k++] = j + 1 < len ? a[v >> 6 & 63] : '=';
                pem[k++] = j + 2 < len ? a[v & 63] : '=';
                if ((col += 4) == 64) pem[k++] = '\n', col = 0;
            }
            if (col) pem[k++] = '\n';
            k += (size_t)sprintf(pem + k, "-----END CERTIFICATE-----\n");
            fwrite(pem, 1, k, all);
            snprintf(target, sizeof target, "/usr/share/ca-certificates/root%u.crt", serial);
            snprintf(path, sizeof path, "%s%s", root, target);
            put(path, pem, k);
            snprintf(path, sizeof path, "%s/etc/ssl/certs/root%u.pem", root, serial);
            if (symlink(target, path) != 0) perror(path), exit(1);
            snprintf(target, sizeof target, "root%u.pem", serial);
            snprintf(path, sizeof path, "%s/etc/ssl/certs/%08x.0", root, serial * 2654435761u);
            if (symlink(target, path) != 0) perror(path), exit(1);
            serial++;
            free(pem);
            free(copy);
        }
    }
    fclose(all);
    nativecerts_result_free(r);
}

void row(const char *name, double us, const char *ratio_to, double base)
{
    if (ratio_to)
        printf("| %-34s | %9.1f | %5.2fx %-22s |\n", name, us, us / base, ratio_to);
    else
        printf("| %-34s | %9.1f | %-29s |\n", name, us, "");
}

int main(int argc, char **argv)
{
    const char *only = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--runs") && i + 1 < argc)
            runs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--first-default") && i + 3 < argc)
            return first_default_child(argv[i + 1], argv[i + 2], (size_t)atol(argv[i + 3]));
        else if (!strcmp(argv[i], "--first") && i + 3 < argc)
            return first_call_child(argv[i + 1], argv[i + 2], (size_t)atol(argv[i + 3]));
        else if (!strcmp(argv[i], "--once") && i + 1 < argc)
            only = argv[++i];
        else if (!strcmp(argv[i], "--tls"))
            only = "tls"; /* only the TLS rows */
        else if (!strcmp(argv[i], "--make-store") && i + 2 < argc) {
            /* bench --make-store DIR COPIES: a generated store, for profiling */
            unsetenv("SSL_CERT_FILE");
            const char *b = first_bundle(nc__profile_builtin());
            make_scaled_store(argv[i + 1], b, atoi(argv[i + 2]));
            return 0;
        } else if (!strcmp(argv[i], "--load-root") && i + 2 < argc) {
            /* bench --load-root DIR TIMES: loads a root that many times */
            nativecerts_options *o;
            nativecerts_options_new(&o);
            nativecerts_options_set_root(o, argv[i + 1]);
            nativecerts_options_set_ignore_env(o, 1);
            for (int k = atoi(argv[i + 2]); k > 0; k--)
                nc_load(o);
            nativecerts_options_free(o);
            printf("%zu roots\n", last_count);
            return 0;
        }
    }
    unsetenv("SSL_CERT_FILE");
    unsetenv("SSL_CERT_DIR");
    b64_init();
    const nc__profile *p = nc__profile_builtin();
    const char *bundle = first_bundle(p);
    if (!bundle) return fprintf(stderr, "no bundle on this machine\n"), 1;
    file_list files = distinct_files(p);
    readcap = files.largest + 1;
    readbuf = malloc(readcap);
    decbuf = malloc(readcap);
    rustls_args ra = {bundle, p->dirs};
    nativecerts_options *bundle_opts;
    nativecerts_options_new(&bundle_opts);
    nativecerts_options_set_skip_platform(bundle_opts, 1);
    nativecerts_options_add_file(bundle_opts, bundle);
    char *bundle_copy = strdup(bundle);
    file_list bundle_only = {(char *[]){bundle_copy}, 1, files.largest};
    file_list hashed = hashed_files(bundle, p->dirs[0] ? p->dirs[0] : "/etc/ssl/certs");

    if (only) { /* one load, for strace: bench --once nativecerts|rustls|bundle */
        if (!strcmp(only, "nativecerts"))
            nc_load(NULL);
        else if (!strcmp(only, "rustls"))
            rustls_algorithm(&ra);
        else if (!strcmp(only, "floor"))
            floor_files(&files);
        else if (!strcmp(only, "floor-hashed"))
            floor_hashed(&hashed);
        else if (!strcmp(only, "bundle"))
            nc_load(bundle_opts);
        else if (!strcmp(only, "openssl"))
            openssl_load(bundle_copy);
        else if (!strcmp(only, "gnutls"))
            gnutls_load(NULL);
        else if (!strcmp(only, "store-gets"))
            store_gets(1000);
        else if (!strcmp(only, "store-none"))
            store_gets(0);
        else if (!strcmp(only, "tls")) {
            printf("| %-34s | %9s | %-29s |\n", "what", "median us", "ratio");
            bench_tls_rows(runs, bundle);
        }
        return 0;
    }

    double floor = median_us(floor_files, &files);
    double floor_h = median_us(floor_hashed, &hashed);
    double nc = median_us(nc_load, NULL);
    size_t roots = last_count;
    double rustls = median_us(rustls_algorithm, &ra);
    double floor_b = median_us(floor_files, &bundle_only);
    double nc_b = median_us(nc_load, bundle_opts);
    double ossl = median_us(openssl_load, bundle_copy);
    double gtls = median_us(gnutls_load, NULL);
    /* The first call of a fresh process, as a command-line tool makes it. */
    char list_files[] = "/tmp/ncbench-files.XXXXXX", list_hashed[] = "/tmp/ncbench-hashed.XXXXXX";
    char size[32];
    snprintf(size, sizeof size, "%zu", readcap);
    const char *first_nc[] = {
        "nativecerts_bench", "--first-default", "nativecerts", "-", size, NULL};
    const char *first_floor[] = {"nativecerts_bench",
                                 "--first-default",
                                 "floor",
                                 write_list(&files, list_files),
                                 size,
                                 NULL};
    const char *first_hashed[] = {"nativecerts_bench",
                                  "--first-default",
                                  "floor-hashed",
                                  write_list(&hashed, list_hashed),
                                  size,
                                  NULL};
    double first_n = child_median(first_nc, 101);
    double first_f = child_median(first_floor, 101);
    double first_h = child_median(first_hashed, 101);
    unlink(list_files);
    unlink(list_hashed);
    nativecerts_store_mode get_mode;
    double get = store_get_us(&get_mode);
    double get_stamped = stamped_store_get_us();
    /* Every get loading: the load, and watching what it read. */
    nativecerts_store *reloading;
    nativecerts_store_new(NULL, &reloading);
    nativecerts_store_set_max_age(reloading, 0);
    double get_reload = median_us(nc_store_get, reloading);
    nativecerts_store_free(reloading);

    /* Peak heap of one default load, against the DER it returns + the largest file. */
    nativecerts_result *r;
    heap_now = heap_peak = 0;
    heap_on = 1;
    nativecerts_load(NULL, &r);
    heap_on = 0;
    size_t der_bytes = 0;
    for (size_t i = 0; i < nativecerts_result_count(r); i++) {
        size_t len;
        nativecerts_result_der(r, i, &len);
        der_bytes += len;
    }
    nativecerts_result_free(r);

    printf("nativecerts %s bench: profile %s, bundle %s, %zu distinct files, %zu roots, "
           "median of %d runs, microseconds\n\n",
           nativecerts_version(), p->name, bundle, files.n, roots, runs);
    printf("| %-34s | %9s | %-29s |\n", "what", "median us", "ratio");
    printf("|%s|%s|%s|\n", "------------------------------------", "-----------",
           "-------------------------------");
    row("floor: read each file once, decode", floor, NULL, 0);
    row("nativecerts default load", nc, "of floor (target <=1.15)", floor);
    row("floor: hashed files via links", floor_h, NULL, 0);
    row("nativecerts default load", nc, "of it", floor_h);
    row("rustls-native-certs algorithm", rustls, NULL, 0);
    row("nativecerts default load", nc, "of rustls (target <=0.55)", rustls);
    row("floor: read bundle, decode", floor_b, NULL, 0);
    row("nativecerts bundle only", nc_b, "of floor (target <=1.25)", floor_b);
    row("OpenSSL X509_STORE_load_file", ossl, "of nativecerts bundle", nc_b);
    row("GnuTLS add_system_trust", gtls, "of nativecerts default", nc);
    row(get_mode == NATIVECERTS_STORE_NOTIFIED ? "store_get, unchanged (inotify)"
                                               : "store_get, unchanged (not notified)",
        get, "of default (target <=0.05)", nc);
    if (get_stamped >= 0) row("store_get, unchanged (stamps)", get_stamped, "of default", nc);
    row("store_get, loading each time", get_reload, "of default", nc);
    row("first call of a process: floor", first_f, NULL, 0);
    row("first call: hashed-files floor", first_h, NULL, 0);
    row("first call: nativecerts default", first_n, "of floor", first_f);
    row("first call: nativecerts default", first_n, "of hashed-files floor", first_h);
    bench_tls_rows(runs, bundle);

    /* Linear growth: generated stores of 1x, 10x, 100x the roots, loaded the same way,
     * beside two floors over the same store: the plain read-and-decode loop over its
     * distinct files, and the system calls the loader makes there alone. Twice: as a
     * loop of calls in this process (each finding the CPU caches and the allocator as the
     * last call left them: at 1x the kernel's dentries and inodes of the whole store stay
     * in the CPU caches, and no page is faulted in) and as the first call of a fresh
     * process, as a command-line tool makes it. */
    double t[2][3][3]; /* [fresh process][what: nc, floor, syscalls][copies] */
    static const char *const what[3] = {"nativecerts", "floor", "syscalls"};
    int copies[3] = {1, 10, 100};
    for (int k = 0; k < 3; k++) {
        char root[] = "/tmp/ncbench.XXXXXX";
        if (!mkdtemp(root)) return perror("mkdtemp"), 1;
        make_scaled_store(root, bundle, copies[k]);
        size_t n = roots * (size_t)copies[k];
        nativecerts_options *o;
        nativecerts_options_new(&o);
        nativecerts_options_set_root(o, root);
        nativecerts_options_set_ignore_env(o, 1);
        file_list gen = generated_files(root, n);
        struct stat st;
        if (stat(gen.paths[0], &st) == 0 && (size_t)st.st_size + 1 > readcap) {
            readcap = (size_t)st.st_size + 1; /* the floors read the whole bundle */
            readbuf = realloc(readbuf, readcap);
            decbuf = realloc(decbuf, readcap);
        }
        int saved = runs;
        runs = copies[k] == 100 ? 21 : copies[k] == 10 ? 51 : saved;
        t[0][0][k] = median_us(nc_load, o);
        t[0][1][k] = median_us(floor_files, &gen);
        t[0][2][k] = median_us(syscalls_only, root);
        runs = saved;
        int reps = copies[k] == 100 ? 15 : copies[k] == 10 ? 51 : 101;
        for (int w = 0; w < 3; w++)
            t[1][w][k] = first_call_median(what[w], root, n, reps);
        free_files(&gen);
        nativecerts_options_free(o);
        char cmd[4200];
        snprintf(cmd, sizeof cmd, "rm -rf %s", root);
        if (system(cmd) != 0) return 1;
    }
    static const char *const label[3] = {"nativecerts", "floor: read, decode",
                                         "floor: its system calls alone"};
    for (int fresh = 0; fresh < 2; fresh++) {
        printf("| %-34s | %9s | %-29s |\n",
               fresh ? "**scaling, first call of a process**" : "**scaling, calls in a loop**", "",
               "");
        for (int w = 0; w < 3; w++) {
            char name[80];
            snprintf(name, sizeof name, "%s x1", label[w]);
            row(name, t[fresh][w][0], NULL, 0);
            snprintf(name, sizeof name, "%s x10", label[w]);
            row(name, t[fresh][w][1], "of x1", t[fresh][w][0]);
            snprintf(name, sizeof name, "%s x100", label[w]);
            row(name, t[fresh][w][2], "of x1", t[fresh][w][0]);
        }
        /* The kernel's cost per call grows once a store no longer fits the CPU caches,
         * for every loader: nativecerts' growth is judged against the growth of its own
         * system calls over the same store, in the same run. */
        for (int k = 1; k < 3; k++) {
            double own = t[fresh][0][k] / t[fresh][0][0], kernel = t[fresh][2][k] / t[fresh][2][0];
            char name[80];
            snprintf(name, sizeof name, "growth / syscalls' growth x%d", copies[k]);
            printf("| %-34s | %9s | %5.2fx %-22s |\n", name, "", own / kernel, "(target <=1.10)");
        }
    }
    printf("\npeak heap during a default load: %zu bytes = %.2fx (DER returned %zu + largest "
           "file %zu) (target <= 1.5x)\n",
           heap_peak, (double)heap_peak / (double)(der_bytes + files.largest), der_bytes,
           files.largest);
    nativecerts_options_free(bundle_opts);
    return 0;
}
