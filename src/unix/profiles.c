/* Where each Unix keeps its roots: one row per profile, and nothing else says it. The
 * loader that walks a row is written once (platform.c, android.c; the rules are in
 * docs/unix-stores.md); the advice prints the row's what_to_do or distros, and its
 * rebuild command when a bundle exists but holds nothing (a row without one has no such
 * command: its bundle comes whole from a package or the base system, and installing CA
 * certificates is the step); the default profile of a build is chosen below the table.
 * Adding a system is one row here and one layout file in tests/unix/layouts/ (and, for
 * a system this library is built for, its line in nc__profile_builtin); then `cmake
 * --build build --target profiles_documents` rewrites the lists of the header, the man
 * pages and the README from the table (the test profiles_documented fails until it has
 * run).
 *
 * Every path says which systems put it there and where that is written down. Baseline:
 * the list of openssl-probe 0.2.1 (the Rust crate rustls-native-certs uses), shown as
 * [probe]; entries it lacks are marked (+). [go] is Go's crypto/x509 root_*.go. */
#include "core/profile.h"

#define LIST(...) ((const char *const[]){__VA_ARGS__, NULL})
#define NONE ((const char *const[]){NULL})

/* Android's system stores; the advice names them too. */
#define ANDROID_APEX "/apex/com.android.conscrypt/cacerts"
#define ANDROID_SYSTEM "/system/etc/security/cacerts"

/* Linux distribution families and the command that installs CA certificates on each,
 * by os-release's ID and ID_LIKE (os-release(5)); the advice prints one of them, or all. */
static const nc__distro linux_distros[] = {
    {" debian ubuntu ", "apt-get install ca-certificates (Debian, Ubuntu)"},
    {" alpine ", "apk add ca-certificates (Alpine)"},
    {" fedora rhel centos ", "dnf install ca-certificates, then update-ca-trust (Fedora, RHEL)"},
    {" suse opensuse sles ", "zypper install ca-certificates (openSUSE, SLES)"},
    {" arch ", "pacman -S ca-certificates (Arch)"},
    {" void ", "xbps-install ca-certificates (Void)"},
    {" gentoo ", "emerge app-misc/ca-certificates (Gentoo)"},
    {NULL, NULL},
};

/* What rebuilds the bundle of those distributions from their certificate directories. */
#define LINUX_REBUILD                                                                              \
    "update-ca-certificates (Debian, Ubuntu, Alpine, openSUSE), update-ca-trust (Fedora, RHEL)"

