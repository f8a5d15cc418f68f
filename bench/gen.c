/* gen.c: kaohe-gen, a deterministic generator of realistic synthetic CSV
 * files for every import kind (benchmarks and tests).  Same arguments, same
 * bytes.  Writes only to stdout or the -o file; never touches a database. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"

static uint64_t rng_state;

/* splitmix64: small, fast, and the same on every platform. */
static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static long below(long n)
{
	return n > 0 ? (long)(rnd() % (uint64_t)n) : 0;
}

static int percent(int p)
{
	return below(100) < p;
}

struct gen {
	FILE *out;
	long rows;
	const char *contract;
	int year;
	kh_day first, last;
	int changed;        /* settlements: percent of rows with a changed amount */
};

/* Is row i one of the changed ones?  Decided by a hash of i alone, so that
 * the other rows (and the main generator's sequence) stay the same bytes. */
static int changed_row(const struct gen *g, long i)
{
	uint64_t z = (uint64_t)i * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL;
	z = (z ^ (z >> 31)) * 0xBF58476D1CE4E5B9ULL;
	z ^= z >> 29;
	return (long)(z % 100) < g->changed;
}

static const char *const counties[] = {
	"中原区", "二七区", "金水区", "惠济区", "巩义市", "新郑市", "登封市", "中牟县",
};
#define NCOUNTIES ((long)(sizeof counties / sizeof counties[0]))

static const char *day_text(kh_day d, char *buf)
{
	return kh_day_format(d, buf);
}

static void contract_head(struct gen *g)
{
	if (g->contract)
		fputs("contract,", g->out);
}

static void contract_cell(struct gen *g)
{
	if (g->contract)
		fprintf(g->out, "%s,", g->contract);
}

/* A few working days after d (weekends skipped; holidays ignored). */
static kh_day add_workdays(kh_day d, int n)
{
	while (n > 0) {
		d++;
		if (kh_day_weekday(d) < 5)
			n--;
	}
	return d;
}

static void money(FILE *out, long fen)
{
	fprintf(out, "%ld.%02ld", fen / 100, fen % 100);
}

static void gen_settlements(struct gen *g)
{
	static const char *const regions[] = { "410100", "410200", "410300",
	                                       "410400", "410500" };
	contract_head(g);
	fputs("claim_id,insured_id,channel,category,region,provider_id,"
	      "service_date,received_date,paid_date,eligible_amount,paid_amount,"
	      "excused\n", g->out);
	long span = g->last - g->first + 1;
	long people = g->rows / 3 + 1;
	char a[KH_DAY_BUFSZ], b[KH_DAY_BUFSZ], c[KH_DAY_BUFSZ];
	for (long i = 0; i < g->rows; i++) {
		kh_day received = g->first + (kh_day)(i * span / g->rows);
		kh_day service = received - (kh_day)below(20);
		int direct = percent(70);
		int late = percent(5), unpaid = percent(1);
		kh_day paid = add_workdays(received, late ? 10 + (int)below(30)
		                                           : 1 + (int)below(5));
		long eligible = 5000 + below(5000000);
		long paid_fen = eligible * (50 + below(40)) / 100;
		if (g->changed && changed_row(g, i))
			paid_fen += 1;   /* one fen more: the row differs in one value */
		contract_cell(g);
		fprintf(g->out, "JS%d%010ld,P%09ld,%s,%s,%s,H41%07ld,%s,%s,%s,",
		        g->year, i + 1, below(people), direct ? "direct" : "manual",
		        percent(5) ? "preferential" : "standard", regions[below(5)],
		        below(3000), day_text(service, a), day_text(received, b),
		        unpaid ? "" : day_text(paid, c));
		money(g->out, eligible);
		fputc(',', g->out);
		money(g->out, paid_fen);
		fprintf(g->out, ",%s\n", late && percent(20) ? "yes" : "no");
	}
}

