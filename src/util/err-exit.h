/* err-exit.h: the bridge from code that still returns sysexits codes to
 * struct kh_err, the reverse of kh_err_exit_code in cmd/cmdutil.c.  What
 * still returns them: the renderers (every file in src/render/), outfile.h's
 * kh_outfile_* (src/util/outfile.c) and the XLSX reader kh_xlsx_read
 * (src/import/xlsxread.c).  What bridges them here: src/app/demo.c and
 * src/app/trend-demo.c (the renderers' codes) and src/import/import.c
 * (kh_xlsx_read's).  Transitional: it goes when those return -1 and fill
 * an err themselves.  Never prints. */
#ifndef KAOHE_ERR_EXIT_H
#define KAOHE_ERR_EXIT_H

#include <sysexits.h>

#include "err.h"

/* Record the kind a sysexits code stands for and return -1 (code 0 too:
 * a caller only bridges a failure). */
static inline int kh_fail_exit_code(struct kh_err *err, int code)
{
	switch (code) {
	case EX_USAGE: return kh_fail(err, KH_ERR_USAGE);
	case EX_DATAERR: return kh_fail(err, KH_ERR_DATA);
	case EX_NOINPUT: return kh_fail(err, KH_ERR_NOINPUT);
	case EX_IOERR: return kh_fail(err, KH_ERR_IO);
	case EX_CANTCREAT: return kh_fail(err, KH_ERR_CANTCREAT);
	case EX_UNAVAILABLE: return kh_fail(err, KH_ERR_UNAVAILABLE);
	case EX_TEMPFAIL: return kh_fail(err, KH_ERR_TEMPFAIL);
	case EX_PROTOCOL: return kh_fail(err, KH_ERR_PROTOCOL);
	case EX_NOPERM: return kh_fail(err, KH_ERR_NOPERM);
	case EX_CONFIG: return kh_fail(err, KH_ERR_CONFIG);
	case EX_OSERR: return kh_fail(err, KH_ERR_OSERR);
	}
	return kh_fail(err, KH_ERR_SOFTWARE);
}

#endif
