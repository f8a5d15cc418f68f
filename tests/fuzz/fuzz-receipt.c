/* fuzz-receipt.c: the receipt a regulator's server answers to `submit`
 * (src/app/submit.c kh_submit_parse_receipt, jansson underneath).  A
 * parsed receipt must be printable: no control characters in ref. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "submit.h"

const char *const kh_fuzz_corpora[] = { "receipt", NULL };

void kh_fuzz_setup(const char *corpus)
{
	(void)corpus;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kh_submit_receipt r;
	const char *why = NULL;
	memset(&r, 0, sizeof r);
	if (kh_submit_parse_receipt((const char *)data, size, &r, &why) == 0) {
		for (const unsigned char *p = (const unsigned char *)r.ref; *p; p++)
			if (*p < 0x20 || *p == 0x7f)
				abort();
		if (strlen(r.received_at) != 19)
			abort();
	} else if (!why) {
		abort();
	}
	kh_submit_receipt_free(&r);
	return 0;
}
