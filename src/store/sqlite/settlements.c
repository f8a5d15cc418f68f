/* settlements.c (SQLite): the settlement stream — one prepared query per
 * kh_settlement_query, rows handed to the callback as typed claims — and
 * the engine-computed totals.  STUB: filled in by the store work. */
#include "sql.h"

void kh_sqlite_settlement_source(struct kh_store *s,
                                 struct kh_settlement_source *out)
{
	(void)s;
	out->each = NULL;
	out->impl = NULL;
}

int kh_store_settlement_totals(struct kh_store *store,
                               const struct kh_settlement_query *query,
                               long long *count, kh_fen *paid,
                               struct kh_err *err)
{
	(void)store; (void)query; (void)err;
	*count = 0;
	*paid = 0;
	return 0;
}
