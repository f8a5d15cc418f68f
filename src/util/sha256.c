/* sha256.c: SHA-256 via libcrypto's EVP interface.  Streams files in
 * fixed-size blocks; never holds a whole file and never writes anything. */
#include <errno.h>
#include <stdlib.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <unistd.h>

#include "msg.h"
#include "sha256.h"

struct kh_sha256 {
	EVP_MD_CTX *md;
};

struct kh_sha256 *kh_sha256_new(void)
{
	struct kh_sha256 *ctx = kh_xmalloc(sizeof *ctx);
	ctx->md = EVP_MD_CTX_new();
	if (!ctx->md || EVP_DigestInit_ex(ctx->md, EVP_sha256(), NULL) != 1) {
		kh_error("libcrypto: SHA-256 unavailable");
		abort();
	}
	return ctx;
}

void kh_sha256_update(struct kh_sha256 *ctx, const void *data, size_t len)
{
	EVP_DigestUpdate(ctx->md, data, len);
}

void kh_sha256_finish(struct kh_sha256 *ctx, char hex[65])
{
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	static const char digits[] = "0123456789abcdef";
	EVP_DigestFinal_ex(ctx->md, digest, &n);
	for (unsigned int i = 0; i < 32; i++) {
		hex[2 * i] = digits[digest[i] >> 4];
		hex[2 * i + 1] = digits[digest[i] & 15];
	}
	hex[64] = '\0';
	kh_sha256_free(ctx);
}

void kh_sha256_free(struct kh_sha256 *ctx)
{
	if (!ctx)
		return;
	EVP_MD_CTX_free(ctx->md);
	free(ctx);
}

int kh_sha256_file(const char *path, char hex[65])
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct kh_sha256 *ctx = kh_sha256_new();
	unsigned char block[65536];
	for (;;) {
		ssize_t n = read(fd, block, sizeof block);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int saved = errno;
			close(fd);
			kh_sha256_free(ctx);
			errno = saved;
			return -1;
		}
		if (n == 0)
			break;
		kh_sha256_update(ctx, block, (size_t)n);
	}
	close(fd);
	kh_sha256_finish(ctx, hex);
	return 0;
}
