/* Advice as data: one line per system, one per Linux distribution family. */
#include "advice.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "distrust_unknown.h"

/* Linux distributions, by the ID and ID_LIKE words of os-release. */
static const struct distro {
    const char *ids; /* space-separated, each word surrounded by spaces */
    const char *install;
} distros[] = {
    {" debian ubuntu ", "apt-get install ca-certificates (Debian, Ubuntu)"},
    {" alpine ", "apk add ca-certificates (Alpine)"},
    {" fedora rhel centos ", "dnf install ca-certificates, then update-ca-trust (Fedora, RHEL)"},
    {" suse opensuse sles ", "zypper install ca-certificates (openSUSE, SLES)"},
    {" arch ", "pacman -S ca-certificates (Arch)"},
    {" void ", "xbps-install ca-certificates (Void)"},
    {" gentoo ", "emerge app-misc/ca-certificates (Gentoo)"},
};

/* Other systems, by profile name: what to do, in full. */
static const struct system {
    const char *profile;
    const char *advice;
} systems[] = {
    {"freebsd", "install CA certificates: pkg install ca_root_nss, or certctl rehash to "
                "rebuild /etc/ssl/certs"},
    {"dragonfly", "install CA certificates: pkg install ca_root_nss"},
    {"netbsd", "install CA certificates: certctl rehash (NetBSD 10), or pkgin install "
               "mozilla-rootcerts-openssl"},
    {"openbsd", "restore /etc/ssl/cert.pem, which the base system ships"},
    {"solaris", "install CA certificates: pkg install web/ca-certificates"},
    {"illumos", "install CA certificates: pkg install web/ca-certificates"},
    {"aix", "install CA certificates: dnf install ca-certificates (AIX Toolbox)"},
    {"haiku", "install CA certificates: pkgman install ca_root_certificates"},
    {"android", "check that the root is an Android system image: its roots are in "
                "/system/etc/security/cacerts or /apex/com.android.conscrypt/cacerts"},
    {"windows", "look at the store with certutil -user -store root, and check that no "
                "policy disables the automatic update of root certificates"},
    {"macos", "look at the trust settings with security dump-trust-settings -d (and -s), "
              "or in Keychain Access"},
};

typedef struct text {
    char *buf;
    size_t n, len;
} text;

#if defined(__GNUC__) && !defined(__MINGW32__) /* MinGW's "printf" is msvcrt's: no %zu */
__attribute__((format(printf, 2, 3)))
#endif
static void
add(text *t, const char *fmt, ...)
{
    if (t->len + 1 >= t->n) return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(t->buf + t->len, t->n - t->len, fmt, ap);
    va_end(ap);
    if (w > 0) t->len += (size_t)w < t->n - t->len ? (size_t)w : t->n - t->len - 1;
}

/* What the command reads of os-release: enough for ID and ID_LIKE, which come early. */
#define OS_RELEASE_MAX 8192

/* The os-release words ID and ID_LIKE of the system under root (NULL: this one), as
 * " a b c ". The library reads the file, inside the root and never blocking: an image's
 * os-release is as untrusted as the rest of it. Nothing readable gives " ". */
static void os_release_ids(const char *root, char *out, size_t n)
{
    char release[OS_RELEASE_MAX];
    nativecerts_options *o = NULL;
    snprintf(out, n, " ");
    if (nativecerts_options_new(&o) != NATIVECERTS_OK) return;
    if (nativecerts_options_set_root(o, root) != NATIVECERTS_OK ||
        nativecerts_read_os_release(o, release, sizeof release, NULL) != NATIVECERTS_OK)
        release[0] = '\0';
    nativecerts_options_free(o);
    for (const char *line = release; *line;) {
        size_t end = strcspn(line, "\n"), len = strlen(out);
        const char *v = !strncmp(line, "ID=", 3)        ? line + 3
                        : !strncmp(line, "ID_LIKE=", 8) ? line + 8
                                                        : NULL;
        for (; v && v < line + end && len + 2 < n; v++)
            if (*v != '"' && *v != '\'') out[len++] = *v;
        if (v && len + 1 < n) {
            out[len++] = ' ';
            out[len] = '\0';
        }
        line += end + (line[end] == '\n');
    }
}

/* Non-zero when a word of ids (" a b ") is one of words (" x y "). */
static int shares_word(const char *ids, const char *words)
{
    char one[64];
    for (const char *w = ids; *w;) {
        w += strspn(w, " ");
        size_t len = strcspn(w, " ");
        if (len == 0) break;
        if (len + 3 <= sizeof(one)) {
            snprintf(one, sizeof(one), " %.*s ", (int)len, w);
            if (strstr(words, one)) return 1;
        }
        w += len;
    }
    return 0;
}

