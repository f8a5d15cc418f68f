/* sha256.h: SHA-256 of files and byte streams through libcrypto, as
 * lowercase hex.  Never reads a whole file into memory. */
#ifndef KAOHE_SHA256_H
#define KAOHE_SHA256_H

#include <stddef.h>

/* A running digest, for hashing bytes while they are read for something
 * else (the import reader does this). */
struct kh_sha256;
struct kh_sha256 *kh_sha256_new(void);
void kh_sha256_update(struct kh_sha256 *ctx, const void *data, size_t len);
/* Writes 64 hex digits and a NUL into hex and frees ctx. */
void kh_sha256_finish(struct kh_sha256 *ctx, char hex[65]);
/* Frees ctx without a result (ctx may be NULL). */
void kh_sha256_free(struct kh_sha256 *ctx);

/* The digest of the file at path.  0, or -1 with errno set when the file
 * cannot be read. */
int kh_sha256_file(const char *path, char hex[65]);

#endif
