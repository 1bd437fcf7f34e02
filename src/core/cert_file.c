/* From bytes to certificates with verdicts: PEM blocks or one DER certificate, each
 * validated as DER, TRUSTED CERTIFICATE aux data evaluated for server authentication. */
#include "core/cert_file.h"

#include "codec/der.h"
#include "codec/pem.h"
#include "codec/trust_aux.h"

/* The file's path in the string pool, stored at its first certificate only (a file of
 * none adds no string). NC__NONE after an allocation failure. */
static uint32_t file_path(nc__collect *c, uint32_t *path_id, const char *path)
{
    if (*path_id == NC__NONE) *path_id = nc__collect_str(c, path);
    return *path_id;
}

/* Adds der (one certificate) unless it is malformed. Bytes collected before were valid
 * then: only new ones are checked. Returns the check's message, or NULL; *cert is the
 * certificate's index when it was added or seen before (NC__NONE otherwise). */
static const char *add_cert(nc__collect *c, uint32_t source, uint32_t *path_id, const char *path,
                            const uint8_t *der, size_t len, nc__verdict verdict, nc__role role,
                            uint32_t *cert)
{
    *cert = NC__NONE;
    if (file_path(c, path_id, path) == NC__NONE) return NULL;
    uint32_t hash;
    uint32_t known = nc__collect_find_der(c, der, len, &hash);
    if (known != NC__NONE) {
        if (nc__collect_sighting(c, known, source, *path_id, verdict, role) == 0) *cert = known;
        return NULL;
    }
    nc__cert_info info;
    const char *err = nc__der_check_certificate(der, len, &info);
    if (!err && nc__collect_cert_hashed(c, source, *path_id, der, len, hash, info.not_before,
                                        info.not_after, verdict, role) == 0)
        *cert = (uint32_t)c->ncerts - 1;
    return err;
}

/* A TRUSTED CERTIFICATE block: the certificate, then OpenSSL's aux trust data. A damaged
 * aux must not turn into trust, so any error in it drops the whole block. */
static void add_trusted_block(nc__collect *c, uint32_t source, uint32_t *path_id, const char *path,
                              const nc__pem_block *b, nc__role role)
{
    size_t cert_len = nc__der_element_length(b->der, b->der_len);
    nc__cert_info info;
    /* The aux data first: a damaged one drops the block before anything is added. */
    nc__aux_verdict v = NC__AUX_TRUSTED;
    const char *err =
        cert_len ? nc__trust_aux_evaluate(b->der + cert_len, b->der_len - cert_len, &v) : NULL;
    /* Without a complete first element, the full check says what is wrong with it. */
    if (!err && !cert_len) err = nc__der_check_certificate(b->der, b->der_len, &info);
    if (!err) {
        nc__verdict verdict = v == NC__AUX_DISTRUSTED ? NC__VERDICT_DISTRUSTED
                              : v == NC__AUX_TRUSTED  ? NC__VERDICT_TRUSTED
                                                      : NC__VERDICT_NOT_SERVER;
        uint32_t cert;
        err = add_cert(c, source, path_id, path, b->der, cert_len, verdict, role, &cert);
    }
    if (err)
        nc__collect_error(c, source, NATIVECERTS_ERROR_PARSE, path, b->line, 0,
                          "%s in TRUSTED CERTIFICATE block", err);
}

void nc__cert_file_parse(nc__collect *c, uint32_t source, const char *path, uint8_t *buf,
                         size_t len, nc__role role)
{
    uint32_t path_id = NC__NONE, cert;
    if (nc__pem_looks_like_der(buf, len)) {
        const char *err =
            add_cert(c, source, &path_id, path, buf, len, NC__VERDICT_TRUSTED, role, &cert);
        if (err)
            nc__collect_error(c, source, NATIVECERTS_ERROR_PARSE, path, 0, 0,
                              "not a valid DER certificate: %s", err);
        return;
    }
    nc__pem_scanner s;
    nc__pem_block b;
    nc__pem_init(&s, buf, len);
    if (nc__known_text_begin_file(&c->known, &s) != 0) c->oom = 1;
    int sized = 0;
    while (!c->oom && nc__pem_next(&s, &b)) {
        /* At a file's first decoded certificate, room for what the rest of the file can
         * hold (three bytes of DER for four characters): a bundle sizes the DER pool
         * once instead of growing it by steps. A file without certificates reserves
         * nothing; what is not used is given back when reading ends. */
        if (!sized && (b.kind == NC__PEM_CERTIFICATE || b.kind == NC__PEM_TRUSTED)) {
            sized = 1;
            if (nc__collect_reserve_der(c, (len - b.text_off) / 4 * 3) != 0) break;
        }
        if (b.kind == NC__PEM_ERROR) {
            nc__collect_error(c, source, NATIVECERTS_ERROR_PARSE, path, b.line, 0, "%s", b.message);
        } else if (b.kind == NC__PEM_TRUSTED) {
            add_trusted_block(c, source, &path_id, path, &b, role);
        } else if (b.kind == NC__PEM_KNOWN) {
            /* The text of a block that gave this certificate: the same certificate. */
            if (file_path(c, &path_id, path) != NC__NONE)
                nc__collect_sighting(c, b.known, source, path_id, NC__VERDICT_TRUSTED, role);
        } else {
            const char *err = add_cert(c, source, &path_id, path, b.der, b.der_len,
                                       NC__VERDICT_TRUSTED, role, &cert);
            if (err)
                nc__collect_error(c, source, NATIVECERTS_ERROR_PARSE, path, b.line, 0,
                                  "%s in CERTIFICATE block", err);
            else if (cert != NC__NONE && nc__known_text_add(&c->known, buf, &b, cert) != 0)
                c->oom = 1;
        }
    }
    /* A bundle read into the read buffer is kept for the files after it. */
    int kept = nc__known_text_end_file(&c->known, buf, buf == c->scratch);
    if (kept < 0) c->oom = 1;
    if (kept > 0) {
        c->scratch = NULL;
        c->scratch_cap = 0;
    }
}

void nc__cert_file_parse_read(nc__collect *c, size_t seen, uint32_t source, const char *path,
                              uint8_t *buf, size_t len, nc__role role)
{
    c->files_read++;
    c->bytes_read += len;
    size_t occ_start = c->nocc, errors_before = c->nerrors;
    nc__cert_file_parse(c, source, path, buf, len, role);
    if (c->nerrors != errors_before) c->seen[seen].damaged = 1;
    c->seen[seen].occ_start = (uint32_t)occ_start;
    c->seen[seen].occ_end = (uint32_t)c->nocc;
}
