/* Change notification for nativecerts_store on Windows: the ROOT and Disallowed stores
 * live in the registry, and a registry change notification on each of their keys
 * signals an event; a get waits on those events for no time at all (one call).
 *
 * The keys are those of the physical stores that make up the current user's logical
 * ROOT and Disallowed stores: the user's and the machine's own, group policy's, the
 * enterprise's, and the machine's AuthRoot (roots installed by the root program). A
 * key that exists is watched with its whole subtree (certificates added, removed,
 * their properties set); one that does not is watched for by its deepest existing
 * ancestor, for a subkey created there, so that the store is seen when it appears.
 *
 * crypt32's own CertControlStore(CERT_STORE_CTRL_NOTIFY_CHANGE) is not used: Wine 8
 * returns success for it on the system stores and never signals (its registry
 * provider stubs it), and the keys are what it would watch on Windows. Notifications
 * are registered thread-agnostic (Windows 8 and later), so that they outlive the
 * thread that happened to load; re-registered before each load. No thread is started;
 * the handles are not inheritable. Files named by the environment or the options are
 * stamped by the store. */
#include "core/backend.h"

#include <stdlib.h>
#include <string.h>
#include <windows.h>

#ifndef REG_NOTIFY_THREAD_AGNOSTIC
#define REG_NOTIFY_THREAD_AGNOSTIC 0x10000000L
#endif

static const struct {
    HKEY hive;
    const wchar_t *path;
} KEYS[] = {
    {HKEY_CURRENT_USER, L"Software\\Microsoft\\SystemCertificates\\Root"},
    {HKEY_CURRENT_USER, L"Software\\Microsoft\\SystemCertificates\\Disallowed"},
    {HKEY_CURRENT_USER, L"Software\\Policies\\Microsoft\\SystemCertificates\\Root"},
    {HKEY_CURRENT_USER, L"Software\\Policies\\Microsoft\\SystemCertificates\\Disallowed"},
    {HKEY_LOCAL_MACHINE, L"Software\\Microsoft\\SystemCertificates\\Root"},
    {HKEY_LOCAL_MACHINE, L"Software\\Microsoft\\SystemCertificates\\AuthRoot"},
    {HKEY_LOCAL_MACHINE, L"Software\\Microsoft\\SystemCertificates\\Disallowed"},
    {HKEY_LOCAL_MACHINE, L"Software\\Policies\\Microsoft\\SystemCertificates\\Root"},
    {HKEY_LOCAL_MACHINE, L"Software\\Policies\\Microsoft\\SystemCertificates\\Disallowed"},
    {HKEY_LOCAL_MACHINE, L"Software\\Microsoft\\EnterpriseCertificates\\Root"},
    {HKEY_LOCAL_MACHINE, L"Software\\Microsoft\\EnterpriseCertificates\\Disallowed"},
};
#define NC__NKEYS (sizeof KEYS / sizeof *KEYS)

struct nc__notify {
    HKEY key[NC__NKEYS]; /* NULL: not open */
    HANDLE event[NC__NKEYS];
    int armed; /* every key (or its ancestor) is watched since the last begin */
};

nc__notify *nc__notify_open(const nativecerts_options *opts)
{
    (void)opts;
    nc__notify *n = calloc(1, sizeof *n);
    if (!n) return NULL;
    for (size_t i = 0; i < NC__NKEYS; i++) {
        n->event[i] = CreateEventW(NULL, TRUE, FALSE, NULL); /* not inheritable */
        if (!n->event[i]) {
            nc__notify_close(n);
            return NULL;
        }
    }
    return n;
}

static void close_keys(nc__notify *n)
{
    for (size_t i = 0; i < NC__NKEYS; i++) {
        if (n->key[i]) RegCloseKey(n->key[i]); /* ends its notification */
        n->key[i] = NULL;
    }
}

void nc__notify_close(nc__notify *n)
{
    if (!n) return;
    close_keys(n);
    for (size_t i = 0; i < NC__NKEYS; i++)
        if (n->event[i]) CloseHandle(n->event[i]);
    free(n);
}

/* Opens the key of KEYS[i], or its deepest existing ancestor (*exact 0). */
static LONG open_deepest(size_t i, HKEY *out, int *exact)
{
    wchar_t path[128];
    size_t len = wcslen(KEYS[i].path);
    if (len >= sizeof path / sizeof *path) return ERROR_INVALID_PARAMETER;
    memcpy(path, KEYS[i].path, (len + 1) * sizeof *path);
    *exact = 1;
    for (;;) {
        LONG r = RegOpenKeyExW(KEYS[i].hive, path, 0, KEY_NOTIFY, out);
        if (r != ERROR_FILE_NOT_FOUND) return r;
        *exact = 0;
        wchar_t *cut = wcsrchr(path, L'\\');
        if (!cut) return RegOpenKeyExW(KEYS[i].hive, NULL, 0, KEY_NOTIFY, out);
        *cut = L'\0';
    }
}

static LONG arm(nc__notify *n, size_t i)
{
    int exact;
    LONG r = open_deepest(i, &n->key[i], &exact);
    if (r != ERROR_SUCCESS) {
        n->key[i] = NULL;
        return r;
    }
    ResetEvent(n->event[i]);
    /* The store itself: anything in its subtree. An ancestor: a subkey made there. */
    DWORD filter =
        exact ? REG_NOTIFY_CHANGE_NAME | REG_NOTIFY_CHANGE_LAST_SET : REG_NOTIFY_CHANGE_NAME;
    r = RegNotifyChangeKeyValue(n->key[i], exact, filter | REG_NOTIFY_THREAD_AGNOSTIC, n->event[i],
                                TRUE);
    if (r == ERROR_INVALID_PARAMETER) /* before Windows 8: tied to this thread */
        r = RegNotifyChangeKeyValue(n->key[i], exact, filter, n->event[i], TRUE);
    return r;
}

void nc__notify_begin(nc__notify *n)
{
    close_keys(n);
    n->armed = 1;
    for (size_t i = 0; i < NC__NKEYS; i++)
        if (arm(n, i) != ERROR_SUCCESS) n->armed = 0;
}

int nc__notify_changed(nc__notify *n)
{
    if (!n->armed) return 1;
    DWORD w = WaitForMultipleObjects((DWORD)NC__NKEYS, n->event, FALSE, 0);
    return w != WAIT_TIMEOUT;
}

int nc__notify_watch(nc__notify *n, nc__watch_place *places, size_t count, int64_t since_ns)
{
    (void)since_ns;
    if (!n->armed) return -1;
    for (size_t i = 0; i < count; i++)
        places[i].notified = places[i].kind == NATIVECERTS_SOURCE_STORE &&
                             strncmp(places[i].name, "windows:", 8) == 0;
    return nc__notify_changed(n); /* a change made while the load ran */
}
