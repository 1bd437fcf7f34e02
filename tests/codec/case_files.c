/* Helpers of the codec test runners (see case_files.h). */
#define _POSIX_C_SOURCE 200809L
#include "case_files.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint8_t *case_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) return NULL;
    size_t cap = 4096, n = 0;
    uint8_t *buf = malloc(cap + 1);
    for (;;) {
        if (buf == NULL) break;
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap) break;
        uint8_t *bigger = realloc(buf, cap * 2 + 1);
        if (bigger == NULL) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = bigger;
        cap *= 2;
    }
    if (buf != NULL && ferror(f)) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf != NULL) {
        buf[n] = 0;
        *len = n;
    }
    return buf;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **case_list_dir(const char *dir, const char *suffix, size_t *count)
{
    DIR *d = opendir(dir);
    size_t n = 0, cap = 16, suffix_len = strlen(suffix);
    char **names = malloc(cap * sizeof(*names));
    struct dirent *ent;
    *count = 0;
    if (d == NULL || names == NULL) {
        if (d != NULL) closedir(d);
        free(names);
        return NULL;
    }
    while ((ent = readdir(d)) != NULL) {
        size_t len = strlen(ent->d_name);
        if (len <= suffix_len || strcmp(ent->d_name + len - suffix_len, suffix) != 0) continue;
        if (n == cap) {
            char **bigger = realloc(names, cap * 2 * sizeof(*names));
            if (bigger == NULL) abort();
            names = bigger;
            cap *= 2;
        }
        names[n] = malloc(len - suffix_len + 1);
        if (names[n] == NULL) abort();
        memcpy(names[n], ent->d_name, len - suffix_len);
        names[n][len - suffix_len] = '\0';
        n++;
    }
    closedir(d);
    qsort(names, n, sizeof(*names), compare_names);
    *count = n;
    return names;
}

void case_free_list(char **names, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(names[i]);
    free(names);
}

void case_path(char *out, size_t size, const char *dir, const char *name, const char *suffix)
{
    int n = snprintf(out, size, "%s/%s%s", dir, name, suffix);
    if (n < 0 || (size_t)n >= size) {
        fprintf(stderr, "path too long: %s/%s%s\n", dir, name, suffix);
        abort();
    }
}

char *case_next_line(char **cursor)
{
    while (**cursor != '\0') {
        char *line = *cursor;
        char *eol = strchr(line, '\n');
        if (eol != NULL) {
            *eol = '\0';
            *cursor = eol + 1;
        } else {
            *cursor = line + strlen(line);
        }
        size_t n = strlen(line);
        while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == '\r'))
            line[--n] = '\0';
        while (*line == ' ' || *line == '\t')
            line++;
        if (*line != '\0' && *line != '#') return line;
    }
    return NULL;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

long case_hex(const char *hex, uint8_t *out, size_t size)
{
    size_t n = 0;
    while (*hex != '\0') {
        if (*hex == ' ' || *hex == '\t') {
            hex++;
            continue;
        }
        int hi = hex_digit(hex[0]), lo = hi < 0 ? -1 : hex_digit(hex[1]);
        if (hi < 0 || lo < 0 || n == size) return -1;
        out[n++] = (uint8_t)(hi * 16 + lo);
        hex += 2;
    }
    return (long)n;
}

int case_run_lines(const char *name, const char *path,
                   void (*run)(int *failures, const char *arg, char *line), const char *arg)
{
    char *data = case_read_cases(path);
    int failures = 0, count = 0;
    char *cursor = data, *line;
    while ((line = case_next_line(&cursor)) != NULL) {
        run(&failures, arg, line);
        count++;
    }
    free(data);
    printf("%s: %d cases, %d failures\n", name, count, failures);
    return failures == 0 && count > 0 ? 0 : 1;
}

void case_fail(int *failures, const char *case_name, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "FAIL %s: ", case_name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    (*failures)++;
}

uint8_t *case_exact_copy(const uint8_t *data, size_t len)
{
    uint8_t *copy = malloc(len > 0 ? len : 1);
    if (copy == NULL) abort();
    if (len > 0) memcpy(copy, data, len);
    return copy;
}

void case_check_orphans(int *failures, const char *dir, const char *expect_suffix,
                        const char *input_suffix)
{
    size_t count;
    char **names = case_list_dir(dir, expect_suffix, &count);
    for (size_t i = 0; i < count; i++) {
        char path[1024];
        size_t len;
        case_path(path, sizeof(path), dir, names[i], input_suffix);
        uint8_t *data = case_read_file(path, &len);
        if (data == NULL) case_fail(failures, names[i], "%s without %s", expect_suffix, path);
        free(data);
    }
    case_free_list(names, count);
}

char *case_read_cases(const char *path)
{
    size_t len;
    uint8_t *data = case_read_file(path, &len);
    if (data == NULL) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(1);
    }
    return (char *)data;
}
