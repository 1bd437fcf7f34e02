/* x509_name_cases: the Name printer (src/codec/x509_name.c) on its edges.
 *
 *   x509_name_cases edges CASES     each line of CASES: LABEL HEX [= EXPECTED]. Where
 *                                   OpenSSL reads the Name, our text must be what
 *                                   X509_NAME_print_ex(XN_FLAG_RFC2253 & ~ESC_MSB) prints
 *                                   (and the line must not carry an expectation); where it
 *                                   refuses, the expectation written from our rule.
 *   x509_name_cases attribute-names every attribute type under the arcs of names (2.5.4.N,
 *                                   PKCS #9, pilot, EV jurisdiction, ...), N in 0..130, is
 *                                   named as OpenSSL names it (short name or dotted).
 *   x509_name_cases hash CASES...   each line of each CASES: LABEL HEX [= ...]. Where
 *                                   OpenSSL reads the Name, nativecerts_name_hash gives what
 *                                   X509_NAME_hash_ex gives (and the line has no "="); where
 *                                   it refuses, so does nativecerts_name_hash (and the line
 *                                   says so with "="). The printer's cases count too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/x509.h>

#include "case_files.h"
#include "codec/x509_name.h"
#include "nativecerts.h"
#include "openssl_names.h"

static int failures;

/* OpenSSL's text for a DER Name, or NULL when it refuses it. Free it. */
static char *openssl_text(const uint8_t *der, size_t len)
{
    const unsigned char *p = der;
    X509_NAME *nm = d2i_X509_NAME(NULL, &p, (long)len);
    if (nm == NULL || p != der + len) {
        X509_NAME_free(nm);
        return NULL;
    }
    char *s = oracle_name_text(nm);
    X509_NAME_free(nm);
    return s;
}

static void compare(const char *label, const uint8_t *der, size_t len, const char *expected)
{
    uint8_t *exact = case_exact_copy(der, len);
    size_t n = nc__x509_name_rfc4514(exact, len, NULL, 0);
    if (n == (size_t)-1) {
        case_fail(&failures, label, "refused as malformed; expected \"%s\"", expected);
    } else {
        char *ours = malloc(n + 1);
        if (ours == NULL) exit(99);
        nc__x509_name_rfc4514(exact, len, ours, n + 1);
        if (strlen(expected) != n || memcmp(ours, expected, n) != 0)
            case_fail(&failures, label, "\n  ours:     %s\n  expected: %s", ours, expected);
        free(ours);
    }
    free(exact);
}

/* Calls check(label, der, len, rest) for each line "LABEL HEX [REST]" of path (rest NULL
 * when the line has none); returns how many, or -1 when path cannot be read. */
typedef void (*case_check)(const char *label, const uint8_t *der, size_t len, const char *rest);

static int each_case(const char *path, case_check check)
{
    size_t size;
    char *text = (char *)case_read_file(path, &size);
    if (text == NULL) {
        fprintf(stderr, "cannot read %s\n", path);
        return -1;
    }
    char *cursor = text, *line;
    int count = 0;
    while ((line = case_next_line(&cursor)) != NULL) {
        char *label = strtok(line, " "), *hex = strtok(NULL, " ");
        char *rest = strtok(NULL, "");
        static uint8_t der[65536];
        long len = hex ? case_hex(hex, der, sizeof(der)) : -1;
        if (len < 0) {
            case_fail(&failures, label, "malformed hex");
            continue;
        }
        check(label, der, (size_t)len, rest);
        count++;
    }
    free(text);
    if (count == 0) case_fail(&failures, path, "no case");
    return count;
}

static void check_edge(const char *label, const uint8_t *der, size_t len, const char *rest)
{
    if (rest != NULL && strncmp(rest, "= ", 2) != 0) {
        case_fail(&failures, label, "malformed line");
        return;
    }
    const char *expected = rest ? rest + 2 : NULL;
    char *theirs = openssl_text(der, len);
    if (theirs != NULL && expected != NULL)
        case_fail(&failures, label, "OpenSSL reads it (\"%s\"): compare with it instead", theirs);
    else if (theirs == NULL && expected == NULL)
        case_fail(&failures, label, "OpenSSL refuses it: the line needs an expectation");
    else
        compare(label, der, len, theirs ? theirs : expected);
    free(theirs);
}

static int edges(const char *path)
{
    int count = each_case(path, check_edge);
    if (count < 0) return 2;
    printf("x509_name_cases edges: %d cases, %d failures\n", count, failures);
    return failures == 0 ? 0 : 1;
}

