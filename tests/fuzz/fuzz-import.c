/* fuzz-import.c: the import engine (src/import/import.c and the store's
 * import session) on any bytes, as one record kind: corpus import-KIND
 * picks the kind.  Runs as --dry-run against an in-memory store, so each
 * input starts from the same empty database; an odd-length input is
 * imported with --contract, an even one must name its contracts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "import.h"
#include "msg.h"
#include "store.h"

const char *const kh_fuzz_corpora[] = {
	"import-roster", "import-settlements", "import-complaints",
	"import-audits", "import-submissions", "import-activities",
	"import-finance", "import-population", "import-ratings", "import-facts",
	"import-marks",
	NULL,
};

static struct kh_store *store;
static const struct kh_import_kind *kind;

void kh_fuzz_setup(const char *corpus)
{
	const char *name = strncmp(corpus, "import-", 7) == 0 ? corpus + 7 : corpus;
	kind = kh_import_kind_find(name);
	if (!kind) {
		fprintf(stderr, "fuzz-import: no record kind '%s'\n", name);
		abort();
	}
	if (!store && kh_store_open(":memory:", KH_STORE_CREATE, &store, NULL)) {
		fprintf(stderr, "fuzz-import: cannot open an in-memory store\n");
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *files[1] = { (char *)kh_fuzz_file(data, size) };
	struct kh_import_options opt = {
		.contract = size % 2 ? "c1" : NULL,
		.dry_run = 1,
		.max_errors = 3,
	};
	struct kh_import_counts counts;
	struct kh_err err = { 0 };
	kh_import_files(store, kind, files, 1, &opt, &counts, &err);
	return 0;
}
