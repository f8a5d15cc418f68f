/* import.h: the record import engine — the record kinds (SPEC section 3,
 * facts, marks) as column tables, field validation, and handing the rows of every file to
 * one store import session (store-import.h) with provenance.  Never writes
 * anything when any row of any file is bad. */
#ifndef KAOHE_IMPORT_H
#define KAOHE_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "dates.h"
#include "err.h"
#include "store-import.h"
#include "store.h"

enum kh_col_type {
	KH_COL_TEXT,        /* free text */
	KH_COL_ENUM,        /* one of words[] (English or Chinese) */
	KH_COL_DATE,        /* stored YYYY-MM-DD */
	KH_COL_DATETIME,    /* stored YYYY-MM-DD HH:MM:SS */
	KH_COL_MONEY,       /* yuan -> integer fen, not negative */
	KH_COL_MONEY_SIGNED,/* yuan -> integer fen, may be negative */
	KH_COL_BOOL,        /* yes/no/true/false/1/0/是/否 -> 1/0 */
	KH_COL_COUNT,       /* non-negative integer */
	KH_COL_QUARTER,     /* 2024Q3 */
	KH_COL_PERIOD,      /* 2024, 2024H1, 2024Q3, 2024-03 */
	KH_COL_POINTS,      /* points, at most two decimals -> ×100, not negative */
	KH_COL_DERIVED,     /* not read from the file; set by the kind's check */
};

enum { KH_COL_REQUIRED = 1, KH_COL_KEY = 2 };

/* An accepted word and the value stored for it. */
struct kh_enum_word {
	const char *word;
	const char *value;
};

struct kh_import_column {
	const char *name;          /* English name = the table column */
	const char *alias;         /* Chinese alias */
	enum kh_col_type type;
	int flags;                 /* KH_COL_REQUIRED | KH_COL_KEY */
	const char *dflt;          /* text used when the field is empty */
	const struct kh_enum_word *words;   /* for KH_COL_ENUM, NULL ended */
	const char *meaning_en;    /* for --help and the manual */
};

/* How one column of the current row was read; the value itself is the
 * row's field[] (store-import.h), which goes to the store as it is. */
struct kh_value {
	const char *raw;           /* the field as read ("" when absent) */
	kh_day day;                /* KH_COL_DATE */
	kh_time time;              /* KH_COL_DATETIME */
	char buf[KH_TIME_BUFSZ];   /* room for canonical text */
	/* KH_COL_DATE: the last text parsed in this column and its day (a
	 * column of a sorted export repeats its dates row after row). */
	char memo[KH_DAY_BUFSZ];
	size_t memo_len;           /* 0: none */
	kh_day memo_day;
};

/* Column 0 of every kind is the contract; kind columns follow.  (The
 * store's limit, KH_STORE_IMPORT_MAX_COLUMNS, is the same.) */
#define KH_IMPORT_MAX_COLUMNS 16

struct kh_import_row;
/* Cross-field rules and defaults of a kind (SPEC section 3). */
typedef void kh_import_check_fn(struct kh_import_row *row);

struct kh_import_kind {
	const char *name;
	const char *table;
	const struct kh_import_column *columns;   /* columns[0] is contract */
	int ncolumns;
	kh_import_check_fn *check;
	const char *summary_en;
};

struct kh_import_row {
	const struct kh_import_kind *kind;
	const char *file;
	long line;
	const int *csv_column;     /* kind column -> 1-based CSV column, 0 none */
	struct kh_field field[KH_IMPORT_MAX_COLUMNS];   /* the values to store */
	struct kh_value v[KH_IMPORT_MAX_COLUMNS];       /* how they were read */
	int bad;                   /* errors reported for this row */
	unsigned csv_flags;        /* KH_CSV_* bits the reader vouched for */
	void *engine;
};

/* Report a bad field of the current row: FILE:LINE:COLUMN: name: why
 * (got 'raw').  The row, and so the whole import, fails. */
void kh_import_bad(struct kh_import_row *row, int column, const char *why_zh,
                   const char *why_en);

/* Set a column to a text or integer value (defaults, derived columns). */
void kh_import_set_int(struct kh_import_row *row, int column, int64_t value);
void kh_import_set_text(struct kh_import_row *row, int column,
                        const char *text);

extern const struct kh_import_kind *const kh_import_kinds[];
extern const int kh_import_kind_count;
const struct kh_import_kind *kh_import_kind_find(const char *name);
/* Index of the column named `name` in kind, or -1. */
int kh_import_column_index(const struct kh_import_kind *kind,
                           const char *name);

struct kh_import_options {
	const char *contract;      /* --contract, or NULL */
	const char *encoding;      /* --encoding, or NULL to detect */
	int dry_run;
	int progress;              /* show progress on stderr */
	int max_errors;            /* bad fields reported before "... and N more" */
	const char *sheet;         /* XLSX: --sheet NAME|N, or NULL */
	long header_row;           /* XLSX: --header-row N, or 0 to find it */
	const char *map;           /* --map FILE|NAME (mapping.h), or NULL */
	int show_mapping;          /* print how the header was matched */
};

struct kh_import_counts {
	long rows, inserted, updated, unchanged;
	char sha256[65];
	int gb18030;
};

/* Import files (all in one store import session) into the store.  counts
 * has nfiles entries.  0, or -1 with err filled after printing why
 * (KH_ERR_DATA for bad rows, KH_ERR_NOINPUT for a missing file, ...); on
 * any failure, and always under dry_run, nothing is written. */
int kh_import_files(struct kh_store *store, const struct kh_import_kind *kind,
                    char *const *files, int nfiles,
                    const struct kh_import_options *options,
                    struct kh_import_counts *counts, struct kh_err *err);

#endif
