/* load-events.c (SQLite): complaints, audit samples, report submissions,
 * activities and solvency ratings of a contract as typed records
 * (records.h).  STUB: filled in by the store work. */
#include "sql.h"

int kh_sqlite_load_complaints(struct kh_store *s, const char *contract,
                              struct kh_complaints *out, struct kh_err *err)
{
	(void)s; (void)contract; (void)out; (void)err;
	return 0;
}

int kh_sqlite_load_audits(struct kh_store *s, const char *contract,
                          struct kh_audits *out, struct kh_err *err)
{
	(void)s; (void)contract; (void)out; (void)err;
	return 0;
}

int kh_sqlite_load_submissions(struct kh_store *s, const char *contract,
                               struct kh_submissions *out, struct kh_err *err)
{
	(void)s; (void)contract; (void)out; (void)err;
	return 0;
}

int kh_sqlite_load_activities(struct kh_store *s, const char *contract,
                              struct kh_activities *out, struct kh_err *err)
{
	(void)s; (void)contract; (void)out; (void)err;
	return 0;
}

int kh_sqlite_load_ratings(struct kh_store *s, const char *contract,
                           struct kh_ratings *out, struct kh_err *err)
{
	(void)s; (void)contract; (void)out; (void)err;
	return 0;
}
