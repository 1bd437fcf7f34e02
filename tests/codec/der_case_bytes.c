/* der_case_bytes: writes the input of every case of a DER case file (der/cases.txt) as
 * OUT_DIR/TITLE.der, for what wants them as files: the fuzz targets' seed corpora and
 * their replay in the normal build.
 *
 * Usage: der_case_bytes CASE_FILE CERT_DIR OUT_DIR */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

#include "case_files.h"
#include "der_edit.h"

static void write_case(void *arg, int *failures, const der_case *c)
{
    char path[1024];
    case_path(path, sizeof(path), arg, c->title, ".der");
    FILE *f = fopen(path, "wb");
    if (f == NULL || fwrite(c->data, 1, c->len, f) != c->len)
        case_fail(failures, c->title, "cannot write %s", path);
    if (f != NULL && fclose(f) != 0) case_fail(failures, c->title, "cannot write %s", path);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: %s CASE_FILE CERT_DIR OUT_DIR\n", argv[0]);
        return 2;
    }
    if (mkdir(argv[3], 0777) != 0 && errno != EEXIST) {
        perror(argv[3]);
        return 1;
    }
    int failures = 0;
    size_t cases = der_case_file_run(argv[1], argv[2], &failures, write_case, argv[3]);
    printf("der_case_bytes: %zu cases written to %s, %d failures\n", cases, argv[3], failures);
    return cases > 0 && failures == 0 ? 0 : 1;
}
