/* csvread.h: streams one CSV file (RFC 4180, libcsv) row by row, in UTF-8
 * or GB18030 (converted with iconv), hashing the raw bytes as it reads.
 * Never reads a whole file into memory; never interprets field contents. */
#ifndef KAOHE_CSVREAD_H
#define KAOHE_CSVREAD_H

#include <stddef.h>

#include "err.h"

/* One row as handed to the callback.  The fields and their texts live
 * until the callback returns; each text is NUL terminated. */
struct kh_csv_row {
	long line;            /* physical line where the row starts (1-based) */
	int count;            /* number of fields */
	char **fields;
	size_t *lens;
	/* NULL for CSV; from an XLSX sheet, per field, KH_CELL_* bits saying
	 * what kind of cell the text came from. */
	const unsigned char *cells;
	/* KH_CSV_* bits: what the reader found out about every field of the
	 * row on its way (0 when it did not look: a caller checks itself). */
	unsigned flags;
};

enum { KH_CSV_NUL_FREE = 1,  /* no field holds a NUL byte */
       KH_CSV_ASCII = 2 };   /* every byte of every field is below 0x80 */

enum { KH_CELL_NUMBER = 1,   /* a number cell (its shortest exact text) */
       KH_CELL_ERROR = 2,    /* a formula error value (#N/A, #DIV/0!) */
       KH_CELL_1904 = 4 };   /* the workbook counts dates from 1904 */

/* Return 0 to go on, -1 to stop reading (after filling the caller's own
 * struct kh_err: kh_csv_read then returns -1 and leaves its err alone). */
typedef int kh_csv_row_fn(void *data, const struct kh_csv_row *row);

struct kh_csv_result {
	char sha256[65];      /* of the raw bytes of the file */
	int gb18030;          /* 1 when the file was read as GB18030 */
	long lines;           /* physical lines read */
};

/* Read path.  encoding: NULL to detect (a UTF-8 BOM or valid UTF-8 in the
 * first block means UTF-8, anything else GB18030), or an iconv name
 * ("utf-8", "gb18030", "gbk", ...).  Returns 0; -1 when the callback
 * stopped; or -1 with err filled after printing the error (KH_ERR_NOINPUT
 * unreadable file, KH_ERR_DATA malformed CSV or bytes not in the encoding,
 * KH_ERR_USAGE unknown encoding, KH_ERR_IO read error).  err may be NULL. */
int kh_csv_read(const char *path, const char *encoding, kh_csv_row_fn *fn,
                void *data, struct kh_csv_result *result, struct kh_err *err);

#endif
