/* unit-marks.c: the aggregation of a panel's marks (marks.c) at its
 * boundaries, figures worked by hand: the trimmed mean with 4, 5 and 6
 * members (去掉一个最高分和一个最低分 only from five), ties, the median of
 * an odd and an even count, half-up rounding at exactly .xx5, the levels of
 * one indicator in one period, the level and aggregation words; and the
 * store's loader (load-marks.c): its order (levels self, city, province,
 * not alphabetical), its texts, a stored score that is not an integer. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "marks.h"
#include "sql.h"
#include "tap.h"

#define N(a) (sizeof a / sizeof a[0])

static long agg(const long *s, size_t n, enum kh_mark_aggregation how,
                int *trimmed)
{
	return kh_marks_aggregate(s, n, how, trimmed);
}

static void test_mean(void)
{
	int t = -1;
	/* 8.00 + 9.00 + 9.50 = 26.50; / 3 = 8.8333 -> 8.83 */
	static const long three[] = { 800, 900, 950 };
	is_int(agg(three, N(three), KH_AGG_MEAN, &t), 883, "mean of 3: 26.50/3 = 8.83");
	is_int(t, 0, "mean: nothing trimmed");
	/* exactly .xx5: 8.01 + 8.00 = 16.01; / 2 = 8.005 -> 8.01 (half up) */
	static const long half[] = { 801, 800 };
	is_int(agg(half, N(half), KH_AGG_MEAN, NULL), 801, "mean 8.005 rounds up to 8.01");
	/* just below: 32.01 / 4 = 8.0025 -> 8.00 */
	static const long below[] = { 800, 800, 800, 801 };
	is_int(agg(below, N(below), KH_AGG_MEAN, NULL), 800, "mean 8.0025 rounds down to 8.00");
	/* 0.01 / 3 = 0.0033 -> 0.00 */
	static const long tiny[] = { 1, 0, 0 };
	is_int(agg(tiny, N(tiny), KH_AGG_MEAN, NULL), 0, "mean 0.0033 is 0.00");
	/* 0.01 / 2 = 0.005 -> 0.01 */
	static const long tiny2[] = { 1, 0 };
	is_int(agg(tiny2, N(tiny2), KH_AGG_MEAN, NULL), 1, "mean 0.005 is 0.01");
	static const long one[] = { 1234 };
	is_int(agg(one, 1, KH_AGG_MEAN, NULL), 1234, "one member: the score itself");
	is_int(agg(one, 0, KH_AGG_MEAN, &t), 0, "no member: 0");
}

static void test_trimmed(void)
{
	int t = -1;
	/* 4 members: no trimming, the mean 6 + 8 + 9 + 10 = 33; / 4 = 8.25 */
	static const long four[] = { 600, 800, 900, 1000 };
	is_int(agg(four, N(four), KH_AGG_TRIMMED_MEAN, &t), 825,
	       "trimmed-mean of 4 members is the mean: 33/4 = 8.25");
	is_int(t, 0, "4 members: not trimmed");
	/* 5 members: drop 6 and 10; (8 + 9 + 9.5) / 3 = 8.8333 -> 8.83
	 * (the plain mean would be 42.5/5 = 8.50) */
	static const long five[] = { 900, 600, 1000, 800, 950 };
	t = -1;
	is_int(agg(five, N(five), KH_AGG_TRIMMED_MEAN, &t), 883,
	       "trimmed-mean of 5: drop 6 and 10, 26.50/3 = 8.83");
	is_int(t, 1, "5 members: trimmed");
	is_int(agg(five, N(five), KH_AGG_MEAN, &t), 850, "mean of the same 5: 8.50");
	is_int(t, 0, "mean never trims");
	/* 6 members: drop 5 and 10; (7 + 8 + 8 + 9) / 4 = 8.00
	 * (the plain mean 47/6 = 7.8333 -> 7.83) */
	static const long six[] = { 500, 700, 800, 800, 900, 1000 };
	t = -1;
	is_int(agg(six, N(six), KH_AGG_TRIMMED_MEAN, &t), 800,
	       "trimmed-mean of 6: drop 5 and 10, 32/4 = 8.00");
	is_int(t, 1, "6 members: trimmed");
	is_int(agg(six, N(six), KH_AGG_MEAN, NULL), 783, "mean of the same 6: 7.83");
	/* ties: only ONE highest and ONE lowest go: 9 9 9 7 7 ->
	 * (9 + 9 + 7) / 3 = 8.3333 -> 8.33 */
	static const long ties[] = { 900, 700, 900, 700, 900 };
	is_int(agg(ties, N(ties), KH_AGG_TRIMMED_MEAN, NULL), 833,
	       "ties: one of the 9s and one of the 7s dropped, 25/3 = 8.33");
	static const long same[] = { 800, 800, 800, 800, 800 };
	t = -1;
	is_int(agg(same, N(same), KH_AGG_TRIMMED_MEAN, &t), 800, "all equal: 8.00");
	is_int(t, 1, "all equal: still trimmed (two of them)");
	/* exactly .xx5 after trimming: 0 8 8 8 8.02 10 -> 32.02/4 = 8.005 -> 8.01 */
	static const long halfway[] = { 0, 800, 800, 800, 802, 1000 };
	is_int(agg(halfway, N(halfway), KH_AGG_TRIMMED_MEAN, NULL), 801,
	       "trimmed-mean 8.005 rounds up to 8.01");
}

