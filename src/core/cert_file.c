/* From bytes to certificates with verdicts: PEM blocks or one DER certificate, each
 * validated as DER, TRUSTED CERTIFICATE aux data evaluated for server authentication. */
#include "core/cert_file.h"

#include "codec/der.h"
#include "codec/pem.h"
#include "codec/trust_aux.h"
#include "core/collect_state.h"

/* The file's path in the string pool, stored at its first certificate only (a file of
 * none adds no string). NC__NONE after an allocation failure. */
static uint32_t file_path(nc__collect *c, uint32_t *path_id, const char *path)
{
    if (*path_id == NC__NONE) *path_id = nc__collect_str(c, path);
    return *path_id;
}

/* Reports the parse error before + err + after. Damage around a certificate that was
 * recognised all the same says so, and leaves its distrust place complete. */
static void report(nc__collect *c, uint32_t source, const char *path, unsigned long line,
                   int recognised, const char *before, nc__der_err fault, const char *after)
{
    const char *err = nc__der_err_message(fault);
    if (recognised)
        nc__collect_error_recognised(c, source, NATIVECERTS_ERROR_PARSE, path, line, 0,
                                     "%s%s%s; the certificate is distrusted all the same", before,
                                     err, after);
    else
        nc__collect_error(c, source, NATIVECERTS_ERROR_PARSE, path, line, 0, "%s%s%s", before, err,
                          after);
}

/* Adds der[0..len) when it is one valid certificate. Returns NC__DER_OK, or the check's fault;
 * *cert is the certificate's index when it was added or seen before (NC__NONE otherwise).
 * Bytes collected before were valid then (or recognised in a distrust role only, as their
 * extendedKeyUsage says): only new ones are checked.
 *
 * In a distrust role, a certificate is recognised as leniently as OpenSSL's d2i_X509 reads
 * it, so that damage in a distrust file does not lose its distrust: bytes that begin with
 * a certificate (their first element, which d2i_X509 reads and stops after) distrust it,
 * whatever follows, and so does a certificate whose only fault is its extendedKeyUsage
 * (which d2i_X509 does not look into). The fault is then still returned, as damage to
 * report, and *recognised is set. Nothing is recognised where the check is stricter than
 * d2i_X509 (indefinite lengths, ...): that stays an error, and the place incomplete. */
static nc__der_err add_cert(nc__collect *c, uint32_t source, uint32_t *path_id, const char *path,
                            const uint8_t *der, size_t len, nc__verdict verdict, nc__role role,
                            uint32_t *cert, int *recognised)
{
    *cert = NC__NONE;
    *recognised = 0;
    if (file_path(c, path_id, path) == NC__NONE) return NC__DER_OK;
    uint32_t hash;
    uint32_t known = nc__collect_find_der(c, der, len, &hash);
    if (known != NC__NONE &&
        (role == NC__ROLE_DISTRUST || c->certs[known].eku != NC__EKU_MALFORMED)) {
        if (nc__collect_sighting(c, known, source, *path_id, verdict, role) == 0) *cert = known;
        return NC__DER_OK;
    }
    nc__cert_limits info;
    nc__der_err err = nc__der_check_certificate(der, len, &info);
    if (!err || role != NC__ROLE_DISTRUST) {
        if (!err &&
            nc__collect_cert_hashed(c, source, *path_id, der, len, hash, &info, verdict, role) == 0)
            *cert = (uint32_t)c->ncerts - 1;
        return err;
    }
    size_t lead = nc__der_element_length(der, len);
    if (lead == 0) return err;
    if (lead < len) {
        /* Only the first element is read, as d2i_X509 reads it. */
        if (nc__der_check_certificate(der, lead, &info) != NC__DER_OK &&
            info.eku != NC__EKU_MALFORMED)
            return err;
        known = nc__collect_find_der(c, der, lead, &hash);
    } else if (info.eku != NC__EKU_MALFORMED) {
        return err;
    }
    /* Damaged bytes never trust, not even when this file is reused in a trust role. */
    int failed = known != NC__NONE ? nc__collect_sighting(c, known, source, *path_id,
                                                          NC__VERDICT_DISTRUSTED, role)
                                   : nc__collect_cert_hashed(c, source, *path_id, der, lead, hash,
                                                             &info, NC__VERDICT_DISTRUSTED, role);
    if (!failed) {
        *cert = known != NC__NONE ? known : (uint32_t)c->ncerts - 1;
        *recognised = 1;
    }
    return err;
}

