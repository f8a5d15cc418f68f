/* records.c (SQLite): kh_store_load_records — loads the record kinds a
 * scoring run asks for by calling each kind's loader (load-*.c), and sets
 * up the settlement stream (settlements.c).  All or nothing: on any
 * failure what was loaded is freed. */
#include "sql.h"

int kh_sqlite_load_records(struct kh_store *s, const char *contract,
                           unsigned kinds, struct kh_records *out,
                           struct kh_err *err)
{
	int rc = 0;
	if (!rc && (kinds & KH_REC_ROSTER))
		rc = kh_sqlite_load_roster(s, contract, &out->roster, err);
	if (!rc && (kinds & KH_REC_POPULATION))
		rc = kh_sqlite_load_population(s, contract, &out->population, err);
	if (!rc && (kinds & KH_REC_COMPLAINTS))
		rc = kh_sqlite_load_complaints(s, contract, &out->complaints, err);
	if (!rc && (kinds & KH_REC_AUDITS))
		rc = kh_sqlite_load_audits(s, contract, &out->audits, err);
	if (!rc && (kinds & KH_REC_SUBMISSIONS))
		rc = kh_sqlite_load_submissions(s, contract, &out->submissions, err);
	if (!rc && (kinds & KH_REC_ACTIVITIES))
		rc = kh_sqlite_load_activities(s, contract, &out->activities, err);
	if (!rc && (kinds & KH_REC_FINANCE))
		rc = kh_sqlite_load_finance(s, contract, &out->finance, err);
	if (!rc && (kinds & KH_REC_FACTS))
		rc = kh_sqlite_load_facts(s, contract, &out->facts, err);
	if (!rc && (kinds & KH_REC_RATINGS))
		rc = kh_sqlite_load_ratings(s, contract, &out->ratings, err);
	if (!rc && (kinds & KH_REC_MARKS))
		rc = kh_sqlite_load_marks(s, contract, &out->marks, err);
	if (!rc && (kinds & KH_REC_SETTLEMENTS))
		kh_sqlite_settlement_source(s, &out->settlements);
	if (rc) {
		kh_records_free(out);
		return -1;
	}
	out->loaded = kinds;
	return 0;
}
