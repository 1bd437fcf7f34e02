/* Where each Unix keeps its roots (contract §3). Data only: the loader that walks these
 * lists is written once, in platform.c. Baseline: openssl-probe 0.2.1; entries it lacks
 * are marked (+). Adding a system is one line here, checkable against its comment. */
#include "core/profile.h"

#define LIST(...) ((const char *const[]){__VA_ARGS__, NULL})
#define NONE ((const char *const[]){NULL})

const nc__profile nc__profiles[] = {
    {
        .name = "linux",
        .bundles =
            LIST("/etc/ssl/certs/ca-certificates.crt", /* Debian, Ubuntu, Alpine, Arch, NixOS */
                 "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem", /* Fedora, RHEL 7+, AL2023 */
                 "/etc/pki/tls/certs/ca-bundle.crt",                  /* Fedora/RHEL legacy link */
                 "/etc/ssl/ca-bundle.pem",                            /* openSUSE, SLES */
                 "/var/lib/ca-certificates/ca-bundle.pem", /* (+) openSUSE target of the above */
                 "/etc/pki/tls/cacert.pem",                /* OpenELEC */
                 "/etc/ssl/cert.pem",                      /* Alpine, Arch, Fedora 34-42, OpenWrt */
                 "/etc/pki/tls/cert.pem",                  /* (+) Fedora/RHEL legacy link */
                 "/etc/ssl/certs/ca-bundle.crt", /* (+) NixOS compat, pkgs.cacert images */
                 "/opt/etc/ssl/certs/ca-certificates.crt", /* Entware */
                 "/etc/ssl/certs/cacert.pem",              /* OpenHarmony */
                 "/etc/ssl/ca-bundle.crt"),                /* (+) LFS/BLFS make-ca */
        .dirs = LIST("/etc/ssl/certs",                     /* most distributions */
                     "/etc/pki/tls/certs",                 /* Fedora, RHEL */
                     "/etc/security/certificates"),        /* OpenHarmony */
        .distrust_dirs = NONE,
    },
    {
        .name = "android",
        .bundles = LIST("/data/data/com.termux/files/usr/etc/tls/cert.pem"), /* Termux */
        .dirs = NONE, /* the system and user stores are walked by android.c */
        .distrust_dirs = NONE,
        .android = 1,
    },
    {
        .name = "freebsd",
        .bundles = LIST("/usr/local/etc/ssl/cert.pem", /* ports ca_root_nss link */
                        "/etc/ssl/cert.pem",           /* (+) base system, certctl (15+) */
                        "/usr/local/share/certs/ca-root-nss.crt"), /* ca_root_nss */
        .dirs = LIST("/etc/ssl/certs",                             /* certctl (12.2+) */
                     "/usr/local/share/certs"),                    /* ca_root_nss */
        .distrust_dirs = LIST("/etc/ssl/untrusted"),               /* certctl blacklist */
    },
    {
        .name = "dragonfly",
        .bundles = LIST("/usr/local/share/certs/ca-root-nss.crt", /* ca_root_nss */
                        "/usr/local/etc/ssl/cert.pem", "/etc/ssl/cert.pem"),
        .dirs = LIST("/etc/ssl/certs"),
        .distrust_dirs = NONE,
    },
    {
        .name = "netbsd",
        .bundles = LIST("/etc/openssl/certs/ca-certificates.crt"), /* certctl */
        .dirs = LIST("/etc/openssl/certs"),
        .distrust_dirs = LIST("/etc/openssl/untrusted"), /* certctl untrusted */
    },
    {
        .name = "openbsd",
        .bundles = LIST("/etc/ssl/cert.pem"), /* LibreSSL */
        .dirs = LIST("/etc/ssl/certs"),
        .distrust_dirs = NONE,
    },
    {
        .name = "solaris", /* bundles as Go's crypto/x509 root_solaris.go */
        .bundles = LIST("/etc/certs/ca-certificates.crt",     /* Solaris 11, OpenIndiana */
                        "/etc/ssl/certs/ca-certificates.crt", /* (+) Joyent SmartOS */
                        "/etc/ssl/cacert.pem"),               /* (+) OmniOS */
        .dirs = LIST("/etc/certs/CA"),
        .distrust_dirs = NONE,
    },
    {
        .name = "illumos",                     /* Go's three bundles, OmniOS's own first */
        .bundles = LIST("/etc/ssl/cacert.pem", /* (+) OmniOS */
                        "/etc/certs/ca-certificates.crt",      /* OpenIndiana */
                        "/etc/ssl/certs/ca-certificates.crt"), /* (+) Joyent SmartOS */
        .dirs = LIST("/etc/certs/CA"),
        .distrust_dirs = NONE,
    },
    {
        .name = "aix",
        .bundles = LIST("/var/ssl/certs/ca-bundle.crt", /* (+) AIX OpenSSL, as Go */
                        "/etc/ssl/certs/ca-certificates.crt"),
        .dirs = LIST("/var/ssl/certs"),
        .distrust_dirs = NONE,
    },
    {
        .name = "haiku",
        .bundles = LIST("/boot/system/data/ssl/CARootCertificates.pem"), /* (+) Haiku */
        .dirs = LIST("/etc/ssl/certs"),
        .distrust_dirs = NONE,
    },
#if defined(__APPLE__)
    {
        .name = "macos", /* keychain trust settings of the user, admin and system domains */
        .bundles = NONE,
        .dirs = NONE,
        .distrust_dirs = NONE,
        .keychain = 1,
    },
#endif
    {
        .name = "unix", /* any other Unix: the two most common layouts */
        .bundles = LIST("/etc/ssl/certs/ca-certificates.crt", "/etc/ssl/cert.pem"),
        .dirs = LIST("/etc/ssl/certs"),
        .distrust_dirs = NONE,
    },
};

const size_t nc__profile_count = sizeof nc__profiles / sizeof nc__profiles[0];

/* The one place that maps the build target to its profile. */
const nc__profile *nc__profile_builtin(void)
{
#if defined(__ANDROID__)
    return nc__profile_find("android");
#elif defined(__APPLE__)
    return nc__profile_find("macos");
#elif defined(__linux__)
    return nc__profile_find("linux");
#elif defined(__FreeBSD__)
    return nc__profile_find("freebsd");
#elif defined(__DragonFly__)
    return nc__profile_find("dragonfly");
#elif defined(__NetBSD__)
    return nc__profile_find("netbsd");
#elif defined(__OpenBSD__)
    return nc__profile_find("openbsd");
#elif defined(__illumos__)
    return nc__profile_find("illumos");
#elif defined(__sun)
    return nc__profile_find("solaris");
#elif defined(_AIX)
    return nc__profile_find("aix");
#elif defined(__HAIKU__)
    return nc__profile_find("haiku");
#else
    return nc__profile_find("unix");
#endif
}
