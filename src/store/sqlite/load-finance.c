/* load-finance.c (SQLite): the finance rows of a contract as typed records
 * (records.h).  STUB: filled in by the store work. */
#include "sql.h"

int kh_sqlite_load_finance(struct kh_store *s, const char *contract,
                           struct kh_finance *out, struct kh_err *err)
{
	(void)s; (void)contract; (void)out; (void)err;
	return 0;
}
