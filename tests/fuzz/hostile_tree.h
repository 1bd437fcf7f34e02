/* A small hostile tree made from fuzz input under a root directory, and a model of what
 * was made. The tree: files holding fixture certificates, damaged and mutated ones, raw
 * bytes; relative, absolute, escaping and hash-named links; directories, hard links,
 * FIFOs, device nodes; at the places the profiles read. It is built without following
 * any link (each directory opened O_NOFOLLOW, each entry created exclusively), so
 * nothing outside the root is created, whatever the links say. The model says what each
 * path is, so that what a load must find is known without resolving a link.
 *
 * The input: a flags byte (returned to the caller), then up to HT_MAX_OPS operations,
 * each an opcode, a place (an index into the table of places), a name in it (or the
 * place itself) and what the operation needs. tests/fuzz/load_seeds.py writes inputs. */
#ifndef NC_FUZZ_HOSTILE_TREE_H
#define NC_FUZZ_HOSTILE_TREE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define HT_MAX_OPS 12
#define HT_MAX_NODES 128
#define HT_PATH 256

typedef struct ht_blob {
    uint8_t *p;
    size_t n;
} ht_blob;

/* The fixture certificates (DER), by index: root-a, root-b, root-c, expired,
 * not-yet-valid, gen-2050, utc-2049. A file's content says which it holds by bit. */
#define HT_NCERTS 7
extern ht_blob ht_cert[HT_NCERTS];
extern const char *const ht_cert_name[HT_NCERTS];

/* Android's places (for uid 0, user 0). */
extern const char ht_apex_dir[], ht_system_dir[], ht_added_dir[], ht_removed_dir[];

/* Kept in the directory that holds the root: links that leave the root lead to them. */
extern const char ht_canary_names[3][16]; /* "canary.pem", "canary.der", "canary-dir" */

enum { HT_DIR = 1, HT_FILE, HT_LINK, HT_FIFO, HT_DEV };

typedef struct ht_content {
    unsigned certs;   /* bit per fixture certificate it holds */
    int wellformed;   /* made only of fixture files, byte for byte */
    int recognisable; /* a distrust role finds these certificates in it (well-formed, or
                         with bytes after a certificate, as d2i_X509 reads it) */
    char what[48];
} ht_content;

typedef struct ht_node {
    char path[HT_PATH]; /* inside the root: "/etc/ssl/certs" */
    int type;
    int content;              /* HT_FILE: index into ht_tree.content */
    char target[2 * HT_PATH]; /* HT_LINK: its text; HT_FILE: the file it is a hard link of */
} ht_node;

typedef struct ht_tree {
    ht_node node[HT_MAX_NODES];
    size_t nnodes;
    ht_content content[HT_MAX_OPS];
    size_t ncontents;
} ht_tree;

/* Reads the fixtures of data_dir (tests/data) and makes the table of places: every
 * path of every profile, and the directories above them. outside: the directory that
 * holds the root and the canaries, for the links that aim at them. */
void ht_init(const char *data_dir, const char *outside);

/* Builds the tree that data describes under root_fd, an empty directory, and its model
 * in t. Returns the input's flags byte. */
unsigned ht_build(ht_tree *t, int root_fd, const uint8_t *data, size_t size);

/* What path is in the tree, when that is known without resolving a link: HT_ABSENT (a
 * component missing, or one that is not a directory), HT_UNKNOWN (a link on the way),
 * or the type of the node, set in *node. */
enum { HT_ABSENT = 0, HT_UNKNOWN = -1 };
int ht_classify(const ht_tree *t, const char *path, const ht_node **node);

/* path is an entry of the directory dir; path is dir or below it. */
int ht_is_child(const char *path, const char *dir);
int ht_at_or_under(const char *path, const char *dir);

void ht_dump(const ht_tree *t, FILE *out);

/* Removes name (relative to dir_fd) and everything below it, never following a link. */
void ht_remove(int dir_fd, const char *name);

/* Appends a CERTIFICATE block of der to buf[*len..cap). */
void ht_append_pem(uint8_t *buf, size_t *len, size_t cap, const uint8_t *der, size_t n);

#endif
