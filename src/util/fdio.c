/* fdio.c: writing to file descriptors (fdio.h).  Never opens, closes or
 * seeks a descriptor it is given. */
#include <errno.h>
#include <unistd.h>

#include "fdio.h"

int kh_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (w == 0)
				errno = EIO;
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}
