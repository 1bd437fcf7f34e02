/* Attribute type names as OpenSSL prints them in names (X509_NAME_print_ex with
 * XN_FLAG_FN_SN): the short name of a type it knows, else the dotted OID. */
#include <string.h>

#include "codec/x509_name.h"

/* The types of OpenSSL 3's object table (crypto/objects/objects.txt) under the arcs
 * that name attributes use, by their last arc. Types elsewhere print as dotted OIDs
 * here; OpenSSL would name the ones it knows (an algorithm OID used as an attribute
 * type, say), which no real certificate does. */

/* 2.5.4.N: X.520 / RFC 4519 attribute types. */
static const char *const x520[] = {
    [3] = "CN",
    [4] = "SN",
    [5] = "serialNumber",
    [6] = "C",
    [7] = "L",
    [8] = "ST",
    [9] = "street",
    [10] = "O",
    [11] = "OU",
    [12] = "title",
    [13] = "description",
    [14] = "searchGuide",
    [15] = "businessCategory",
    [16] = "postalAddress",
    [17] = "postalCode",
    [18] = "postOfficeBox",
    [19] = "physicalDeliveryOfficeName",
    [20] = "telephoneNumber",
    [21] = "telexNumber",
    [22] = "teletexTerminalIdentifier",
    [23] = "facsimileTelephoneNumber",
    [24] = "x121Address",
    [25] = "internationaliSDNNumber",
    [26] = "registeredAddress",
    [27] = "destinationIndicator",
    [28] = "preferredDeliveryMethod",
    [29] = "presentationAddress",
    [30] = "supportedApplicationContext",
    [31] = "member",
    [32] = "owner",
    [33] = "roleOccupant",
    [34] = "seeAlso",
    [35] = "userPassword",
    [36] = "userCertificate",
    [37] = "cACertificate",
    [38] = "authorityRevocationList",
    [39] = "certificateRevocationList",
    [40] = "crossCertificatePair",
    [41] = "name",
    [42] = "GN",
    [43] = "initials",
    [44] = "generationQualifier",
    [45] = "x500UniqueIdentifier",
    [46] = "dnQualifier",
    [47] = "enhancedSearchGuide",
    [48] = "protocolInformation",
    [49] = "distinguishedName",
    [50] = "uniqueMember",
    [51] = "houseIdentifier",
    [52] = "supportedAlgorithms",
    [53] = "deltaRevocationList",
    [54] = "dmdName",
    [65] = "pseudonym",
    [72] = "role",
    [97] = "organizationIdentifier",
    [98] = "c3",
    [99] = "n3",
    [100] = "dnsName",
};

/* 0.9.2342.19200300.100.1.N: RFC 1274 / RFC 4519 "pilot" attributes (UID, DC). */
static const char *const pilot[] = {
    [1] = "UID",
    [2] = "textEncodedORAddress",
    [3] = "mail",
    [4] = "info",
    [5] = "favouriteDrink",
    [6] = "roomNumber",
    [7] = "photo",
    [8] = "userClass",
    [9] = "host",
    [10] = "manager",
    [11] = "documentIdentifier",
    [12] = "documentTitle",
    [13] = "documentVersion",
    [14] = "documentAuthor",
    [15] = "documentLocation",
    [20] = "homeTelephoneNumber",
    [21] = "secretary",
    [22] = "otherMailbox",
    [23] = "lastModifiedTime",
    [24] = "lastModifiedBy",
    [25] = "DC",
    [26] = "aRecord",
    [27] = "pilotAttributeType27",
    [28] = "mXRecord",
    [29] = "nSRecord",
    [30] = "sOARecord",
    [31] = "cNAMERecord",
    [37] = "associatedDomain",
    [38] = "associatedName",
    [39] = "homePostalAddress",
    [40] = "personalTitle",
    [41] = "mobileTelephoneNumber",
    [42] = "pagerTelephoneNumber",
    [43] = "friendlyCountryName",
    [44] = "uid",
    [45] = "organizationalStatus",
    [46] = "janetMailbox",
    [47] = "mailPreferenceOption",
    [48] = "buildingName",
    [49] = "dSAQuality",
    [50] = "singleLevelQuality",
    [51] = "subtreeMinimumQuality",
    [52] = "subtreeMaximumQuality",
    [53] = "personalSignature",
    [54] = "dITRedirect",
    [55] = "audio",
    [56] = "documentPublisher",
};

