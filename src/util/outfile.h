/* outfile.h: the one way kaohe writes an output file (`-o PATH`): what is
 * at PATH decides how, and nothing that is not a regular file is ever
 * replaced.
 *
 *   "-", /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N
 *       the process's own descriptor, written through (nothing is opened
 *       by name, so `>> log` keeps appending);
 *   no such file, or a regular file
 *       written to a new temporary file beside it, flushed, synced and
 *       renamed over it: readers see the old file or the whole new one;
 *   a symlink
 *       followed: to a regular file, that file is replaced as above (the
 *       link stays); to a device or FIFO, written through; a dangling link
 *       or one to a directory is refused;
 *   a device, FIFO or other non-regular file
 *       opened for writing and written through (never created, never
 *       renamed over: `-o /dev/null` leaves /dev/null alone);
 *   a directory
 *       refused.
 *
 * Invariant: the only rename is of a temporary file this code created
 * (mkstemp, mode 0600 until it is given the final mode) onto a path that
 * is, or was not, a regular file.  Returns sysexits codes like the
 * renderers do (err-exit.h bridges them): 73 cannot create, 74 write
 * failed, always after printing why. */
#ifndef KAOHE_OUTFILE_H
#define KAOHE_OUTFILE_H

#include <stdio.h>
#include <libxml/tree.h>

enum {
	/* The caller's library writes the file by name (libxlsxwriter): `tmp`
	 * is always a regular file, whatever the target; a target that is
	 * written through gets the file's bytes copied at commit. */
	KH_OUTFILE_NAMED = 1,
};

struct kh_outfile {
	FILE *fp;             /* write here (NULL under KH_OUTFILE_NAMED) */
	char *tmp;            /* KH_OUTFILE_NAMED: the file to write */
	/* private */
	char *name;           /* PATH as given, for messages */
	char *final;          /* the regular file renamed over, or NULL */
	int fd;               /* written through: a descriptor of the target */
	int own_fd;           /* fd is ours to close */
	int is_stdout;        /* fp is stdout itself */
	int mode;             /* permission bits the new file gets */
};

/* Open PATH for writing as described above.  0, or 73 after printing why;
 * on failure nothing is left behind. */
int kh_outfile_open(struct kh_outfile *out, const char *path, int flags);

/* Finish: check every write, then rename (or copy through).  0, or 74
 * after printing why (the target is then untouched when it was a regular
 * file).  Always releases `out`. */
int kh_outfile_commit(struct kh_outfile *out);

/* Give up: remove the temporary file, leave the target alone. */
void kh_outfile_abort(struct kh_outfile *out);

/* 1 when PATH is this process's standard output: "-", /dev/stdout and its
 * aliases, or the very file (or pipe, or terminal) stdout is open on.
 * Commands print "written: PATH" only when it is not. */
int kh_outfile_is_stdout(const char *path);

/* An XML document, indented, in UTF-8, to PATH.  0 or an exit code. */
int kh_outfile_write_xml(xmlDocPtr doc, const char *path);

#endif
