/* client_setup.h — what the example clients share that is not about their TLS library:
 * the command line, the trust store's options, the report of the load, a TCP
 * connection. Build each client with client_setup.c beside it. Copy freely (MIT OR
 * Apache-2.0). */
#ifndef CLIENT_SETUP_H
#define CLIENT_SETUP_H

#include <stddef.h>

#include <nativecerts.h>

/* Reads the command line every client takes:
 *
 *   CLIENT HOST[:PORT] [CAFILE]
 *
 * HOST is a name, an IPv4 address or [an IPv6 address]; PORT defaults to 443. Without
 * CAFILE the client trusts what this machine trusts: *opts is NULL, nativecerts' defaults
 * (the platform store, or SSL_CERT_FILE / SSL_CERT_DIR). With it, only the certificates
 * of CAFILE (PEM, with any TRUSTED CERTIFICATE rules, or one DER certificate): *opts is
 * options for that, which the caller frees with nativecerts_options_free().
 * host and port point into argv (which is changed). Returns 0, or -1 after printing
 * the usage. */
int client_setup(int argc, char **argv, char **host, char **port, nativecerts_options **opts);

/* Prints to stderr what the load met, for a person to act on: each error, the number of
 * roots, how many of them the TLS library (named by stack) did not take, and a hint
 * when none is left. stack is NULL when the library does not say what it skipped. */
void client_report_roots(const nativecerts_result *roots, size_t skipped, const char *stack);

/* A TCP connection to the first address of host that accepts one (localhost may resolve
 * to ::1 first, where nothing listens), or -1. */
int client_tcp_connect(const char *host, const char *port);

/* Whether host is an IPv4 or IPv6 address (no name to send as SNI, RFC 6066). */
int client_is_ip_literal(const char *host);

#endif /* CLIENT_SETUP_H */
