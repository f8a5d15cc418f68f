/* xlsxread.h: streams one worksheet of an XLSX workbook (libzip for the
 * container, libxml2 for the parts: its SAX2 push parser for the sheet and
 * the shared strings) as the same row stream csvread.h gives: the header
 * row first, then the data rows, each padded to the header's width.  Never
 * holds the sheet in memory (the shared strings table is held, as compact
 * text); never interprets a field beyond turning a cell into text. */
#ifndef KAOHE_XLSXREAD_H
#define KAOHE_XLSXREAD_H

#include <stddef.h>

#include "csvread.h"

/* Rows looked at for the header when it is not given (title rows above
 * it are skipped). */
#define KH_XLSX_HEADER_SEARCH 20

/* Says how well a row would do as the header: the number of its cells
 * that name a column (the import engine's matching, through the mapping
 * profile when there is one).  The row holds the header texts. */
typedef int kh_xlsx_header_fn(void *data, const struct kh_csv_row *row);

struct kh_xlsx_options {
	const char *sheet;           /* a sheet's name, or its number from 1;
	                                NULL: the first visible sheet */
	long header_row;             /* 0: found by header_score */
	kh_xlsx_header_fn *header_score;
	int header_min;              /* the score a header row needs */
	void *data;                  /* for header_score */
};

struct kh_xlsx_result {
	char sha256[65];             /* of the workbook file's bytes */
	char sheet[256];             /* the sheet read */
	long header_row, header_last;/* the header (merged cells may make it
	                                more than one row) */
	int header_found;            /* 1: by score or --header-row; 0: none
	                                scored, the first row was taken */
};

/* 1 when the file starts like a ZIP (an XLSX), 2 like an OLE2 compound
 * file (a BIFF .xls), 0 otherwise or unreadable (CSV then). */
int kh_xlsx_sniff(const char *path);

/* Read the sheet: fn gets the header (row->line = its row number, field i
 * = column i + 1) and then every non-empty data row.  0; fn's non-zero
 * value; or a sysexits code after printing why (66 unreadable, 65 not a
 * workbook, no such sheet, malformed part). */
int kh_xlsx_read(const char *path, const struct kh_xlsx_options *opt,
                 kh_csv_row_fn *fn, void *data, struct kh_xlsx_result *result);

/* "C17" for column 3, row 17 (buf of KH_XLSX_CELL_BUFSZ bytes). */
#define KH_XLSX_CELL_BUFSZ 32
char *kh_xlsx_cell_name(long column, long row, char *buf);

/* An Excel date serial (1900 system, or 1904 when date1904) as
 * "YYYY-MM-DD", or "YYYY-MM-DD HH:MM:SS" when it has a time of day, into
 * buf (KH_XLSX_SERIAL_BUFSZ).  -1 when it is no date: not a number, below
 * 1, beyond 9999-12-31, or 60 in the 1900 system (1900-02-29, the day
 * Lotus 1-2-3 invented and Excel keeps). */
#define KH_XLSX_SERIAL_BUFSZ 80
int kh_xlsx_serial_text(const char *number, size_t len, int date1904,
                        char *buf);

#endif
