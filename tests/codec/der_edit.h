/* der_edit: the DER case file (der/cases.txt), one case a line "TITLE | INPUT | EXPECTED
 * [| REASON]", whose INPUT is raw bytes or a certificate of data/certs with edits of its
 * elements named as RFC 5280 names them. The grammar is at the head of der/cases.txt;
 * der_edit.c reads the lines and builds the inputs. */
#ifndef NC_TESTS_DER_EDIT_H
#define NC_TESTS_DER_EDIT_H

#include <stddef.h>
#include <stdint.h>

/* Named byte strings ("define NAME BYTES" lines) that "$NAME" stands for in later BYTES. */
typedef struct der_edit_defines {
    struct {
        char *name, *text;
    } items[32];
    size_t n;
} der_edit_defines;

/* Records "NAME BYTES" (the text after "define "); returns 0, or -1 with a message in err
 * when the line is malformed or the table is full. */
int der_edit_define(der_edit_defines *defs, const char *line, char *err, size_t err_size);
void der_edit_free_defines(der_edit_defines *defs);

/* Builds the bytes an input text stands for: "bytes BYTES", or "BASE" or "BASE with EDIT,
 * EDIT..." where BASE names cert_dir/BASE.der. Returns a malloc'd buffer (at least one byte
 * allocated) and its length in *len, or NULL with a message in err. */
uint8_t *der_edit_build(const char *input, const char *cert_dir, const der_edit_defines *defs,
                        size_t *len, char *err, size_t err_size);

/* One case of a DER case file, its input built. */
typedef struct der_case {
    const char *title, *expected, *reason; /* reason: NULL when the line has none */
    const uint8_t *data;
    size_t len;
} der_case;

/* Calls fn for every case line of the case file at path (case_next_line's lines; "define"
 * lines are read too), each input built against cert_dir. A malformed line, an input that
 * cannot be built or a title given twice is a case_fail. Returns the number of case lines;
 * exits when the file cannot be read. */
size_t der_case_file_run(const char *path, const char *cert_dir, int *failures,
                         void (*fn)(void *arg, int *failures, const der_case *c), void *arg);

/* The input of the case titled title in the case file at path (malloc'd, its length in
 * *len), or NULL, with a message on stderr, when there is no such case or it fails. */
uint8_t *der_case_input(const char *path, const char *title, const char *cert_dir, size_t *len);

#endif
