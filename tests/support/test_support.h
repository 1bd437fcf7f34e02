/* Small helpers shared by the tests: checks that report file:line, temporary layouts,
 * fixtures, and questions about a result. Tests link the static library, so they may
 * also include internal headers from src/. */
#ifndef NC_TEST_SUPPORT_H
#define NC_TEST_SUPPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "nativecerts.h"

extern int nct_failures;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);               \
            nct_failures++;                                                                        \
        }                                                                                          \
    } while (0)

#define CHECK_EQ_SIZE(a, b)                                                                        \
    do {                                                                                           \
        size_t a_ = (a), b_ = (b);                                                                 \
        if (a_ != b_) {                                                                            \
            fprintf(stderr, "%s:%d: %s == %zu, expected %s == %zu\n", __FILE__, __LINE__, #a, a_,  \
                    #b, b_);                                                                       \
            nct_failures++;                                                                        \
        }                                                                                          \
    } while (0)

#define CHECK_STR(a, b)                                                                            \
    do {                                                                                           \
        const char *a_ = (a), *b_ = (b);                                                           \
        if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                                   \
            fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #a,      \
                    a_ ? a_ : "(null)", b_ ? b_ : "(null)");                                       \
            nct_failures++;                                                                        \
        }                                                                                          \
    } while (0)

/* Exit status for main: 0 when no check failed. */
int nct_done(void);
/* A program of named cases, each its own ctest ("PROGRAM CASE"): runs the case argv[1]
 * names and returns the exit status for main (2 for an unknown name). */
typedef struct nct_case {
    const char *name;
    void (*fn)(void);
} nct_case;
int nct_main(int argc, char **argv, const nct_case *cases, size_t n);

/* ctest's skip code (SKIP_RETURN_CODE 77), with a reason on stderr. */
int nct_skip(const char *why);

/* execv(path, args) of a program of this build: in a cross build, through the emulator
 * its tests run under (NC_EMULATOR: the emulator's path and arguments, space-separated),
 * as this machine's kernel runs no program of the target. Returns only on failure. */
void nct_execv(const char *path, char *const args[]);

/* A fresh directory under $TMPDIR or /tmp; removed (recursively) by nct_rmtree. */
void nct_tmpdir(char *out, size_t n);
void nct_rmtree(const char *path);
/* Creates the parent directories of path (inside an existing tree). */
void nct_mkparents(const char *path);
void nct_mkdir(const char *path);
void nct_write(const char *path, const void *data, size_t len);
/* Appends n bytes of p to the malloc'ed buffer *buf of *len bytes (exits when out of
 * memory): concatenated fixtures for bundles. */
void nct_append(unsigned char **buf, size_t *len, const void *p, size_t n);
void nct_write_str(const char *path, const char *text);
void nct_symlink(const char *target, const char *linkpath);

/* Bytes of tests/data/certs/<name> (e.g. "root-a.der"); exits on failure. Free them. */
unsigned char *nct_fixture(const char *name, size_t *len);
/* Writes fixture <name> to path. */
void nct_put_fixture(const char *name, const char *path);
/* Writes der to f as one PEM block with the given label, base64 line width (a
 * multiple of 4) and line end. */
void nct_put_pem(FILE *f, const unsigned char *der, size_t len, const char *label, int width,
                 const char *eol);

/* Reads a whole file; NULL when it cannot. */
unsigned char *nct_read_file(const char *path, size_t *len);

/* Index of der among the trusted certificates of r, or -1. */
long nct_find_trusted(const nativecerts_result *r, const unsigned char *der, size_t len);
/* Index of der among the excluded certificates of r, or -1. */
long nct_find_excluded(const nativecerts_result *r, const unsigned char *der, size_t len);
/* Whether der[0..len) is the bytes of fixture <name> (e.g. "root-a.der"). */
int nct_is_fixture(const unsigned char *der, size_t len, const char *name);
/* Index of fixture <name> among the trusted certificates of r, or -1. */
long nct_find_trusted_fixture(const nativecerts_result *r, const char *name);
/* The reason fixture <name> is excluded from r for, or 0 when it is not excluded. */
nativecerts_reason nct_excluded_reason(const nativecerts_result *r, const char *name);
/* Index of the first source named name, or -1. */
long nct_find_source(const nativecerts_result *r, const char *name);
/* Prints everything in r to stderr (for failing tests). */
void nct_dump(const nativecerts_result *r);

/* nativecerts_load(o), or exit(1) with the error code: for tests whose checks need a
 * result to look at. */
nativecerts_result *nct_load(const nativecerts_options *o);

/* Options for a test layout: root = dir, the given profile, env ignored. */
nativecerts_options *nct_layout_options(const char *root, const char *profile);

#endif
