/* load-day.c (SQLite): a date column of a record being loaded, and the one
 * message for a stored date that is not a date (the store was written by
 * something else: a data error naming the database, table and column,
 * never a guess).  Shared by the load-*.c files. */
#include "msg.h"
#include "sql.h"

int kh_sql_load_day(struct kh_store *s, sqlite3_stmt *st, int col,
                    const char *table, const char *column, int required,
                    kh_day *out, struct kh_err *err)
{
	if (kh_sql_day(st, col, out) == 0 && (!required || *out != KH_DAY_NONE))
		return 0;
	const unsigned char *text = sqlite3_column_text(st, col);
	kh_error("%s: %s.%s: %s ('%s')", s->path, table, column,
	         kh_tr("存储的日期无效", "stored date is not valid"),
	         text ? (const char *)text : "");
	return kh_fail(err, KH_ERR_DATA);
}
