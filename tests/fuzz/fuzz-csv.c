/* fuzz-csv.c: the CSV reader (src/import/csvread.c) on any bytes, in each
 * of its encodings (the input's length picks: detected, UTF-8, GB18030).
 * Checks what the reader promises: every field NUL terminated at its
 * length, lines never going backwards. */
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "fuzz.h"

const char *const kh_fuzz_corpora[] = { "csv", NULL };

void kh_fuzz_setup(const char *corpus)
{
	(void)corpus;
}

struct seen {
	long last_line;
	size_t bytes;
};

static int on_row(void *data, const struct kh_csv_row *row)
{
	struct seen *s = data;
	if (row->line < s->last_line || row->count <= 0)
		abort();
	s->last_line = row->line;
	for (int i = 0; i < row->count; i++) {
		if (row->fields[i][row->lens[i]] != '\0')
			abort();
		s->bytes += row->lens[i];
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const encodings[] = { NULL, "utf-8", "gb18030" };
	struct seen s = { 0, 0 };
	struct kh_csv_result res;
	kh_csv_read(kh_fuzz_file(data, size), encodings[size % 3], on_row, &s, &res, NULL);
	return 0;
}
