/* fuzz-contract.c: contract XML (src/util/xmlsafe.c: safe parsing and the
 * encoding checks; src/domain/contract/contract.c: RelaxNG validation
 * against data/schema/contract.rng and the model built from it). */
#include "contract.h"
#include "fuzz.h"

const char *const kh_fuzz_corpora[] = { "contract", NULL };

void kh_fuzz_setup(const char *corpus)
{
	(void)corpus;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kh_contract *c = NULL;
	if (kh_contract_parse_memory((const char *)data, size, "fuzz.xml", &c, NULL) == 0)
		kh_contract_free(c);
	return 0;
}
