/* fuzz-calendar.c: the shipped calendar format (data/calendar/YYYY.txt,
 * src/domain/calendar-files.c). */
#include "calendar-files.h"
#include "fuzz.h"

const char *const kh_fuzz_corpora[] = { "calendar", NULL };

void kh_fuzz_setup(const char *corpus)
{
	(void)corpus;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kh_cal_set set;
	if (kh_cal_parse_shipped("fuzz.txt", (const char *)data, size, &set) == 0)
		kh_cal_set_free(&set);
	return 0;
}
