/* load-roster.c (SQLite): roster and population rows of a contract as
 * typed records (records.h).  STUB: filled in by the store work. */
#include "sql.h"

int kh_sqlite_load_roster(struct kh_store *s, const char *contract,
                          struct kh_roster *out, struct kh_err *err)
{
	(void)s; (void)contract; (void)out; (void)err;
	return 0;
}

int kh_sqlite_load_population(struct kh_store *s, const char *contract,
                              struct kh_population *out, struct kh_err *err)
{
	(void)s; (void)contract; (void)out; (void)err;
	return 0;
}
