/* unit-money.c: fen parsing and formatting, exact rate comparison at the
 * contract boundaries, and half-up rounding once per line. */
#include "money.h"
#include "tap.h"

static kh_fen fen(const char *text)
{
	kh_fen v = -999999;
	kh_fen_parse(text, strlen(text), 1, &v);
	return v;
}

static struct kh_rate rate(const char *text)
{
	struct kh_rate r = { 0, 1 };
	kh_rate_parse(text, &r);
	return r;
}

int main(void)
{
	char buf[64];
	kh_fen v;
	is_int(fen("1,234.5"), 123450, "thousands separator and one decimal");
	is_int(fen("0.01"), 1, "one fen");
	is_int(fen("400000"), 40000000, "integer yuan");
	is_int(fen("-12.34"), -1234, "negative when allowed");
	ok(kh_fen_parse("1.234", 5, 0, &v) != 0, "three decimals refused");
	ok(kh_fen_parse("12,34.00", 8, 0, &v) != 0, "bad grouping refused");
	ok(kh_fen_parse("-1", 2, 0, &v) != 0, "negative refused when not allowed");
	ok(kh_fen_parse("abc", 3, 0, &v) != 0, "letters refused");
	ok(kh_fen_parse("", 0, 0, &v) != 0, "empty refused");
	ok(kh_fen_parse("99999999999999999999", 20, 0, &v) != 0, "overflow refused");
	is_str(kh_fen_format(123450, buf, sizeof buf), "1234.50", "plain format");
	is_str(kh_fen_format_grouped(123456789, buf, sizeof buf), "1,234,567.89",
	       "grouped format");
	is_str(kh_fen_format(-5, buf, sizeof buf), "-0.05", "negative fen");

	/* 不得少于50%: 50.00% passes */
	struct kh_rate half = { 50, 100 };
	ok(kh_rate_cmp(half, rate("50%")) >= 0, "50.00% meets 不得少于50%");
	/* 低于90%(不含90%): 90.00% is not below, 89.99% is */
	ok(kh_rate_cmp((struct kh_rate){ 9000, 10000 }, rate("0.90")) == 0,
	   "90.00% equals 0.90 exactly");
	ok(kh_rate_cmp((struct kh_rate){ 8999, 10000 }, rate("90%")) < 0,
	   "89.99% is below 90%");
	ok(kh_rate_cmp((struct kh_rate){ 1, 10 }, rate("10%")) == 0,
	   "exactly 10% turnover equals the limit");
	is_int(kh_fen_mul_rate(36250000, rate("2%")), 725000,
	       "2% of 362,500.00 is 7,250.00");
	is_int(kh_fen_mul_rate(36250000, rate("5%")), 1812500,
	       "5% of 362,500.00 is 18,125.00");
	is_int(kh_fen_muldiv(5, 1, 2), 3, "half a fen rounds up");
	is_int(kh_fen_muldiv(-5, 1, 2), -3, "negative half rounds away from zero");
	is_int(kh_fen_mul_rate(100000000, rate("3.86%")), 3860000, "3.86% exact");
	is_str(kh_rate_format((struct kh_rate){ 179, 200 }, 4, buf, sizeof buf),
	       "0.8950", "rate as a four-place fraction");
	is_str(kh_rate_format_percent((struct kh_rate){ 8999, 10000 }, 2, buf,
	                              sizeof buf), "89.99%", "rate as a percentage");
	struct kh_rate r;
	ok(kh_rate_parse("9223372036854775807", &r) != 0,
	   "a rate of 19 digits is refused, not wrapped (fuzz-contract)");
	ok(kh_rate_parse("13333333333333333333333333333333%", &r) != 0,
	   "a rate of many digits is refused, not wrapped (fuzz-contract)");
	ok(kh_rate_parse("922337203685477580", &r) == 0,
	   "18 digits still read");
	return done_testing();
}