static void gen_roster(struct gen *g)
{
	static const char *const posts[] = { "resident", "city", "county", "other" };
	static const char *const specs[] = { "medical", "finance", "it", "other" };
	static const char *const emps[] = { "formal", "contract", "outsourced" };
	static const char *const reasons[] = { "resign", "dismissed", "reassigned",
	                                       "purchaser-request", "contract-end",
	                                       "other" };
	contract_head(g);
	fputs("staff_id,name,post,unit,specialty,employment,start_date,end_date,"
	      "end_reason\n", g->out);
	char a[KH_DAY_BUFSZ], b[KH_DAY_BUFSZ];
	for (long i = 0; i < g->rows; i++) {
		int post = (int)below(4);
		kh_day start = g->first - 365 + (kh_day)below(500);
		int leaves = percent(15);
		kh_day end = start + 30 + (kh_day)below(300);
		contract_cell(g);
		fprintf(g->out, "S%06ld,员工%ld,%s,%s,%s,%s,%s,%s,%s\n", i + 1, i + 1,
		        posts[post], post == 2 ? counties[below(NCOUNTIES)] : "",
		        specs[below(4)], emps[below(3)], day_text(start, a),
		        leaves ? day_text(end, b) : "",
		        leaves ? reasons[below(6)] : "");
	}
}

static void gen_complaints(struct gen *g)
{
	static const char *const ch[] = { "hotline", "12345", "letter", "visit",
	                                  "regulator", "online" };
	static const char *const cat[] = { "delay", "denial", "attitude",
	                                   "privacy", "fraud", "other" };
	static const char *const sub[] = { "yes", "no", "pending" };
	static const char *const sev[] = { "minor", "serious", "critical" };
	contract_head(g);
	fputs("complaint_id,received_date,channel,category,substantiated,"
	      "severity,closed_date\n", g->out);
	char a[KH_DAY_BUFSZ], b[KH_DAY_BUFSZ];
	long span = g->last - g->first + 1;
	for (long i = 0; i < g->rows; i++) {
		kh_day rec = g->first + (kh_day)below(span);
		contract_cell(g);
		fprintf(g->out, "TS%d%06ld,%s,%s,%s,%s,%s,%s\n", g->year, i + 1,
		        day_text(rec, a), ch[below(6)], cat[below(6)], sub[below(3)],
		        sev[percent(90) ? 0 : 1 + below(2)],
		        day_text(rec + (kh_day)below(15), b));
	}
}

static void gen_audits(struct gen *g)
{
	contract_head(g);
	fputs("sample_id,audit_date,stream,claim_id,result,error_amount,finding\n",
	      g->out);
	char a[KH_DAY_BUFSZ];
	long span = g->last - g->first + 1;
	for (long i = 0; i < g->rows; i++) {
		int fail = percent(8);
		contract_cell(g);
		fprintf(g->out, "AU%d%06ld,%s,%s,JS%d%010ld,%s,", g->year, i + 1,
		        day_text(g->first + (kh_day)below(span), a),
		        percent(70) ? "routine-10pct" : "manual-5pct", g->year,
		        1 + below(1000000), fail ? "fail" : "pass");
		if (fail)
			money(g->out, 100 + below(500000));
		fprintf(g->out, ",%s\n", fail ? "\"金额计算有误, 已退回\"" : "");
	}
}

static void gen_submissions(struct gen *g)
{
	contract_head(g);
	fputs("report,period,submitted_at,accepted,ref\n", g->out);
	char a[KH_DAY_BUFSZ];
	for (long i = 0; i < g->rows; i++) {
		int month = (int)(i % 12) + 1;
		kh_day due = kh_day_from_ymd(g->year + (month == 12), month % 12 + 1, 1)
		             + (kh_day)below(8);
		contract_cell(g);
		fprintf(g->out, "monthly,%d-%02d,%s %02ld:%02ld:00,%s,R%08ld\n",
		        g->year + (int)(i / 12), month, day_text(due + 365 * (kh_day)(i / 12), a),
		        8 + below(10), below(60), percent(97) ? "yes" : "no", i + 1);
	}
}

static void gen_activities(struct gen *g)
{
	static const char *const kinds[] = { "data-check", "records-reviewed",
	                                     "receipts-checked", "training",
	                                     "site-inspection", "case-review",
	                                     "satisfaction-survey", "consultation" };
	contract_head(g);
	fputs("date,kind,count,unit\n", g->out);
	char a[KH_DAY_BUFSZ];
	for (long i = 0; i < g->rows; i++) {
		contract_cell(g);
		fprintf(g->out, "%s,%s,%ld,%s\n", day_text(g->first + (kh_day)(i / 64), a),
		        kinds[i % 8], 1 + below(500), counties[(i / 8) % NCOUNTIES]);
	}
}

