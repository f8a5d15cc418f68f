/* fuzz-xlsx.c: the XLSX reader (src/import/xlsxread.c: libzip, then every
 * part through libxml2) on any bytes, with the sheet and the header
 * row picked by the input's length.  Checks what the reader promises: the
 * header first, every field NUL terminated at its length, rows in order,
 * every row the header's width. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "xlsxread.h"

const char *const kh_fuzz_corpora[] = { "xlsx", NULL };

void kh_fuzz_setup(const char *corpus)
{
	(void)corpus;
}

struct seen {
	long last_line;
	int width;
	int rows;
};

static int score(void *data, const struct kh_csv_row *row)
{
	(void)data;
	int n = 0;
	for (int i = 0; i < row->count; i++)
		n += row->lens[i] > 0 && row->fields[i][row->lens[i]] == '\0';
	return n;
}

static int on_row(void *data, const struct kh_csv_row *row)
{
	struct seen *s = data;
	if (row->line <= s->last_line || row->count < 0)
		abort();
	if (s->rows++ == 0)
		s->width = row->count;
	else if (row->count != s->width || !row->cells)
		abort();
	s->last_line = row->line;
	for (int i = 0; i < row->count; i++)
		if (row->fields[i][row->lens[i]] != '\0')
			abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const sheets[] = { NULL, "2", "Sheet1" };
	struct kh_xlsx_options opt = {
		.sheet = sheets[size % 3],
		.header_row = size % 5 == 0 ? 2 : 0,
		.header_score = score,
		.header_min = 2,
	};
	struct seen s = { 0, 0, 0 };
	struct kh_xlsx_result res;
	kh_xlsx_read(kh_fuzz_file(data, size), &opt, on_row, &s, &res);
	char serial[KH_XLSX_SERIAL_BUFSZ];
	if (size < 40)
		kh_xlsx_serial_text((const char *)data, size, size & 1, serial);
	return 0;
}