static void test_median(void)
{
	int t = -1;
	static const long odd[] = { 700, 1000, 800 };
	is_int(agg(odd, N(odd), KH_AGG_MEDIAN, &t), 800, "median of 7, 10, 8 is 8.00");
	is_int(t, 0, "median: not trimmed");
	/* even: middle two 8.50 and 8.51 -> 8.505 -> 8.51 */
	static const long even[] = { 1000, 851, 700, 850 };
	is_int(agg(even, N(even), KH_AGG_MEDIAN, NULL), 851,
	       "median of 4: mean of 8.50 and 8.51 = 8.505 -> 8.51");
	static const long even2[] = { 600, 900 };
	is_int(agg(even2, N(even2), KH_AGG_MEDIAN, NULL), 750, "median of 6 and 9 is 7.50");
	static const long tied[] = { 900, 900, 500, 900, 100 };
	is_int(agg(tied, N(tied), KH_AGG_MEDIAN, NULL), 900, "median with ties: 9.00");
	/* the input is not reordered */
	is_int(even[0], 1000, "median leaves the caller's array alone");
}

static struct kh_mark mark(const char *period, enum kh_mark_level level,
                           const char *indicator, const char *member, long score)
{
	struct kh_mark m = { (char *)period, level, (char *)indicator,
	                     (char *)member, score, (char *)"", (char *)"" };
	return m;
}

static void test_levels(void)
{
	struct kh_mark rows[] = {
		mark("2024", KH_LEVEL_CITY, "org.finance-filing", "王敏", 400),
		mark("2024", KH_LEVEL_CITY, "org.finance-filing", "李强", 450),
		mark("2024", KH_LEVEL_CITY, "org.finance-filing", "赵磊", 500),
		mark("2024", KH_LEVEL_SELF, "org.finance-filing", "承办机构自评", 500),
		mark("2024", KH_LEVEL_CITY, "service.satisfaction", "王敏", 100),
		mark("2024Q3", KH_LEVEL_CITY, "org.finance-filing", "王敏", 0),
		mark("2025", KH_LEVEL_PROVINCE, "org.finance-filing", "省抽查", 300),
	};
	struct kh_marks marks = { rows, N(rows) };
	struct kh_level_score out[KH_LEVEL_COUNT];
	kh_marks_levels(&marks, "2024", "org.finance-filing", KH_AGG_TRIMMED_MEAN, out);
	is_int(out[KH_LEVEL_CITY].present, 1, "levels: city present");
	is_int(out[KH_LEVEL_CITY].members, 3, "levels: 3 city members (2024Q3 not counted)");
	is_int(out[KH_LEVEL_CITY].score_x100, 450, "levels: city (4 + 4.5 + 5)/3 = 4.50");
	is_int(out[KH_LEVEL_CITY].trimmed, 0, "levels: 3 members not trimmed");
	is_int(out[KH_LEVEL_SELF].present, 1, "levels: self present");
	is_int(out[KH_LEVEL_SELF].score_x100, 500, "levels: self 5.00");
	is_int(out[KH_LEVEL_SELF].members, 1, "levels: one self member");
	is_int(out[KH_LEVEL_PROVINCE].present, 0, "levels: province of 2025 not in 2024");
	is_int(out[KH_LEVEL_PROVINCE].score_x100, 0, "levels: absent level scores 0");
	kh_marks_levels(&marks, "2024", "service.quality", KH_AGG_MEAN, out);
	ok(!out[0].present && !out[1].present && !out[2].present,
	   "levels: no marks for an indicator: none present");
	kh_marks_levels(&marks, "2024Q3", "org.finance-filing", KH_AGG_MEAN, out);
	ok(out[KH_LEVEL_CITY].present && out[KH_LEVEL_CITY].score_x100 == 0,
	   "levels: a mark of 0 is present with 0.00");
	struct kh_marks none = { NULL, 0 };
	kh_marks_levels(&none, "2024", "org.finance-filing", KH_AGG_MEAN, out);
	ok(!out[KH_LEVEL_CITY].present, "levels: no marks at all");
}