static void gen_finance(struct gen *g)
{
	static const char *const kinds[] = { "funds-received", "claims-paid",
	                                     "operating-cost", "refund",
	                                     "service-fee" };
	contract_head(g);
	fputs("date,kind,amount,note\n", g->out);
	char a[KH_DAY_BUFSZ];
	long span = g->last - g->first + 1;
	for (long i = 0; i < g->rows; i++) {
		contract_cell(g);
		fprintf(g->out, "%s,%s,", day_text(g->first + (kh_day)below(span), a),
		        kinds[below(5)]);
		money(g->out, 100000 + below(1000000000));
		fprintf(g->out, ",第%ld笔\n", i + 1);
	}
}

static void gen_population(struct gen *g)
{
	contract_head(g);
	fputs("date,unit,insured\n", g->out);
	char a[KH_DAY_BUFSZ];
	for (long i = 0; i < g->rows; i++) {
		contract_cell(g);
		long unit = i % (NCOUNTIES + 1);
		fprintf(g->out, "%s,%s,%ld\n",
		        day_text(g->first + (kh_day)(i / (NCOUNTIES + 1)), a),
		        unit == NCOUNTIES ? "" : counties[unit], 50000 + below(500000));
	}
}

static void gen_ratings(struct gen *g)
{
	static const char *const ratings[] = { "AAA", "AA", "A", "BBB", "BB", "B",
	                                       "C", "D" };
	contract_head(g);
	fputs("quarter,rating\n", g->out);
	for (long i = 0; i < g->rows; i++) {
		contract_cell(g);
		fprintf(g->out, "%ldQ%ld,%s\n", g->year + i / 4, 1 + i % 4,
		        ratings[percent(80) ? below(3) : 3 + below(5)]);
	}
}

struct kind {
	const char *name;
	void (*fn)(struct gen *);
};
static const struct kind kinds[] = {
	{ "settlements", gen_settlements }, { "roster", gen_roster },
	{ "complaints", gen_complaints }, { "audits", gen_audits },
	{ "submissions", gen_submissions }, { "activities", gen_activities },
	{ "finance", gen_finance }, { "population", gen_population },
	{ "ratings", gen_ratings },
};

static int usage(void)
{
	fputs("usage: kaohe-gen KIND [--rows N] [--contract ID] [--year Y]"
	      " [--seed S] [--changed PCT] [-o FILE]\n"
	      "KIND: settlements roster complaints audits submissions activities"
	      " finance population ratings\n"
	      "Writes a deterministic synthetic CSV; with --contract the file has"
	      " a contract column.\n"
	      "--changed PCT (settlements): the same rows, but about PCT% of them"
	      " pay one fen more\n(a copy for timing a re-import with changed"
	      " rows).\n", stderr);
	return 64;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "rows", required_argument, NULL, 'r' },
		{ "contract", required_argument, NULL, 'c' },
		{ "year", required_argument, NULL, 'y' },
		{ "seed", required_argument, NULL, 's' },
		{ "output", required_argument, NULL, 'o' },
		{ "changed", required_argument, NULL, 'C' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct gen g = { .out = stdout, .rows = 1000, .year = 2024 };
	const char *output = NULL;
	uint64_t seed = 1;
	int opt;
	while ((opt = getopt_long(argc, argv, "o:h", options, NULL)) != -1) {
		switch (opt) {
		case 'r': g.rows = atol(optarg); break;
		case 'c': g.contract = optarg; break;
		case 'y': g.year = atoi(optarg); break;
		case 's': seed = strtoull(optarg, NULL, 10); break;
		case 'o': output = optarg; break;
		case 'C': g.changed = atoi(optarg); break;
		case 'h': usage(); return 0;
		default: return usage();
		}
	}
	if (optind + 1 != argc || g.rows < 0 || g.changed < 0 || g.changed > 100 || g.year < 1901 || g.year > 2199)
		return usage();
	const struct kind *k = NULL;
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].name, argv[optind]) == 0)
			k = &kinds[i];
	if (!k)
		return usage();
	if (output && !(g.out = fopen(output, "w"))) {
		perror(output);
		return 73;
	}
	rng_state = seed * 0x2545F4914F6CDD1DULL + 1;
	g.first = kh_day_from_ymd(g.year, 1, 1);
	g.last = kh_day_from_ymd(g.year, 12, 31);
	static char buf[1 << 16];
	setvbuf(g.out, buf, _IOFBF, sizeof buf);
	k->fn(&g);
	if (fflush(g.out) != 0 || ferror(g.out) || (output && fclose(g.out) != 0)) {
		perror(output ? output : "stdout");
		return 74;
	}
	return 0;
}