static void add_install(text *t, const nativecerts_result *r)
{
    const char *profile = nativecerts_result_profile(r), *root = nativecerts_result_root(r);
    const char *where = root ? "in the image" : "on this system";
    for (size_t i = 0; i < sizeof(systems) / sizeof(systems[0]); i++) {
        if (strcmp(profile, systems[i].profile) == 0) {
            add(t, "what to do: %s\n", systems[i].advice);
            return;
        }
    }
    char ids[256];
    os_release_ids(root, ids, sizeof(ids));
    for (size_t i = 0; i < sizeof(distros) / sizeof(distros[0]); i++) {
        if (shares_word(ids, distros[i].ids)) {
            add(t, "what to do: install CA certificates %s: %s\n", where, distros[i].install);
            return;
        }
    }
    add(t, "what to do: install your system's CA certificates package %s:\n", where);
    for (size_t i = 0; i < sizeof(distros) / sizeof(distros[0]); i++)
        add(t, "  %s\n", distros[i].install);
}

/* The first source with the given status, or (size_t)-1. */
static size_t first_with(const nativecerts_result *r, nativecerts_source_status status, int file)
{
    for (size_t i = 0; i < nativecerts_result_source_count(r); i++) {
        nativecerts_source_kind k = nativecerts_result_source_kind(r, i);
        int is_path = k == NATIVECERTS_SOURCE_FILE || k == NATIVECERTS_SOURCE_DIRECTORY;
        if (nativecerts_result_source_status(r, i) == status && (!file || is_path)) return i;
    }
    return (size_t)-1;
}

void advice_text(const nativecerts_result *r, char *buf, size_t n)
{
    text t = {buf, n, 0};
    if (n == 0) return;
    buf[0] = '\0';
    /* A distrust place that could not be read in full comes first. When it cost the
     * roots that were found, installing anything would change nothing: nothing more. */
    size_t incomplete = first_with(r, NATIVECERTS_STATUS_INCOMPLETE, 0);
    size_t unknown = distrust_unknown_count(r), excluded = nativecerts_result_excluded_count(r);
    if (incomplete != (size_t)-1)
        add(&t,
            "what to do: make %s readable in full (see its errors): until then, nothing it "
            "could distrust is trusted\n",
            nativecerts_result_source_name(r, incomplete));
    else if (unknown > 0)
        add(&t, "what to do: repair the distrust entries that could not be read: `nativecerts "
                "list --json` shows the certificates excluded as distrust-unknown, with the "
                "source of each\n");
    if (unknown > 0 && unknown == excluded) return;
    if (excluded > 0)
        add(&t,
            "note: %zu certificate(s) were found but are not trusted: `nativecerts list "
            "--json` says why (with --skip-expired or --at, check the time)\n",
            excluded);
    if (unknown > 0) return;
    size_t failed = first_with(r, NATIVECERTS_STATUS_FAILED, 1);
    if (failed != (size_t)-1)
        add(&t, "note: %s exists but could not be read (see its error)\n",
            nativecerts_result_source_name(r, failed));

    switch (nativecerts_result_mode(r)) {
    case NATIVECERTS_MODE_ENVIRONMENT:
        add(&t, "what to do: SSL_CERT_FILE / SSL_CERT_DIR replace the system store and gave no "
                "certificate; point them at a PEM bundle or a directory of certificates, or "
                "unset them (unset SSL_CERT_FILE SSL_CERT_DIR) to use the system store\n");
        return;
    case NATIVECERTS_MODE_EXPLICIT:
        add(&t, "what to do: with --no-platform only --file and --dir are read, and they gave no "
                "certificate: check those paths\n");
        return;
    case NATIVECERTS_MODE_PLATFORM:
        break;
    }
    size_t used = first_with(r, NATIVECERTS_STATUS_USED, 1);
    if (used != (size_t)-1 && nativecerts_result_source_cert_count(r, used) == 0 &&
        failed == (size_t)-1) {
        add(&t,
            "note: %s exists but holds no certificate; rebuild it: update-ca-certificates "
            "(Debian, Ubuntu, Alpine, openSUSE), update-ca-trust (Fedora, RHEL)\n",
            nativecerts_result_source_name(r, used));
    }
    add_install(&t, r);
    if (nativecerts_result_root(r))
        add(&t, "  (or name a bundle with --file PATH)\n");
    else
        add(&t, "  or set SSL_CERT_FILE to a PEM bundle of the CA certificates you trust\n");
}
