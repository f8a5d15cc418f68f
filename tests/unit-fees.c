/* unit-fees.c: the money rules of SPEC section 5 as pure arithmetic, each
 * against figures worked by hand in the comments: quarterly parts, audit
 * band deductions, days on the project, special staff cost, the profit
 * cap, loss sharing and the reserve. */
#include <stdint.h>

#include "settle.h"
#include "tap.h"

static struct kh_rate rate(const char *text)
{
	struct kh_rate r = { 0, 1 };
	kh_rate_parse(text, &r);
	return r;
}

static void quarters(void)
{
	kh_fen q[4];
	/* 1.45 yuan × 1,000,000 = 1,450,000.00 = 145,000,000 fen; ÷ 4 = 36,250,000 */
	kh_fee_split(145 * 1000000LL, 4, q);
	is_int(q[0], 36250000, "Q1 part 362,500.00");
	is_int(q[3], 36250000, "Q4 part 362,500.00");
	/* 2% of 362,500.00 = 7,250.00; 5% = 18,125.00 */
	is_int(kh_fen_mul_rate(q[1], rate("2%")), 725000, "2% band 7,250.00");
	is_int(kh_fen_mul_rate(q[3], rate("5%")), 1812500, "5% band 18,125.00");
	/* 1.45 × 1,000,001 = 1,450,001.45 = 145,000,145 fen; 145,000,145 = 4 × 36,250,036 + 1 */
	kh_fee_split(145000145LL, 4, q);
	is_int(q[0], 36250036, "uneven: first part 362,500.36");
	is_int(q[3], 36250037, "uneven: remainder fen to the last part");
	is_int(q[0] + q[1] + q[2] + q[3], 145000145, "parts sum to the year's fee");
	/* 2% of 362,500.37 = 7,250.0074 → 7,250.01? 36,250,037 × 2 / 100 = 725,000.74 → 725,001 */
	is_int(kh_fen_mul_rate(q[3], rate("2%")), 725001, "half-up once: 7,250.01");
}

static void days(void)
{
	kh_day y0 = kh_day_from_ymd(2025, 1, 1), y1 = kh_day_from_ymd(2025, 12, 31);
	kh_day f[2] = { kh_day_from_ymd(2024, 6, 1), kh_day_from_ymd(2025, 3, 1) };
	kh_day l[2] = { INT32_MAX, kh_day_from_ymd(2025, 3, 31) };
	is_int(kh_days_covered(f, l, 1, y0, y1), 365, "open assignment covers the year");
	is_int(kh_days_covered(f, l, 2, y0, y1), 365, "overlapping posts count a day once");
	kh_day f2[2] = { kh_day_from_ymd(2025, 1, 1), kh_day_from_ymd(2025, 7, 1) };
	kh_day l2[2] = { kh_day_from_ymd(2025, 3, 31), kh_day_from_ymd(2025, 12, 31) };
	/* 90 (Jan-Mar) + 184 (Jul-Dec) = 274 */
	is_int(kh_days_covered(f2, l2, 2, y0, y1), 274, "two spells 90 + 184");
	is_int(kh_staff_cost(300, 1, 300, 5000000, 10000000), 0, "exactly 300 days: not more than 300");
	is_int(kh_staff_cost(301, 1, 300, 5000000, 10000000), 10000000, "301 days medical: 100,000.00");
	is_int(kh_staff_cost(301, 0, 300, 5000000, 10000000), 5000000, "301 days: 50,000.00");
}

static void cap(void)
{
	struct kh_cap_out o;
	/* F = 130 × 1,000,000 = 130,000,000.00; cap 3.86% = 5,018,000.00;
	 * claims 120,000,000.00 → M = 10,000,000.00; excess 4,982,000.00;
	 * staff 150,000.00 → kept 5,168,000.00, returned 4,832,000.00 */
	struct kh_cap_in in = { 13000000000LL, 12000000000LL, rate("3.86%"), 15000000, 0,
	                        rate("3.86%") };
	kh_settle_cap(&in, &o);
	is_int(o.margin, 1000000000, "M 10,000,000.00");
	is_int(o.cap, 501800000, "cap 5,018,000.00");
	is_int(o.excess, 498200000, "excess 4,982,000.00");
	is_int(o.kept, 516800000, "kept 5,168,000.00");
	is_int(o.returned, 483200000, "returned 4,832,000.00");
	/* claims 124,900,000.00 → M 5,100,000.00; excess 82,000.00 < 150,000.00 staff
	 * → allowed 82,000.00; kept 5,100,000.00; returned 0 */
	in.claims = 12490000000LL;
	kh_settle_cap(&in, &o);
	is_int(o.staff_allowed, 8200000, "staff cost capped at the excess");
	is_int(o.kept, 510000000, "kept the whole margin");
	is_int(o.returned, 0, "nothing returned");
	/* M = 3.86% F exactly: kept M, no excess */
	in.claims = 13000000000LL - 501800000LL;
	kh_settle_cap(&in, &o);
	is_int(o.excess, 0, "M at the cap: no excess");
	is_int(o.kept, 501800000, "M at the cap kept");
	/* loss: claims 140,000,000.00 → M −10,000,000.00 */
	in.claims = 14000000000LL;
	kh_settle_cap(&in, &o);
	is_int(o.insurer_loss, 1000000000, "non-policy loss borne in full");
	in.loss_policy = 1;
	kh_settle_cap(&in, &o);
	is_int(o.insurer_loss, 501800000, "policy loss borne up to 3.86% F");
	is_int(o.other_loss, 498200000, "the rest 4,982,000.00 elsewhere");
	/* Henan: F 200,000,000.00, reserve 5% 10,000,000.00; policy loss
	 * 20,000,000.00 → insurer 3% 6,000,000.00, reserve 10,000,000.00, beyond 4,000,000.00 */
	struct kh_cap_in h = { 20000000000LL, 22000000000LL, rate("3%"), 0, 1, rate("3%") };
	kh_settle_cap(&h, &o);
	is_int(o.insurer_loss, 600000000, "Henan policy loss: insurer 6,000,000.00");
	kh_fen used, beyond;
	kh_settle_reserve(o.other_loss, kh_fen_mul_rate(h.funds, rate("5%")), &used, &beyond);
	is_int(used, 1000000000, "reserve used 10,000,000.00");
	is_int(beyond, 400000000, "beyond the reserve 4,000,000.00");
	/* late refund: 4,832,000.00 × 0.05% × 7 days = 16,912.00 */
	is_int(kh_fen_muldiv(483200000, rate("0.05%").num * 7, rate("0.05%").den), 1691200,
	       "late refund 7 days 16,912.00");
}

int main(void)
{
	quarters();
	days();
	cap();
	return done_testing();
}