/* 1.2.840.113549.1.9.N: PKCS #9 (RFC 2985). */
static const char *const pkcs9[] = {
    [1] = "emailAddress",      [2] = "unstructuredName",    [3] = "contentType",
    [4] = "messageDigest",     [5] = "signingTime",         [6] = "countersignature",
    [7] = "challengePassword", [8] = "unstructuredAddress", [9] = "extendedCertificateAttributes",
    [14] = "extReq",           [15] = "SMIME-CAPS",         [16] = "SMIME",
    [20] = "friendlyName",     [21] = "localKeyID",
};

/* 1.3.6.1.4.1.311.60.2.1.N: jurisdiction of incorporation (CA/Browser Forum EV). */
static const char *const jurisdiction[] = {
    [1] = "jurisdictionL",
    [2] = "jurisdictionST",
    [3] = "jurisdictionC",
};

/* 1.3.6.1.5.5.7.9.N: PKIX personal data attributes (RFC 3739). */
static const char *const pda[] = {
    [1] = "id-pda-dateOfBirth",          [2] = "id-pda-placeOfBirth",       [3] = "id-pda-gender",
    [4] = "id-pda-countryOfCitizenship", [5] = "id-pda-countryOfResidence",
};

/* 1.2.643.100.N: Russian registration numbers of qualified certificates (and, to keep
 * the arc whole, the signing-tool types OpenSSL also names there). */
static const char *const ru_ids[] = {
    [1] = "OGRN",
    [3] = "SNILS",
    [5] = "OGRNIP",
    [111] = "subjectSignTool",
    [112] = "issuerSignTool",
    [113] = "classSignTool",
};

#define ARC(prefix, names)                                                                         \
    {                                                                                              \
        prefix, sizeof(prefix) - 1, names, sizeof(names) / sizeof(names[0])                        \
    }

static const struct attr_arc {
    const char *prefix; /* the dotted arc, with its final dot */
    size_t prefix_len;
    const char *const *names;
    size_t count;
} arcs[] = {
    ARC("2.5.4.", x520),
    ARC("0.9.2342.19200300.100.1.", pilot),
    ARC("1.2.840.113549.1.9.", pkcs9),
    ARC("1.3.6.1.4.1.311.60.2.1.", jurisdiction),
    ARC("1.3.6.1.5.5.7.9.", pda),
    ARC("1.2.643.100.", ru_ids),
};

/* Types that are alone in their arc. */
static const struct attr_single {
    const char *oid;
    const char *name;
} singles[] = {
    {"1.2.643.3.131.1.1", "INN"}, /* Russian taxpayer number */
    {"1.3.6.1.5.5.7.9", "id-pda"},
};

static const char *short_name(const char *dotted)
{
    for (size_t i = 0; i < sizeof(arcs) / sizeof(arcs[0]); i++) {
        const struct attr_arc *a = &arcs[i];
        if (strncmp(dotted, a->prefix, a->prefix_len) != 0) continue;
        size_t last = 0;
        const char *p = dotted + a->prefix_len;
        for (; *p >= '0' && *p <= '9' && last < a->count; p++)
            last = last * 10 + (size_t)(*p - '0');
        if (*p == '\0' && p != dotted + a->prefix_len && last < a->count) return a->names[last];
        return NULL;
    }
    for (size_t i = 0; i < sizeof(singles) / sizeof(singles[0]); i++)
        if (strcmp(dotted, singles[i].oid) == 0) return singles[i].name;
    return NULL;
}

