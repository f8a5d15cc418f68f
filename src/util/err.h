/* err.h: how code below the command layer reports failure.  A function
 * that can fail returns -1 and fills a struct kh_err; only src/cmd/ turns
 * the kind into an exit code (kh_err_exit_code in cmd/cmdutil.c).
 *
 * Invariant: the human-readable message is printed (through msg.h, with
 * its FILE:LINE:COLUMN place) where the failure is found, so that several
 * errors in one input are all reported; the struct carries only what the
 * caller needs to decide what happens next.  The first kind set wins: a
 * later, more general failure does not hide the first cause. */
#ifndef KAOHE_ERR_H
#define KAOHE_ERR_H

enum kh_err_kind {
	KH_ERR_NONE = 0,
	KH_ERR_USAGE,       /* the request itself is wrong (EX_USAGE) */
	KH_ERR_DATA,        /* an input file or stored record is wrong (EX_DATAERR) */
	KH_ERR_NOINPUT,     /* a named file, contract or record is missing (EX_NOINPUT) */
	KH_ERR_IO,          /* reading or writing failed, disk full (EX_IOERR) */
	KH_ERR_CANTCREAT,   /* an output file cannot be created (EX_CANTCREAT) */
	KH_ERR_SOFTWARE,    /* a bug or an unexpected store failure (EX_SOFTWARE) */
	KH_ERR_UNAVAILABLE, /* a program or service is missing (EX_UNAVAILABLE) */
	KH_ERR_TEMPFAIL,    /* try again later: busy, timeout (EX_TEMPFAIL) */
	KH_ERR_PROTOCOL,    /* a remote answered nonsense (EX_PROTOCOL) */
	KH_ERR_NOPERM,      /* refused: permissions, credentials (EX_NOPERM) */
	KH_ERR_CONFIG,      /* the installation is wrong (EX_CONFIG) */
	KH_ERR_OSERR,       /* the system failed us (EX_OSERR) */
};

struct kh_err {
	enum kh_err_kind kind;
	int full;           /* with KH_ERR_IO: the disk or database is full
	                       (ENOSPC, SQLITE_FULL); kaohe serve answers 507 */
};

/* Record `kind` (unless a kind is already recorded) and return -1, so
 * that failing code can say `return kh_fail(err, KH_ERR_DATA);`.  err may
 * be NULL. */
static inline int kh_fail(struct kh_err *err, enum kh_err_kind kind)
{
	if (err && err->kind == KH_ERR_NONE)
		err->kind = kind;
	return -1;
}

/* Carry what another err recorded (on another thread, say) into err: its
 * kind, unless err has one, and its `full`.  err may be NULL. */
static inline void kh_err_pass_on(struct kh_err *err, const struct kh_err *from)
{
	if (from->kind != KH_ERR_NONE)
		kh_fail(err, from->kind);
	if (err && from->full)
		err->full = 1;
}

#endif
