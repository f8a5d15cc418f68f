/* csvread.h: streams one CSV file (RFC 4180, libcsv) row by row, in UTF-8
 * or GB18030 (converted with iconv), hashing the raw bytes as it reads.
 * Never reads a whole file into memory; never interprets field contents. */
#ifndef KAOHE_CSVREAD_H
#define KAOHE_CSVREAD_H

#include <stddef.h>

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
};

enum { KH_CELL_NUMBER = 1,   /* a number cell (its shortest exact text) */
       KH_CELL_ERROR = 2,    /* a formula error value (#N/A, #DIV/0!) */
       KH_CELL_1904 = 4 };   /* the workbook counts dates from 1904 */

/* Return 0 to go on, anything else to stop reading (returned as is). */
typedef int kh_csv_row_fn(void *data, const struct kh_csv_row *row);

struct kh_csv_result {
	char sha256[65];      /* of the raw bytes of the file */
	int gb18030;          /* 1 when the file was read as GB18030 */
	long lines;           /* physical lines read */
};

/* Read path.  encoding: NULL to detect (a UTF-8 BOM or valid UTF-8 in the
 * first block means UTF-8, anything else GB18030), or an iconv name
 * ("utf-8", "gb18030", "gbk", ...).  Returns 0; the callback's non-zero
 * value; or a sysexits code after printing the error (66 unreadable file,
 * 65 malformed CSV or bytes not in the encoding, 64 unknown encoding,
 * 74 read error). */
int kh_csv_read(const char *path, const char *encoding, kh_csv_row_fn *fn,
                void *data, struct kh_csv_result *result);

#endif
