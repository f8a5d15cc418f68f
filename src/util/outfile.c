/* outfile.c: output files for every command and renderer (outfile.h says
 * what happens for each kind of PATH).  It must never rename over, unlink
 * or truncate anything but a regular file it is replacing or a temporary
 * file it created itself. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "fdio.h"
#include "msg.h"
#include "outfile.h"

/* The descriptor a path names without the file system's help: "-" and the
 * /dev and /proc aliases of the process's own descriptors; -1 otherwise. */
static int own_descriptor(const char *path)
{
	static const char *const prefixes[] = { "/dev/fd/", "/proc/self/fd/", NULL };
	if (strcmp(path, "-") == 0 || strcmp(path, "/dev/stdout") == 0)
		return 1;
	if (strcmp(path, "/dev/stderr") == 0)
		return 2;
	for (int i = 0; prefixes[i]; i++) {
		size_t n = strlen(prefixes[i]);
		if (strncmp(path, prefixes[i], n) != 0)
			continue;
		const char *d = path + n;
		if (!*d || strlen(d) > 6 || strspn(d, "0123456789") != strlen(d))
			return -1;
		return atoi(d);
	}
	return -1;
}

static void release(struct kh_outfile *out)
{
	if (out->own_fd && out->fd >= 0)
		close(out->fd);
	free(out->tmp);
	free(out->name);
	free(out->final);
	memset(out, 0, sizeof *out);
	out->fd = -1;
}

static int default_mode(void)
{
	mode_t mask = umask(0);
	umask(mask);
	return 0666 & ~(int)mask;
}

/* A new temporary file: beside `beside` (so that rename stays on one file
 * system), or in $TMPDIR when beside is NULL.  Its descriptor, or -1. */
