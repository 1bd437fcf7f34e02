/* client_setup.c — the command line, the trust store's options, the report of the load
 * and a TCP connection, for the example clients (see client_setup.h). Copy freely (MIT
 * OR Apache-2.0). */
#define _POSIX_C_SOURCE 200809L
#include "client_setup.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Splits "host", "host:port" or "[v6]:port" in place; the port defaults to 443. */
static int split_host_port(char *arg, char **host, char **port)
{
    static char https[] = "443";
    char *colon;
    *port = https;
    if (arg[0] == '[') {
        char *end = strchr(arg, ']');
        if (!end || (end[1] != '\0' && end[1] != ':')) return -1;
        *end = '\0';
        *host = arg + 1;
        if (end[1] == ':') *port = end + 2;
        return **host ? 0 : -1;
    }
    *host = arg;
    colon = strrchr(arg, ':');
    if (colon && strchr(arg, ':') == colon) { /* one colon: host:port, else bare IPv6 */
        *colon = '\0';
        *port = colon + 1;
    }
    return **host ? 0 : -1;
}

int client_setup(int argc, char **argv, char **host, char **port, nativecerts_options **opts)
{
    *opts = NULL;
    if ((argc != 2 && argc != 3) || split_host_port(argv[1], host, port) != 0) {
        fprintf(stderr, "usage: %s HOST[:PORT] [CAFILE]\n", argv[0]);
        return -1;
    }
    if (argc == 2) return 0; /* NULL options: what this machine trusts */
    /* Only CAFILE: no platform store, no SSL_CERT_FILE / SSL_CERT_DIR. */
    if (nativecerts_options_new(opts) != NATIVECERTS_OK ||
        nativecerts_options_set_skip_platform(*opts, 1) != NATIVECERTS_OK ||
        nativecerts_options_add_file(*opts, argv[2]) != NATIVECERTS_OK) {
        nativecerts_options_free(*opts);
        *opts = NULL;
        fprintf(stderr, "%s: out of memory\n", argv[0]);
        return -1;
    }
    return 0;
}

void client_report_roots(const nativecerts_result *roots, size_t skipped, const char *stack)
{
    for (size_t i = 0; i < nativecerts_result_error_count(roots); i++)
        fprintf(stderr, "warning: %s\n", nativecerts_result_error_message(roots, i));
    fprintf(stderr, "roots: %zu from nativecerts", nativecerts_result_count(roots));
    if (stack) fprintf(stderr, ", %zu skipped by %s", skipped, stack);
    fprintf(stderr, "\n");
    if (nativecerts_result_count(roots) == skipped)
        fprintf(stderr, "warning: no trusted root certificate; "
                        "`nativecerts sources` tells where it looked\n");
}

int client_tcp_connect(const char *host, const char *port)
{
    struct addrinfo hints, *list, *ai;
    int fd = -1;
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, port, &hints, &list) != 0) return -1;
    for (ai = list; ai && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd >= 0 && connect(fd, ai->ai_addr, ai->ai_addrlen) != 0) {
            close(fd);
            fd = -1;
        }
    }
    freeaddrinfo(list);
    return fd;
}

int client_is_ip_literal(const char *host)
{
    unsigned char buf[16];
    return inet_pton(AF_INET, host, buf) == 1 || inet_pton(AF_INET6, host, buf) == 1;
}
