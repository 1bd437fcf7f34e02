/* What the codec test runners share: reading case files, listing a case directory,
 * parsing expectation lines, counting failures. Tests may allocate; the library may not. */
#ifndef NC_TESTS_CASE_FILES_H
#define NC_TESTS_CASE_FILES_H

#include <stddef.h>
#include <stdint.h>

/* Reads a whole file; returns a malloc'd buffer (one spare NUL byte after len) or NULL. */
uint8_t *case_read_file(const char *path, size_t *len);

/* The whole of a case file for case_next_line(), as case_read_file() gives it; exits
 * with a message when it cannot be read (a runner with no cases proves nothing). */
char *case_read_cases(const char *path);

/* Names in dir ending with suffix, sorted, suffix removed; *count set. Free with
 * case_free_list. Returns NULL (and count 0) when the directory cannot be read. */
char **case_list_dir(const char *dir, const char *suffix, size_t *count);
void case_free_list(char **names, size_t count);

/* Fails for every NAME + expect_suffix in dir without its NAME + input_suffix: an
 * expectation without its input would be a case that silently never runs. */
void case_check_orphans(int *failures, const char *dir, const char *expect_suffix,
                        const char *input_suffix);

/* Writes dir + "/" + name + suffix into out; aborts when it does not fit. */
void case_path(char *out, size_t size, const char *dir, const char *name, const char *suffix);

/* Splits buf (NUL-terminated) into lines in place: each call returns the next line that is
 * not empty and not a "#" comment, with trailing blanks cut, or NULL at the end. */
char *case_next_line(char **cursor);

/* Decodes hex digits (blanks allowed between pairs) into out; returns the byte count or
 * -1 when malformed or longer than size. */
long case_hex(const char *hex, uint8_t *out, size_t size);

/* Runs run(&failures, arg, line) for every case line of the case file at path (as
 * case_next_line gives them), prints "NAME: N cases, F failures" and returns the exit
 * status for main: 0 when there were cases and none failed. */
int case_run_lines(const char *name, const char *path,
                   void (*run)(int *failures, const char *arg, char *line), const char *arg);

/* Reports a failed expectation of a case on stderr and adds one to *failures. */
void case_fail(int *failures, const char *case_name, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* A copy of data[0..len) in a buffer of exactly len bytes (at least 1 allocated), so that
 * AddressSanitizer sees any read past the end. Aborts when out of memory. */
uint8_t *case_exact_copy(const uint8_t *data, size_t len);

#endif
