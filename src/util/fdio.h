/* fdio.h: writing to file descriptors, for the few places that bypass
 * stdio (the external sort's runs, outfile's copy to a descriptor).
 * Never opens, closes or seeks a descriptor it is given. */
#ifndef KAOHE_FDIO_H
#define KAOHE_FDIO_H

#include <stddef.h>

/* Writes all len bytes of buf to fd, again after short writes and EINTR.
 * 0, or -1 with errno set (EIO when write(2) wrote nothing). */
int kh_write_all(int fd, const void *buf, size_t len);

#endif