static int make_temp(struct kh_outfile *out, const char *beside)
{
	const char *dir = getenv("TMPDIR");
	if (beside)
		out->tmp = kh_xasprintf("%s.tmp-XXXXXX", beside);
	else
		out->tmp = kh_xasprintf("%s/kaohe-out.XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkostemp(out->tmp, O_CLOEXEC);
	if (fd < 0) {
		free(out->tmp);
		out->tmp = NULL;
	}
	return fd;
}

static int open_failed(struct kh_outfile *out, const char *path, const char *why)
{
	kh_error("%s: %s", path, why);
	release(out);
	return EX_CANTCREAT;
}

/* Set out up to write through descriptor fd (ours to close when own). */
static int through(struct kh_outfile *out, int fd, int own, int flags)
{
	out->fd = fd;
	out->own_fd = own;
	if (flags & KH_OUTFILE_NAMED) {
		int tfd = make_temp(out, NULL);
		if (tfd < 0)
			return open_failed(out, out->name, strerror(errno));
		close(tfd);
		return 0;
	}
	if (fd == STDOUT_FILENO) {
		out->fp = stdout;
		out->is_stdout = 1;
		return 0;
	}
	int dupfd = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	out->fp = dupfd < 0 ? NULL : fdopen(dupfd, "wb");
	if (!out->fp) {
		int saved = errno;
		if (dupfd >= 0)
			close(dupfd);
		return open_failed(out, out->name, strerror(saved));
	}
	return 0;
}

int kh_outfile_open(struct kh_outfile *out, const char *path, int flags)
{
	memset(out, 0, sizeof *out);
	out->fd = -1;
	out->name = kh_xstrdup(path);
	out->mode = default_mode();
	int fd = own_descriptor(path);
	if (fd >= 0) {
		if (fcntl(fd, F_GETFD) < 0)
			return open_failed(out, path, strerror(errno));
		return through(out, fd, 0, flags);
	}
	struct stat st;
	if (lstat(path, &st) != 0) {
		if (errno != ENOENT)
			return open_failed(out, path, strerror(errno));
		out->final = kh_xstrdup(path);           /* a new file */
	} else if (S_ISLNK(st.st_mode)) {
		if (stat(path, &st) != 0)
			return open_failed(out, path, errno == ENOENT
			                   ? kh_tr("符号链接指向不存在的文件（不会创建）",
			                           "a symlink to nothing (not created)")
			                   : strerror(errno));
		if (S_ISREG(st.st_mode)) {
			out->final = realpath(path, NULL);  /* replace the target */
			if (!out->final)
				return open_failed(out, path, strerror(errno));
		}
	} else if (S_ISREG(st.st_mode)) {
		out->final = kh_xstrdup(path);
	}
	if (!out->final) {
		if (S_ISDIR(st.st_mode))
			return open_failed(out, path, strerror(EISDIR));
		/* A device, FIFO, ...: write through, never create or replace. */
		int tfd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
		if (tfd < 0)
			return open_failed(out, path, strerror(errno));
		struct stat now;
		if (fstat(tfd, &now) == 0 && S_ISREG(now.st_mode)) {
			close(tfd);
			return open_failed(out, path, kh_tr("文件在打开时被替换",
			                                    "replaced while being opened"));
		}
		return through(out, tfd, 1, flags);
	}
	struct stat existing;
	if (stat(out->final, &existing) == 0)
		out->mode = (int)(existing.st_mode & 07777);
	int tfd = make_temp(out, out->final);
	if (tfd < 0)
		return open_failed(out, path, strerror(errno));
	if (flags & KH_OUTFILE_NAMED) {
		close(tfd);
		return 0;
	}
	out->fp = fdopen(tfd, "wb");
	if (!out->fp) {
		int saved = errno;
		close(tfd);
		unlink(out->tmp);
		return open_failed(out, path, strerror(saved));
	}
	return 0;
}

/* Copy the temporary file to the descriptor written through. */
static int copy_through(struct kh_outfile *out)
{
	if (out->fd == STDOUT_FILENO && fflush(stdout) != 0)
		return -1;
	int in = open(out->tmp, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -1;
	char buf[65536];
	ssize_t n;
	int rc = 0;
	while (rc == 0 && (n = read(in, buf, sizeof buf)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			rc = -1;
			break;
		}
		if (kh_write_all(out->fd, buf, (size_t)n) != 0)
			rc = -1;
	}
	int saved = errno;
	close(in);
	errno = saved;
	return rc;
}

/* fsync the file named; 0 or -1. */
static int sync_named(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	int saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

int kh_outfile_commit(struct kh_outfile *out)
{
	int failed = 0, saved = 0;
	if (out->fp) {
		if (out->final && fchmod(fileno(out->fp), (mode_t)out->mode) != 0) {
			failed = 1;
			saved = errno;
		}
		if (!failed && (fflush(out->fp) != 0 || ferror(out->fp))) {
			failed = 1;
			saved = errno ? errno : EIO;
		}
		if (!failed && out->final && fsync(fileno(out->fp)) != 0) {
			failed = 1;
			saved = errno;
		}
		if (!out->is_stdout && fclose(out->fp) != 0 && !failed) {
			failed = 1;
			saved = errno;
		}
		out->fp = NULL;
	} else if (out->final) {
		if (chmod(out->tmp, (mode_t)out->mode) != 0 || sync_named(out->tmp) != 0) {
			failed = 1;
			saved = errno;
		}
	} else if (copy_through(out) != 0) {
		failed = 1;
		saved = errno ? errno : EIO;
	}
	if (!failed && out->final && rename(out->tmp, out->final) != 0) {
		failed = 1;
		saved = errno;
	}
	if (failed)
		kh_error("%s: %s", out->name, strerror(saved));
	if (out->tmp && (failed || !out->final))
		unlink(out->tmp);
	release(out);
	return failed ? EX_IOERR : 0;
}

void kh_outfile_abort(struct kh_outfile *out)
{
	if (out->fp && !out->is_stdout)
		fclose(out->fp);
	else if (out->fp)
		fflush(stdout);
	if (out->tmp)
		unlink(out->tmp);
	release(out);
}

int kh_outfile_is_stdout(const char *path)
{
	int fd = own_descriptor(path);
	if (fd >= 0)
		return fd == STDOUT_FILENO;
	struct stat a, b;
	return stat(path, &a) == 0 && fstat(STDOUT_FILENO, &b) == 0
	       && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

int kh_outfile_write_xml(xmlDocPtr doc, const char *path)
{
	xmlChar *text = NULL;
	int len = 0;
	xmlDocDumpFormatMemoryEnc(doc, &text, &len, "UTF-8", 1);
	if (!text) {
		kh_error("%s", kh_tr("内存不足", "out of memory"));
		return EX_OSERR;
	}
	struct kh_outfile out;
	int rc = kh_outfile_open(&out, path, 0);
	if (rc == 0) {
		fwrite(text, 1, (size_t)len, out.fp);
		rc = kh_outfile_commit(&out);
	}
	xmlFree(text);
	return rc;
}