static void test_words(void)
{
	enum kh_mark_level l = KH_LEVEL_PROVINCE;
	ok(kh_mark_level_parse("self", &l) == 0 && l == KH_LEVEL_SELF, "level 'self'");
	ok(kh_mark_level_parse("city", &l) == 0 && l == KH_LEVEL_CITY, "level 'city'");
	ok(kh_mark_level_parse("province", &l) == 0 && l == KH_LEVEL_PROVINCE,
	   "level 'province'");
	ok(kh_mark_level_parse("自评", &l) == 0 && l == KH_LEVEL_SELF, "level 自评");
	ok(kh_mark_level_parse("市级", &l) == 0 && l == KH_LEVEL_CITY, "level 市级");
	ok(kh_mark_level_parse("省级", &l) == 0 && l == KH_LEVEL_PROVINCE, "level 省级");
	ok(kh_mark_level_parse("City", &l) == 0 && l == KH_LEVEL_CITY,
	   "level English case-blind");
	ok(kh_mark_level_parse("county", &l) == -1, "level 'county' refused");
	ok(kh_mark_level_parse("", &l) == -1, "empty level refused");
	ok(kh_mark_level_parse("市", &l) == -1, "level 市 (not 市级) refused");
	ok(kh_mark_level_parse(NULL, &l) == -1, "NULL level refused");
	is_str(kh_mark_level_code(KH_LEVEL_SELF), "self", "code of self");
	is_str(kh_mark_level_code(KH_LEVEL_CITY), "city", "code of city");
	is_str(kh_mark_level_code(KH_LEVEL_PROVINCE), "province", "code of province");
	enum kh_mark_aggregation a = KH_AGG_MEAN;
	ok(kh_mark_aggregation_parse("trimmed-mean", &a) == 0 && a == KH_AGG_TRIMMED_MEAN,
	   "aggregation 'trimmed-mean'");
	ok(kh_mark_aggregation_parse("median", &a) == 0 && a == KH_AGG_MEDIAN,
	   "aggregation 'median'");
	ok(kh_mark_aggregation_parse("mean", &a) == 0 && a == KH_AGG_MEAN,
	   "aggregation 'mean'");
	ok(kh_mark_aggregation_parse("average", &a) == -1, "aggregation 'average' refused");
	is_str(kh_mark_aggregation_code(KH_AGG_TRIMMED_MEAN), "trimmed-mean",
	       "code of trimmed-mean");
	is_str(kh_mark_aggregation_code(KH_AGG_MEDIAN), "median", "code of median");
	is_str(kh_mark_aggregation_code(KH_AGG_MEAN), "mean", "code of mean");
}

