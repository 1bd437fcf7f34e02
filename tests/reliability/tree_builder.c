/* Builds the reliability tests' store trees from the fixtures of tests/data/certs. */
#include "tree_builder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

void rel_put(const char *root, const char *rel, const char *const *fixtures)
{
    char path[4400];
    snprintf(path, sizeof path, "%s%s", root, rel);
    size_t total = 0;
    unsigned char *all = NULL;
    for (; *fixtures; fixtures++) {
        size_t len;
        unsigned char *p = nct_fixture(*fixtures, &len);
        nct_append(&all, &total, p, len);
        free(p);
    }
    nct_write(path, all, total);
    free(all);
}

void rel_text(const char *root, const char *rel, const char *text)
{
    char path[4400];
    snprintf(path, sizeof path, "%s%s", root, rel);
    nct_write_str(path, text);
}

void rel_link(const char *root, const char *target, const char *rel)
{
    char path[4400];
    snprintf(path, sizeof path, "%s%s", root, rel);
    nct_symlink(target, path);
}

#define FIXTURES(...) ((const char *const[]){__VA_ARGS__, NULL})

void rel_make_mixed_layout(const char *root)
{
    rel_put(root, "/usr/local/etc/ssl/cert.pem",
            FIXTURES("root-a.pem", "root-b.reject-server.pem", "expired.pem"));
    rel_put(root, "/etc/ssl/certs/c.pem", FIXTURES("root-c.pem"));
    rel_put(root, "/etc/ssl/certs/b.der", FIXTURES("root-b.der"));
    rel_put(root, "/etc/ssl/certs/client.pem", FIXTURES("root-c.trust-client.pem"));
    rel_link(root, "c.pem", "/etc/ssl/certs/0c0c0c0c.0");
    rel_link(root, "/usr/local/etc/ssl/cert.pem", "/etc/ssl/certs/bundle.pem");
    rel_text(root, "/etc/ssl/certs/broken.pem",
             "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n");
    rel_text(root, "/etc/ssl/certs/README", "not a certificate\n");
    rel_put(root, "/usr/local/share/certs/n.pem", FIXTURES("not-yet-valid.pem"));
    rel_put(root, "/usr/local/share/certs/g.pem", FIXTURES("gen-2050.pem", "utc-2049.pem"));
    rel_put(root, "/etc/ssl/untrusted/c.pem", FIXTURES("root-c.pem"));
    rel_put(root, "/opt/extra/a.pem", FIXTURES("root-a.aux-alias.pem"));
    rel_put(root, "/opt/extradir/x.pem", FIXTURES("root-b.trust-any.pem"));
}
