/* The Windows backend: environment, the system stores, and files named by the
 * environment or the options. Knows nothing of Unix profiles: the store is the platform
 * (contract §8), and paths are UTF-8 converted to UTF-16 for every call. */
#include "core/backend.h"

#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "win/file_load.h"
#include "win/store.h"
#include "win/wide.h"

struct nc__backend {
    nc__win_load w;
    int usable; /* 0: the options cannot be honoured here; nothing is loaded */
};

/* ---- Environment ------------------------------------------------------------------ */

/* Windows keeps the environment in UTF-16; the core wants UTF-8, and keeps the pointer
 * it gets until its load (or the store's comparison) is over. So each thread keeps its
 * last value of each variable, replaced at the next read, and freed when the thread
 * ends by a TLS callback, which Windows calls for every thread that leaves the
 * executable or DLL this is linked into. The index is set once and never changes. */
static const char *const ENV_VARS[] = {"SSL_CERT_FILE", "SSL_CERT_DIR"};
#define NC__ENV_VARS (sizeof ENV_VARS / sizeof ENV_VARS[0])

typedef struct env_values {
    char *value[NC__ENV_VARS];
} env_values;

static INIT_ONCE env_once = INIT_ONCE_STATIC_INIT;
static DWORD env_tls = TLS_OUT_OF_INDEXES;

static BOOL CALLBACK env_init(PINIT_ONCE once, PVOID param, PVOID *ctx)
{
    (void)once;
    (void)param;
    (void)ctx;
    env_tls = TlsAlloc();
    return env_tls != TLS_OUT_OF_INDEXES;
}

static void NTAPI env_thread_exit(PVOID module, DWORD reason, PVOID reserved)
{
    (void)module;
    if (reason != DLL_THREAD_DETACH && reason != DLL_PROCESS_DETACH) return;
    if (env_tls == TLS_OUT_OF_INDEXES) return;
    env_values *e = TlsGetValue(env_tls);
    if (e) {
        for (size_t i = 0; i < NC__ENV_VARS; i++)
            free(e->value[i]);
        free(e);
        TlsSetValue(env_tls, NULL);
    }
    /* The DLL is being unloaded (not the process ending): give the index back. */
    if (reason == DLL_PROCESS_DETACH && !reserved) TlsFree(env_tls);
}

/* Listed in the image's TLS directory (mingw-w64's CRT keeps .CRT$XLA...XLZ there). */
__attribute__((section(".CRT$XLY"), used)) const PIMAGE_TLS_CALLBACK nc__win_env_tls_exit =
    env_thread_exit;

/* The variable as UTF-8 (malloc'ed), NULL when unset or not representable. */
static char *read_variable(const char *name)
{
    wchar_t *wname = nc__win_wide(name);
    if (!wname) return NULL;
    char *out = NULL;
    DWORD cap = 256;
    for (;;) {
        wchar_t *buf = malloc((size_t)cap * sizeof *buf);
        if (!buf) break;
        SetLastError(0);
        DWORD n = GetEnvironmentVariableW(wname, buf, cap);
        DWORD err = GetLastError();
        if (n < cap) {
            /* 0 with ERROR_ENVVAR_NOT_FOUND: unset; 0 otherwise: set to nothing. */
            if (n > 0 || err != ERROR_ENVVAR_NOT_FOUND) out = nc__win_utf8(buf, (int)n);
            free(buf);
            break;
        }
        free(buf);
        cap = n; /* the size it needs, NUL included; it may change meanwhile: again */
    }
    free(wname);
    return out;
}

const char *nc__env_get(const char *name, int *ignored)
{
    *ignored = 0; /* no setuid on Windows: a process's environment is its own */
    size_t slot = 0;
    while (slot < NC__ENV_VARS && strcmp(ENV_VARS[slot], name) != 0)
        slot++;
    if (slot == NC__ENV_VARS || !InitOnceExecuteOnce(&env_once, env_init, NULL, NULL)) return NULL;
    env_values *e = TlsGetValue(env_tls);
    if (!e) {
        e = calloc(1, sizeof *e);
        if (!e || !TlsSetValue(env_tls, e)) {
            free(e);
            return NULL;
        }
    }
    free(e->value[slot]);
    e->value[slot] = read_variable(name);
    return e->value[slot];
}

char nc__env_dir_separator(void)
{
    return ';';
}

/* ---- Loading ---------------------------------------------------------------------- */

nc__backend *nc__backend_open(nc__collect *c, const nativecerts_options *opts)
{
    nc__backend *b = calloc(1, sizeof *b);
    if (!b) {
        c->oom = 1;
        return NULL;
    }
    b->w.c = c;
    b->w.max_file_size = opts->max_file_size;
    b->usable = 1;
    /* The store lives in the registry, not under a directory: a root cannot hold it. */
    if (opts->root) {
        nc__collect_error(c, NC__NONE, NATIVECERTS_ERROR_IO, opts->root, 0, 0,
                          "the root directory option is not available on Windows");
        b->usable = 0;
    }
    return b;
}

void nc__backend_close(nc__backend *b)
{
    free(b);
}

void nc__backend_load_file(nc__backend *b, uint32_t source, const char *path)
{
    if (b->usable)
        nc__win_file_load(&b->w, source, path, NC__ROLE_TRUST);
    else
        nc__collect_status(b->w.c, source, NATIVECERTS_STATUS_FAILED);
}

void nc__backend_load_dir(nc__backend *b, uint32_t source, const char *path)
{
    if (b->usable)
        nc__win_dir_load(&b->w, source, path, NC__ROLE_TRUST);
    else
        nc__collect_status(b->w.c, source, NATIVECERTS_STATUS_FAILED);
}

void nc__backend_report_unused(nc__backend *b, const nc__profile *p, nativecerts_source_status why)
{
    (void)p;
    nc__win_store_report_unused(b->w.c, why);
}

void nc__backend_load_store(nc__backend *b, const nc__profile *p)
{
    (void)p; /* one profile, "windows": its store is the system's */
    if (b->usable)
        nc__win_store_load(b->w.c);
    else
        nc__win_store_report_unused(b->w.c, NATIVECERTS_STATUS_FAILED);
}

/* ---- Stamps for nativecerts_store --------------------------------------------------- */

/* 100 ns ticks since 1601 to ns since 1970. */
static int64_t unix_ns(LARGE_INTEGER t)
{
    return (t.QuadPart - 116444736000000000LL) * 100;
}

int nc__backend_stamp(const nativecerts_options *opts, const char *const *paths, size_t n,
                      nc__stamp *out)
{
    if (opts->root) return -1;
    for (size_t i = 0; i < n; i++) {
        nc__stamp *s = &out[i];
        memset(s, 0, sizeof *s);
        DWORD err;
        HANDLE h = nc__win_open(paths[i], &err);
        if (h == INVALID_HANDLE_VALUE) continue;
        BY_HANDLE_FILE_INFORMATION info;
        FILE_BASIC_INFO basic;
        if (GetFileInformationByHandle(h, &info) &&
            GetFileInformationByHandleEx(h, FileBasicInfo, &basic, sizeof basic)) {
            s->exists = 1;
            s->dev = info.dwVolumeSerialNumber;
            s->ino = (uint64_t)info.nFileIndexHigh << 32 | info.nFileIndexLow;
            s->size = (uint64_t)info.nFileSizeHigh << 32 | info.nFileSizeLow;
            s->mtime_ns = unix_ns(basic.LastWriteTime);
            s->ctime_ns = unix_ns(basic.ChangeTime);
        }
        CloseHandle(h);
    }
    return 0;
}