/* OpenSSL's OBJ_obj2txt prints nothing for an OID longer than this (RFC 2578's bound:
 * 128 sub-identifiers of 32 bits), and its caller prints what it got. */
#define OID_PRINT_MAX 586
/* One arc of the longest printable OID, in base-10^9 limbs: 586 * 7 bits < 140 * 29.8. */
#define ARC_LIMBS 140
#define LIMB_BASE 1000000000u

typedef struct dotted_text {
    char *buf;
    size_t len; /* at most NC__X509_ATTR_NAME_MAX - 1: OpenSSL's buffer cuts there */
} dotted_text;

static void put_char(dotted_text *t, char c)
{
    if (t->len < NC__X509_ATTR_NAME_MAX - 1) t->buf[t->len++] = c;
}

static void put_digits(dotted_text *t, uint32_t v, int width)
{
    char digits[10];
    int n = 0;
    do {
        digits[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0 || n < width);
    while (n > 0)
        put_char(t, digits[--n]);
}

/* An arc of any size (OpenSSL switches to a bignum past 64 bits). */
typedef struct arc_value {
    uint32_t limb[ARC_LIMBS]; /* least significant first */
    size_t used;
} arc_value;

static void arc_read(arc_value *v, const uint8_t *p, size_t n)
{
    v->limb[0] = 0;
    v->used = 1;
    for (size_t i = 0; i < n; i++) {
        uint32_t carry = p[i] & 0x7F;
        for (size_t k = 0; k < v->used; k++) {
            uint64_t x = (uint64_t)v->limb[k] * 128 + carry;
            v->limb[k] = (uint32_t)(x % LIMB_BASE);
            carry = (uint32_t)(x / LIMB_BASE);
        }
        if (carry != 0 && v->used < ARC_LIMBS) v->limb[v->used++] = carry;
    }
}

/* Subtracts d (<= the value) from v. */
static void arc_subtract(arc_value *v, uint32_t d)
{
    for (size_t k = 0; k < v->used && d != 0; k++) {
        if (v->limb[k] >= d) {
            v->limb[k] -= d;
            d = 0;
        } else {
            v->limb[k] += LIMB_BASE - d;
            d = 1;
        }
    }
    while (v->used > 1 && v->limb[v->used - 1] == 0)
        v->used--;
}

static void arc_put(dotted_text *t, const arc_value *v)
{
    put_digits(t, v->limb[v->used - 1], 1);
    for (size_t k = v->used - 1; k-- > 0;)
        put_digits(t, v->limb[k], 9);
}

/* The dotted form, as OBJ_obj2txt(buf, 80, oid, 1) writes it. */
static void dotted(dotted_text *t, const uint8_t *oid, size_t len)
{
    if (len > OID_PRINT_MAX) return;
    arc_value v;
    int first = 1;
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        if (oid[i] & 0x80) continue; /* not the last byte of this arc */
        arc_read(&v, oid + start, i + 1 - start);
        start = i + 1;
        if (first) {
            /* The first sub-identifier packs two arcs: 40 * X + Y, X in 0..2. */
            uint32_t x = v.used == 1 && v.limb[0] < 80 ? v.limb[0] / 40 : 2;
            arc_subtract(&v, 40 * x);
            put_char(t, (char)('0' + x));
            first = 0;
        }
        put_char(t, '.');
        arc_put(t, &v);
    }
}

int nc__x509_attr_name(const uint8_t *oid, size_t len, char out[NC__X509_ATTR_NAME_MAX])
{
    dotted_text t = {out, 0};
    dotted(&t, oid, len);
    out[t.len] = '\0';
    const char *name = short_name(out);
    if (name == NULL) return 0;
    size_t n = strlen(name);
    if (n > NC__X509_ATTR_NAME_MAX - 1) n = NC__X509_ATTR_NAME_MAX - 1;
    memcpy(out, name, n);
    out[n] = '\0';
    return 1;
}
