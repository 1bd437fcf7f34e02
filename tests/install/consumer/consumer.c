/* A program built against an installed nativecerts (by install_test.sh, once through
 * pkg-config and once through find_package): loads the given files only and checks the
 * number of trusted roots, and that the library linked is the one the header describes.
 *
 *   consumer EXPECTED_COUNT FILE... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nativecerts.h>

#define STR2(x) #x
#define STR(x) STR2(x)
#define HEADER_VERSION                                                                             \
    STR(NATIVECERTS_VERSION_MAJOR)                                                                 \
    "." STR(NATIVECERTS_VERSION_MINOR) "." STR(NATIVECERTS_VERSION_PATCH)

int main(int argc, char **argv)
{
    nativecerts_options *opts = NULL;
    nativecerts_result *r = NULL;
    size_t want, count, errors;
    int status = 1;

    if (argc < 3) {
        fprintf(stderr, "usage: consumer EXPECTED_COUNT FILE...\n");
        return 2;
    }
    want = (size_t)strtoul(argv[1], NULL, 10);
    if (strcmp(nativecerts_version(), HEADER_VERSION) != 0) {
        fprintf(stderr, "library %s, header %s\n", nativecerts_version(), HEADER_VERSION);
        return 1;
    }
    if (nativecerts_options_new(&opts) != NATIVECERTS_OK ||
        nativecerts_options_set_skip_platform(opts, 1) != NATIVECERTS_OK)
        goto done;
    for (int i = 2; i < argc; i++)
        if (nativecerts_options_add_file(opts, argv[i]) != NATIVECERTS_OK) goto done;
    if (nativecerts_load(opts, &r) != NATIVECERTS_OK) goto done;

    count = nativecerts_result_count(r);
    errors = nativecerts_result_error_count(r);
    for (size_t i = 0; i < errors; i++)
        fprintf(stderr, "error: %s\n", nativecerts_result_error_message(r, i));
    printf("nativecerts %s: %zu trusted, %zu errors\n", nativecerts_version(), count, errors);
    if (count == want && errors == 0) status = 0;

done:
    nativecerts_result_free(r);
    nativecerts_options_free(opts);
    return status;
}
