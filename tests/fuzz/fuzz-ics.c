/* fuzz-ics.c: iCalendar holiday feeds (src/domain/calendar-files.c), the
 * reader behind `calendar import FILE.ics` and `calendar update --url`. */
#include "calendar-files.h"
#include "fuzz.h"

const char *const kh_fuzz_corpora[] = { "ics", NULL };

void kh_fuzz_setup(const char *corpus)
{
	(void)corpus;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kh_cal_set set;
	if (kh_cal_parse_ics("fuzz.ics", (const char *)data, size, &set) == 0)
		kh_cal_set_free(&set);
	return 0;
}
