/* Help texts: what each command prints and what each option selects. */
#include "help.h"

#include <string.h>

#include "nativecerts.h"

static const char usage[] =
    "usage: nativecerts list    [--json] [SELECTION]\n"
    "       nativecerts export  [--format pem|der|openssl-dir] [--output FILE]\n"
    "                           [SELECTION]\n"
    "       nativecerts sources [--json] [SELECTION]\n"
    "       nativecerts --version | --help | help COMMAND\n";

static const char selection[] =
    "SELECTION (every command):\n"
    "  --root DIR      read the file system under DIR as if it were / (a container\n"
    "                  image, a mounted disk): its own store, never SSL_CERT_FILE\n"
    "                  or SSL_CERT_DIR; --file and --dir add to it, inside DIR\n"
    "  --os PROFILE    use the paths of another system:";

static const char selection_rest[] =
    "  --file PATH     also load this file, PEM or DER (repeatable); under --root a\n"
    "                  relative PATH starts at DIR's top\n"
    "  --dir PATH      also load every file of this directory (repeatable)\n"
    "  --no-env        ignore SSL_CERT_FILE and SSL_CERT_DIR\n"
    "  --no-platform   load only what --file and --dir name (one is needed)\n"
    "  --skip-expired  leave out roots that are expired or not yet valid\n"
    "  --at TIME       check validity at TIME, YYYY-MM-DDTHH:MM:SSZ or YYYY-MM-DD\n"
    "                  (midnight), UTC, instead of now; implies --skip-expired\n";

static const char status[] =
    "Exit status:\n"
    "  0  at least one root is trusted\n"
    "  1  a usage error, a failed write (standard output or error, export's files),\n"
    "     or the command itself ran out of memory\n"
    "  2  no root is trusted (the reason and what to do are printed)\n"
    "  3  out of memory or file descriptors while loading: nothing was loaded; retry\n"
    "  4  a path added with --file or --dir gave no certificate (missing, unreadable,\n"
    "     or holding something else: the message says what); export writes nothing\n"
    "Other problems met while reading go to stderr as \"warning: ...\" and do not\n"
    "change the status; a distrust place that could not be read in full comes first,\n"
    "and what it could distrust is left out. When SSL_CERT_FILE or SSL_CERT_DIR chose\n"
    "the certificates, list and export say so on stderr.\n";

static const struct {
    const char *name;
    const char *text;
} commands[] = {
    {"list", "nativecerts list [--json] [SELECTION]\n\n"
             "Lists the CA certificates this system trusts for TLS server authentication, one\n"
             "row each, sorted by name: the first 16 hex digits of the SHA-256 fingerprint,\n"
             "the expiry date, a mark ('!' expired, '+' not yet valid, now or at --at), the\n"
             "name (common name, else organization or unit) and a source number. Below the\n"
             "table, SOURCE gives each number's path (or store) and how many roots it gave,\n"
             "then what the marks mean, when there are some.\n\n"
             "--json prints one object instead, certificates in DER byte order:\n"
             "  {\"mode\",\n"
             "   \"certificates\": [{\"sha256\", \"subject\", \"issuer\", \"not_before\",\n"
             "                     \"not_after\", \"source\"}],\n"
             "   \"excluded\": [{\"sha256\", \"subject\", \"reason\", \"source\"}],\n"
             "   \"errors\": [{\"kind\", \"path\", \"line\", \"errno\", \"message\"}]}\n"
             "mode is platform, environment (SSL_CERT_FILE or SSL_CERT_DIR chose) or\n"
             "explicit (--no-platform); sha256 is 64 lowercase hex digits of the DER, subject\n"
             "and issuer are RFC 4514 strings as `openssl x509 -nameopt RFC2253,-esc_msb`\n"
             "prints them, times are YYYY-MM-DDTHH:MM:SSZ, and absent values are null.\n"},
    {"export", "nativecerts export [--format pem|der|openssl-dir] [--output FILE] [SELECTION]\n\n"
               "Writes the trusted CA certificates for tools that want a bundle.\n"
               "  --format pem   (default) one PEM file: to stdout (also --output -), or to\n"
               "                 FILE, replaced whole once written, keeping its mode and owner;\n"
               "                 a FIFO or character device is written into\n"
               "  --format der   one DER file per certificate in the directory --output names\n"
               "                 (created if missing), each named SHA256HEX.der; such files\n"
               "                 of roots no longer trusted are removed\n"
               "  --format openssl-dir\n"
               "                 a directory for OpenSSL's -CApath and SSL_CERT_DIR, which\n"
               "                 --output names (created if missing): SHA256HEX.pem per\n"
               "                 certificate and the links HASH.N to them that `openssl\n"
               "                 rehash` makes; such files and links that this export does\n"
               "                 not write are removed, others are left alone\n"
               "A link that belongs to another user is refused. A failed write leaves FILE\n"
               "as it was and the status is 1. When nothing is trusted, nothing is written\n"
               "and the status is 2; when a path added with --file or --dir gave nothing,\n"
               "nothing is written and the status is 4.\n"},
    {"sources", "nativecerts sources [--json] [SELECTION]\n\n"
                "Shows where certificates were looked for and what each place gave: the mode\n"
                "(platform, environment or explicit), the profile, the root directory, the\n"
                "variables SSL_CERT_FILE and SSL_CERT_DIR (and whether they were ignored), every\n"
                "candidate file and directory with its status, certificate count and errors, and\n"
                "what to do when nothing was found (or what an added path holds instead of\n"
                "certificates). Read this when a program says it found no CA certificates.\n"},
};

static void put_selection(FILE *f)
{
    fputs(selection, f);
    for (size_t i = 0; nativecerts_profile_name(i); i++) {
        if (i % 6 == 0) fputs("\n                 ", f);
        fprintf(f, " %s", nativecerts_profile_name(i));
    }
    fprintf(f, "\n                  (default: %s)\n", nativecerts_profile_default());
    fputs(selection_rest, f);
}

void help_overview(FILE *f)
{
    fputs(usage, f);
    fputs("\nThe CA certificates this system trusts, from its own trust store.\n\n"
          "  list      one line per trusted root (or --json)\n"
          "  export    the trusted roots as a PEM bundle, DER files or an OpenSSL\n"
          "            hashed directory\n"
          "  sources   where roots were looked for, and why none were found\n\n",
          f);
    put_selection(f);
    fputc('\n', f);
    fputs(status, f);
}

void help_command(FILE *f, const char *command)
{
    for (size_t i = 0; command && i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(commands[i].name, command) != 0) continue;
        fputs(commands[i].text, f);
        fputc('\n', f);
        put_selection(f);
        fputc('\n', f);
        fputs(status, f);
        return;
    }
    help_overview(f);
}