/* A TRUSTED CERTIFICATE block: the certificate, then OpenSSL's aux trust data.
 *
 * In a trust role, a damaged aux must not turn into trust: any error in it drops the
 * whole block. In a distrust role the certificate is distrusted whatever its aux says
 * (a trust list naming serverAuth included: a distrust place distrusts what it holds),
 * as OpenSSL's PEM_read_bio_X509 reads such a block (the certificate alone, the aux
 * unread): so damage in the aux cannot widen trust there, the certificate counts, and
 * the damage is reported. */
static void add_trusted_block(nc__collect *c, uint32_t source, uint32_t *path_id, const char *path,
                              const nc__pem_block *b, nc__role role)
{
    size_t cert_len = nc__der_element_length(b->der, b->der_len);
    nc__aux_verdict v = NC__AUX_TRUSTED;
    nc__der_err aux_err = cert_len
                              ? nc__trust_aux_evaluate(b->der + cert_len, b->der_len - cert_len, &v)
                              : NC__DER_OK;
    uint32_t cert;
    int recognised = 0;
    nc__der_err err = aux_err;
    if (!cert_len) {
        /* Without a complete first element, the full check says what is wrong with it. */
        nc__cert_limits info;
        err = nc__der_check_certificate(b->der, b->der_len, &info);
    } else if (!aux_err || role == NC__ROLE_DISTRUST) {
        /* Damaged trust data never trusts, not even when this file is reused in a trust
         * role. */
        nc__verdict verdict = aux_err || v == NC__AUX_DISTRUSTED ? NC__VERDICT_DISTRUSTED
                              : v == NC__AUX_TRUSTED             ? NC__VERDICT_TRUSTED
                              : v == NC__AUX_TRUSTED_EXPLICITLY  ? NC__VERDICT_TRUSTED_EXPLICITLY
                                                                 : NC__VERDICT_NOT_SERVER;
        nc__der_err cert_err =
            add_cert(c, source, path_id, path, b->der, cert_len, verdict, role, &cert, &recognised);
        if (cert_err)
            err = cert_err;
        else if (aux_err)
            recognised = cert != NC__NONE;
    }
    if (err) report(c, source, path, b->line, recognised, "", err, " in TRUSTED CERTIFICATE block");
}

void nc__cert_file_parse(nc__collect *c, uint32_t source, const char *path, uint8_t *buf,
                         size_t len, nc__role role)
{
    uint32_t path_id = NC__NONE, cert;
    int recognised;
    if (nc__pem_looks_like_der(buf, len)) {
        nc__der_err err = add_cert(c, source, &path_id, path, buf, len, NC__VERDICT_TRUSTED, role,
                                   &cert, &recognised);
        if (err) report(c, source, path, 0, recognised, "not a valid DER certificate: ", err, "");
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
            nc__der_err err = add_cert(c, source, &path_id, path, b.der, b.der_len,
                                       NC__VERDICT_TRUSTED, role, &cert, &recognised);
            /* Only a block that is exactly a certificate stands for it by its text. */
            if (err)
                report(c, source, path, b.line, recognised, "", err, " in CERTIFICATE block");
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

void nc__cert_file_parse_read(nc__collect *c, uint32_t file, uint32_t source, const char *path,
                              uint8_t *buf, size_t len, nc__role role)
{
    c->files_read++;
    c->bytes_read += len;
    size_t occ_start = c->nocc, errors_before = c->unknown_errors;
    nc__cert_file_parse(c, source, path, buf, len, role);
    if (c->unknown_errors != errors_before) c->seen[file].damaged = 1;
    c->seen[file].occ_start = (uint32_t)occ_start;
    c->seen[file].occ_end = (uint32_t)c->nocc;
}