const nc__profile nc__profiles[] = {
    {
        .name = "linux",
        .bundles = LIST(
            /* Debian, Ubuntu, Alpine, Arch, NixOS: update-ca-certificates(8) [probe, go] */
            "/etc/ssl/certs/ca-certificates.crt",
            /* Fedora, RHEL 7+, Amazon Linux 2023: update-ca-trust(8) [probe, go] */
            "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
            /* Fedora, RHEL 6: the legacy path, a link since RHEL 7 [probe, go] */
            "/etc/pki/tls/certs/ca-bundle.crt",
            /* openSUSE, SLES: a link to the next, update-ca-certificates(8) [probe, go] */
            "/etc/ssl/ca-bundle.pem",
            /* (+) openSUSE, SLES: the bundle update-ca-certificates(8) writes */
            "/var/lib/ca-certificates/ca-bundle.pem",
            /* OpenELEC [probe, go] */
            "/etc/pki/tls/cacert.pem",
            /* Alpine, Arch, Fedora 34-42, OpenWrt: OpenSSL's default file [probe, go] */
            "/etc/ssl/cert.pem",
            /* (+) Fedora, RHEL: a legacy link of the ca-certificates package */
            "/etc/pki/tls/cert.pem",
            /* (+) NixOS (security.pki compatibility link), nixpkgs cacert images */
            "/etc/ssl/certs/ca-bundle.crt",
            /* Entware (routers, NAS) [probe] */
            "/opt/etc/ssl/certs/ca-certificates.crt",
            /* OpenHarmony [probe] */
            "/etc/ssl/certs/cacert.pem",
            /* (+) Linux From Scratch: BLFS make-ca */
            "/etc/ssl/ca-bundle.crt"),
        .dirs = LIST(
            /* most distributions: OpenSSL's default directory, hashed links [probe, go] */
            "/etc/ssl/certs",
            /* Fedora, RHEL [probe, go] */
            "/etc/pki/tls/certs",
            /* OpenHarmony [probe] */
            "/etc/security/certificates"),
        .distrust_dirs = NONE,
        .distros = linux_distros,
        .rebuild = LINUX_REBUILD,
    },
    {
        .name = "android",
        /* Termux: its OpenSSL's default, in the app's own prefix [probe] */
        .bundles = LIST("/data/data/com.termux/files/usr/etc/tls/cert.pem"),
        .dirs = NONE,
        .distrust_dirs = NONE,
        .android =
            &(const nc__android_stores){
                /* Android 14+: the Conscrypt APEX module, updated apart from the system */
                .apex = ANDROID_APEX,
                /* Android 4-13: AOSP system/ca-certificates */
                .system = ANDROID_SYSTEM,
                /* AOSP TrustedCertificateStore: the user's roots, per Android user */
                .user_root = "/data/misc/user",
                .added = "cacerts-added",
                /* AOSP TrustedCertificateStore: system roots the user disabled */
                .removed = "cacerts-removed",
            },
        .what_to_do =
            "check that the root is an Android system image: its roots are in " ANDROID_SYSTEM
            " or " ANDROID_APEX,
    },
    {
        .name = "freebsd",
        .bundles = LIST(
            /* FreeBSD: the link the security/ca_root_nss port makes [probe, go] */
            "/usr/local/etc/ssl/cert.pem",
            /* (+) FreeBSD 15+: the base system's bundle, certctl(8) */
            "/etc/ssl/cert.pem",
            /* FreeBSD: the security/ca_root_nss port's bundle [probe, go] */
            "/usr/local/share/certs/ca-root-nss.crt"),
        .dirs = LIST(
            /* FreeBSD 12.2+: the trusted store of certctl(8) [probe, go] */
            "/etc/ssl/certs",
            /* FreeBSD: the security/ca_root_nss port [probe, go] */
            "/usr/local/share/certs"),
        /* FreeBSD 12.2+: the untrusted store of certctl(8) */
        .distrust_dirs = LIST("/etc/ssl/untrusted"),
        .what_to_do = "install CA certificates: pkg install ca_root_nss, or certctl rehash to "
                      "rebuild /etc/ssl/certs",
        /* certctl(8) rebuilds the base system's store; pkg install -f reinstalls the port,
         * which writes its bundle whole */
        .rebuild = "certctl rehash (the base system's store), or pkg install -f ca_root_nss "
                   "(the port's bundle)",
    },
    {
        .name = "dragonfly",
        .bundles = LIST(
            /* DragonFly: the security/ca_root_nss dport [probe, go] */
            "/usr/local/share/certs/ca-root-nss.crt",
            /* DragonFly: the link that dport makes [probe, go] */
            "/usr/local/etc/ssl/cert.pem",
            /* DragonFly: the base system's link [probe, go] */
            "/etc/ssl/cert.pem"),
        /* DragonFly: OpenSSL's default directory [probe, go] */
        .dirs = LIST("/etc/ssl/certs"),
        .distrust_dirs = NONE,
        .what_to_do = "install CA certificates: pkg install ca_root_nss",
        /* the dport writes its bundle whole: reinstalling it rebuilds the bundle */
        .rebuild = "pkg install -f ca_root_nss",
    },
    {
        .name = "netbsd",
        /* NetBSD 10+: the bundle certctl(8) writes [go] */
        .bundles = LIST("/etc/openssl/certs/ca-certificates.crt"),
        /* NetBSD: OpenSSL's directory, populated by certctl(8) [probe, go] */
        .dirs = LIST("/etc/openssl/certs"),
        /* NetBSD 10+: the untrusted store of certctl(8) */
        .distrust_dirs = LIST("/etc/openssl/untrusted"),
        .what_to_do = "install CA certificates: certctl rehash (NetBSD 10), or pkgin install "
                      "mozilla-rootcerts-openssl",
        /* certctl(8) writes the bundle and the directory */
        .rebuild = "certctl rehash (NetBSD 10)",
    },
    {
        .name = "openbsd",
        /* OpenBSD: the base system's bundle, LibreSSL's default [probe, go] */
        .bundles = LIST("/etc/ssl/cert.pem"),
        /* OpenBSD: LibreSSL's default directory [probe, go] */
        .dirs = LIST("/etc/ssl/certs"),
        .distrust_dirs = NONE,
        .what_to_do = "restore /etc/ssl/cert.pem, which the base system ships",
    },
    {
        .name = "solaris",
        /* the bundles of Go's root_solaris.go, in its order */
        .bundles = LIST(
            /* Solaris 11.2+, OpenIndiana: package web/ca-certificates [probe, go] */
            "/etc/certs/ca-certificates.crt",
            /* (+) Joyent SmartOS: pkgsrc mozilla-rootcerts [go] */
            "/etc/ssl/certs/ca-certificates.crt",
            /* (+) OmniOS [go] */
            "/etc/ssl/cacert.pem"),
        /* Solaris 11: package web/ca-certificates, one file per root [probe, go] */
        .dirs = LIST("/etc/certs/CA"),
        .distrust_dirs = NONE,
        .what_to_do = "install CA certificates: pkg install web/ca-certificates",
    },
    {
        .name = "illumos",
        /* Go's three bundles, OmniOS's own first */
        .bundles = LIST(
            /* (+) OmniOS [go] */
            "/etc/ssl/cacert.pem",
            /* OpenIndiana: package web/ca-certificates [probe, go] */
            "/etc/certs/ca-certificates.crt",
            /* (+) Joyent SmartOS: pkgsrc mozilla-rootcerts [go] */
            "/etc/ssl/certs/ca-certificates.crt"),
        /* OpenIndiana: package web/ca-certificates, one file per root [probe, go] */
        .dirs = LIST("/etc/certs/CA"),
        .distrust_dirs = NONE,
        .what_to_do = "install CA certificates: pkg install web/ca-certificates",
    },
    {
        .name = "aix",
        .bundles = LIST(
            /* (+) AIX: the AIX OpenSSL fileset's bundle [go] */
            "/var/ssl/certs/ca-bundle.crt",
            /* AIX Toolbox (RPM) ca-certificates, as on Linux [probe] */
            "/etc/ssl/certs/ca-certificates.crt"),
        /* AIX: the AIX OpenSSL fileset's directory [probe, go] */
        .dirs = LIST("/var/ssl/certs"),
        .distrust_dirs = NONE,
        .what_to_do = "install CA certificates: dnf install ca-certificates (AIX Toolbox)",
    },
    {
        .name = "haiku",
        /* (+) Haiku: package ca_root_certificates */
        .bundles = LIST("/boot/system/data/ssl/CARootCertificates.pem"),
        /* Haiku: OpenSSL's default directory [probe] */
        .dirs = LIST("/etc/ssl/certs"),
        .distrust_dirs = NONE,
        .what_to_do = "install CA certificates: pkgman install ca_root_certificates",
    },
/* The keychain is read on Apple builds only (src/macos). The test profiles_documented
 * compiles this table with NC_PROFILE_TABLE_EVERY_SYSTEM, to hold the documentation
 * against every row of every build. */
#if defined(__APPLE__) || defined(NC_PROFILE_TABLE_EVERY_SYSTEM)
    {
        .name = "macos",
        /* keychain trust settings of the user, admin and system domains */
        .bundles = NONE,
        .dirs = NONE,
        .distrust_dirs = NONE,
        .keychain = 1,
        .what_to_do = "look at the trust settings with security dump-trust-settings -d (and -s), "
                      "or in Keychain Access",
    },
#endif
    {
        /* any other Unix: the two most common layouts */
        .name = "unix",
        .bundles = LIST(
            /* the Debian layout, which most others copy [probe, go] */
            "/etc/ssl/certs/ca-certificates.crt",
            /* the LibreSSL/OpenSSL default bundle [probe, go] */
            "/etc/ssl/cert.pem"),
        /* OpenSSL's default directory [probe, go] */
        .dirs = LIST("/etc/ssl/certs"),
        .distrust_dirs = NONE,
        /* Such a system may still have os-release (GNU Hurd on Debian does), and the
         * Debian layout its update-ca-certificates. */
        .distros = linux_distros,
        .rebuild = LINUX_REBUILD,
    },
};

const size_t nc__profile_count = sizeof nc__profiles / sizeof nc__profiles[0];

/* The one place that maps the build target to its profile: the compiler's predefined
 * macros cannot be tested inside a row (a row would need three lines of #if for it). */
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
