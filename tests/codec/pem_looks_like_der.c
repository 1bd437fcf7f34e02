/* pem_looks_like_der: the test that tells a DER file from a PEM or text one, on the cases
 * of looks_like_der/cases.txt and on every fixture and PEM case file.
 *
 * Usage: pem_looks_like_der CASES_FILE CERT_DIR PEM_CASE_DIR */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case_files.h"
#include "codec/pem.h"

/* Every file of dir ending in suffix must (want 1) or must not (want 0) look like DER. */
static size_t check_dir(int *failures, const char *dir, const char *suffix, int want)
{
    size_t count;
    char **names = case_list_dir(dir, suffix, &count);
    for (size_t i = 0; i < count; i++) {
        char path[1024];
        size_t len;
        case_path(path, sizeof(path), dir, names[i], suffix);
        uint8_t *data = case_read_file(path, &len);
        uint8_t *exact = data == NULL ? NULL : case_exact_copy(data, len);
        if (data == NULL)
            case_fail(failures, path, "cannot read");
        else if ((nc__pem_looks_like_der(exact, len) != 0) != want)
            case_fail(failures, path, "want %s", want ? "DER" : "text");
        free(exact);
        free(data);
    }
    case_free_list(names, count);
    return count;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s CASES_FILE CERT_DIR PEM_CASE_DIR\n", argv[0]);
        return 2;
    }
    char *data = case_read_cases(argv[1]);
    int failures = 0;
    size_t count = 0;
    char *cursor = data, *line;
    while ((line = case_next_line(&cursor)) != NULL) {
        uint8_t bytes[64];
        int want = strncmp(line, "der", 3) == 0;
        if (!want && strncmp(line, "text", 4) != 0) {
            case_fail(&failures, line, "bad case line");
            continue;
        }
        long n = case_hex(line + (want ? 3 : 4), bytes, sizeof(bytes));
        if (n < 0) {
            case_fail(&failures, line, "bad hex");
            continue;
        }
        uint8_t *exact = case_exact_copy(bytes, (size_t)n);
        if ((nc__pem_looks_like_der(exact, (size_t)n) != 0) != want)
            case_fail(&failures, line, "want %s", want ? "DER" : "text");
        free(exact);
        count++;
    }
    free(data);
    size_t ders = check_dir(&failures, argv[2], ".der", 1);
    size_t pems = check_dir(&failures, argv[2], ".pem", 0);
    size_t ins = check_dir(&failures, argv[3], ".in", 0);
    printf("pem_looks_like_der: %zu cases, %zu + %zu + %zu files, %d failures\n", count, ders, pems,
           ins, failures);
    return failures == 0 && count > 0 && ders > 0 && pems > 0 && ins > 0 ? 0 : 1;
}