/* One Name of a hash case file: ours against OpenSSL's. */
static void compare_hash(const char *label, const uint8_t *der, size_t len, int refused)
{
    const unsigned char *p = der;
    X509_NAME *nm = d2i_X509_NAME(NULL, &p, (long)len);
    int theirs_ok = 0;
    unsigned long theirs = 0;
    if (nm != NULL && p == der + len) theirs = X509_NAME_hash_ex(nm, NULL, NULL, &theirs_ok);
    X509_NAME_free(nm);
    uint8_t *exact = case_exact_copy(der, len);
    uint32_t ours = 1;
    int rc = nativecerts_name_hash(exact, len, &ours);
    free(exact);
    if (theirs_ok && refused)
        case_fail(&failures, label, "OpenSSL reads it (%08lx): drop the \"=\"", theirs);
    else if (!theirs_ok && !refused)
        case_fail(&failures, label, "OpenSSL refuses it: the line needs \"= refused\"");
    else if (!theirs_ok && (rc != NATIVECERTS_EINVAL || ours != 0))
        case_fail(&failures, label, "OpenSSL refuses it; ours gives %d, %08lx", rc,
                  (unsigned long)ours);
    else if (theirs_ok && (rc != NATIVECERTS_OK || ours != theirs))
        case_fail(&failures, label, "ours %08lx (%d), OpenSSL %08lx", (unsigned long)ours, rc,
                  theirs);
}

static void check_hash(const char *label, const uint8_t *der, size_t len, const char *rest)
{
    if (rest != NULL && rest[0] != '=')
        case_fail(&failures, label, "malformed line");
    else
        compare_hash(label, der, len, rest != NULL);
}

static int hashes(int files, char **paths)
{
    int count = 0;
    for (int i = 0; i < files; i++) {
        int in_file = each_case(paths[i], check_hash);
        if (in_file < 0) return 2;
        count += in_file;
    }
    printf("x509_name_cases hash: %d names, %d failures\n", count, failures);
    return failures == 0 ? 0 : 1;
}

/* A Name of one attribute, type `arc` + "." + last, value UTF8String "x". */
static size_t one_attribute_name(uint8_t *out, const char *dotted_arc, unsigned last)
{
    char dotted[128];
    snprintf(dotted, sizeof(dotted), "%s.%u", dotted_arc, last);
    ASN1_OBJECT *obj = OBJ_txt2obj(dotted, 1);
    if (obj == NULL) exit(99);
    const unsigned char *oid = OBJ_get0_data(obj);
    size_t oid_len = OBJ_length(obj);
    /* 30 L 31 L 30 L 06 oid_len OID 0C 01 'x' (all short lengths) */
    size_t atv = 2 + oid_len + 3, atv_total = 2 + atv, set_total = 2 + atv_total;
    uint8_t *p = out;
    *p++ = 0x30, *p++ = (uint8_t)set_total;
    *p++ = 0x31, *p++ = (uint8_t)atv_total;
    *p++ = 0x30, *p++ = (uint8_t)atv;
    *p++ = 0x06, *p++ = (uint8_t)oid_len;
    memcpy(p, oid, oid_len);
    p += oid_len;
    *p++ = 0x0C, *p++ = 1, *p++ = 'x';
    ASN1_OBJECT_free(obj);
    return 2 + set_total;
}

static int attribute_names(void)
{
    static const char *const arcs[] = {
        "2.5.4",
        "0.9.2342.19200300.100.1",
        "1.2.840.113549.1.9",
        "1.3.6.1.4.1.311.60.2.1",
        "1.3.6.1.5.5.7.9",
        "1.2.643.100",
        "1.2.643.3.131.1", /* INN is .1 */
    };
    int count = 0;
    for (size_t a = 0; a < sizeof(arcs) / sizeof(arcs[0]); a++) {
        for (unsigned last = 0; last <= 130; last++) {
            uint8_t der[64];
            size_t len = one_attribute_name(der, arcs[a], last);
            char *theirs = openssl_text(der, len);
            char label[64];
            snprintf(label, sizeof(label), "%s.%u", arcs[a], last);
            if (theirs == NULL)
                case_fail(&failures, label, "OpenSSL refuses the name");
            else
                compare(label, der, len, theirs);
            free(theirs);
            count++;
        }
    }
    /* Types alone in their arc: id-pda is 1.3.6.1.5.5.7.9 (its siblings are not names). */
    uint8_t der[64];
    size_t len = one_attribute_name(der, "1.3.6.1.5.5.7", 9);
    char *theirs = openssl_text(der, len);
    if (theirs == NULL) exit(99);
    compare("1.3.6.1.5.5.7.9", der, len, theirs);
    free(theirs);
    count++;
    printf("x509_name_cases attribute-names: %d types, %d failures\n", count, failures);
    return failures == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "edges") == 0) return edges(argv[2]);
    if (argc == 2 && strcmp(argv[1], "attribute-names") == 0) return attribute_names();
    if (argc >= 3 && strcmp(argv[1], "hash") == 0) return hashes(argc - 2, argv + 2);
    fprintf(stderr, "usage: %s edges CASES | attribute-names | hash CASES...\n", argv[0]);
    return 2;
}
