/* fuzz-monthly.c: the monthly-report check `submit` makes before sending a
 * file (src/app/submit.c kh_submit_report_metadata: safe parsing, then
 * RelaxNG validation against data/schema/monthly.rng, then the root's
 * contract, report and period). */
#include <stdlib.h>

#include "fuzz.h"
#include "submit.h"

const char *const kh_fuzz_corpora[] = { "monthly", NULL };

void kh_fuzz_setup(const char *corpus)
{
	(void)corpus;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *contract, *report, *period;
	kh_submit_report_metadata("fuzz.xml", "application/xml", (const char *)data,
	                          size, &contract, &report, &period);
	free(contract);
	free(report);
	free(period);
	return 0;
}
