/* store-import.h: writing imported records — an import session takes the
 * validated rows of one record table, file by file, and keeps all of them
 * or none.  The engine chooses how rows reach the table (SQLite: 64-row
 * INSERTs with a row-by-row fallback; a COPY into a staging table would fit
 * the same calls); the caller only adds rows and reads exact counts.
 *
 * Invariants: nothing a session writes is visible to anyone else before
 * kh_store_import_end keeps it; a session that is not kept leaves the store
 * exactly as it was; table and column names come from the program's own
 * tables, never from input; values are bound, never formatted into SQL. */
#ifndef KAOHE_STORE_IMPORT_H
#define KAOHE_STORE_IMPORT_H

#include <stdint.h>

#include "err.h"
#include "store.h"

/* Most columns a record table has (the contract column included). */
#define KH_STORE_IMPORT_MAX_COLUMNS 16

/* One value of a row as the store writes it: NULL, an integer or text. */
struct kh_field {
	int null;                 /* NULL; the rest is ignored */
	int is_int;               /* i, else text */
	int64_t i;
	const char *text;         /* text_len bytes, need not end in NUL */
	int text_len;
};

/* What a session writes: a record table and its columns in order, and
 * which of them form the natural key (a stored row with the same key is
 * updated in place, or left alone when nothing differs). */
struct kh_import_target {
	const char *kind;         /* recorded with each file: "settlements" */
	const char *table;
	int ncolumns;
	const char *columns[KH_STORE_IMPORT_MAX_COLUMNS];
	unsigned char key[KH_STORE_IMPORT_MAX_COLUMNS];   /* 1: part of the key */
	/* The input files' total size in bytes when known, else 0: a hint
	 * (SQLite writes a big load through a rollback journal when it is the
	 * database's only user; src/store/sqlite/import.c). */
	long long bytes;
};

/* How the rows of one file landed. */
struct kh_import_tally {
	long inserted, updated, unchanged;
};

struct kh_import_session;

/* Open a session (one write transaction for everything it writes). */
int kh_store_import_begin(struct kh_store *store,
                          const struct kh_import_target *target,
                          struct kh_import_session **out, struct kh_err *err);

/* Start a file: its provenance row — kind, file name, the contract given
 * for the whole file (NULL when the rows name theirs) and when
 * ("YYYY-MM-DD HH:MM:SS").  Rows added after this belong to it; rows held
 * from a file that was not finished are dropped. */
int kh_store_import_file(struct kh_import_session *s, const char *file,
                         const char *contract, const char *imported_at,
                         struct kh_err *err);

/* A row whose key an earlier row of the same file already had (the later
 * row wins: it is written over the earlier one).  Called while the row is
 * written (from kh_store_import_row or kh_store_import_file_done), with
 * the row's fields and line.  Keys met again from earlier files or earlier
 * imports are updates, not repeats. */
typedef void kh_import_repeat_fn(void *data, const struct kh_field *fields,
                                 long line);
void kh_store_import_on_repeat(struct kh_import_session *s,
                               kh_import_repeat_fn *fn, void *data);

/* One row of target->ncolumns fields (copied; the caller may reuse them).
 * The store may hold rows and write them later; a failure names the file
 * and `line`. */
int kh_store_import_row(struct kh_import_session *s,
                        const struct kh_field *fields, long line,
                        struct kh_err *err);

/* Finish the current file: write what is held, record the file's SHA-256
 * and row count with the tally in its provenance row, and hand back the
 * tally (exact: inserted, updated, unchanged add up to the rows). */
int kh_store_import_file_done(struct kh_import_session *s, const char *sha256,
                              long rows, struct kh_import_tally *tally,
                              struct kh_err *err);

/* End the session: keep (commit) or discard (roll back) everything it
 * wrote, and free it.  When keeping fails nothing is kept. */
int kh_store_import_end(struct kh_import_session *s, int keep,
                        struct kh_err *err);

#endif