static void test_store(void)
{
	char path[] = "/tmp/kaohe-unit-marks-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0) {
		ok(0, "store: a temporary file");
		return;
	}
	close(fd);
	unlink(path);
	struct kh_store *store = NULL;
	struct kh_err err = { 0 };
	if (kh_store_open(path, KH_STORE_CREATE, &store, &err)) {
		ok(0, "store: opened");
		return;
	}
	sqlite3 *db = kh_store_sqlite(store);
	int rc = sqlite3_exec(db,
		"INSERT INTO marks (contract, period, level, indicator, member, score,"
		" reason, evidence) VALUES"
		" ('t','2024','province','a.x','省抽查',700,'',''),"
		" ('t','2024','city','a.x','赵磊',800,'材料不全','检查记录'),"
		" ('t','2024','self','a.x','承办机构自评',1000,'',''),"
		" ('t','2024','city','a.x','李强',900,'',''),"
		" ('t','2024','city','a.x','王敏',850,'',''),"
		" ('t','2024','city','a.x','孙丽',600,'',''),"
		" ('t','2024','city','a.x','周洁',950,'',''),"
		" ('t','2024','city','a.w','王敏',100,'',''),"
		" ('t','2023','city','a.x','王敏',0,'',''),"
		" ('u','2024','city','a.x','王敏',500,'','')",
		NULL, NULL, NULL);
	is_int(rc, SQLITE_OK, "store: marks inserted");
	struct kh_records rec = { 0 };
	is_int(kh_store_load_records(store, "t", KH_REC_MARKS, &rec, &err), 0,
	       "store: marks loaded");
	is_int(rec.marks.count, 9, "store: the contract's 9 marks (not u's)");
	ok(rec.loaded & KH_REC_MARKS, "store: KH_REC_MARKS loaded");
	/* period, indicator, level (self < city < province), member */
	static const char *const want[] = {
		"2023 a.x city 王敏", "2024 a.w city 王敏",
		"2024 a.x self 承办机构自评", "2024 a.x city 周洁", "2024 a.x city 孙丽",
		"2024 a.x city 李强", "2024 a.x city 王敏", "2024 a.x city 赵磊",
		"2024 a.x province 省抽查",
	};
	int sorted = rec.marks.count == N(want);
	for (size_t i = 0; sorted && i < N(want); i++) {
		char line[160];
		const struct kh_mark *m = &rec.marks.rows[i];
		snprintf(line, sizeof line, "%s %s %s %s", m->period, m->indicator,
		         kh_mark_level_code(m->level), m->member);
		if (strcmp(line, want[i]) != 0) {
			printf("#   row %zu: got '%s', want '%s'\n", i, line, want[i]);
			sorted = 0;
		}
	}
	ok(sorted, "store: sorted by period, indicator, level, member");
	const struct kh_mark *zhao = &rec.marks.rows[7];
	ok(zhao->score_x100 == 800 && strcmp(zhao->reason, "材料不全") == 0
	   && strcmp(zhao->evidence, "检查记录") == 0,
	   "store: score, reason and evidence as stored");
	/* city a.x: 6, 8, 8.5, 9, 9.5 -> drop 6 and 9.5: 25.5/3 = 8.50 */
	struct kh_level_score out[KH_LEVEL_COUNT];
	kh_marks_levels(&rec.marks, "2024", "a.x", KH_AGG_TRIMMED_MEAN, out);
	ok(out[KH_LEVEL_CITY].present && out[KH_LEVEL_CITY].members == 5
	   && out[KH_LEVEL_CITY].trimmed && out[KH_LEVEL_CITY].score_x100 == 850,
	   "store: five city members, trimmed mean 8.50");
	ok(out[KH_LEVEL_SELF].score_x100 == 1000 && out[KH_LEVEL_PROVINCE].score_x100 == 700,
	   "store: self 10.00 and province 7.00 beside it");
	kh_records_free(&rec);
	ok(rec.marks.rows == NULL && rec.marks.count == 0, "store: kh_records_free frees marks");

	/* A score stored as text is not what the schema promises. */
	rc = sqlite3_exec(db, "INSERT INTO marks (contract, period, level, indicator,"
	                  " member, score) VALUES ('v','2024','city','a.x','甲','4.5')",
	                  NULL, NULL, NULL);
	is_int(rc, SQLITE_OK, "store: a text score inserted behind the import's back");
	struct kh_records bad = { 0 };
	err.kind = KH_ERR_NONE;
	fflush(stdout);
	is_int(kh_store_load_records(store, "v", KH_REC_MARKS, &bad, &err), -1,
	       "store: a text score fails the load");
	is_int(err.kind, KH_ERR_DATA, "store: as a data error");
	ok(bad.marks.rows == NULL && bad.marks.count == 0, "store: nothing left loaded");
	kh_store_close(store);
	unlink(path);
	char side[sizeof path + 8];
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

int main(void)
{
	test_mean();
	test_trimmed();
	test_median();
	test_levels();
	test_words();
	test_store();
	return done_testing();
}
