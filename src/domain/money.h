/* money.h: money as integer fen and rates as exact ratios of integers.
 * Invariant: no floating point ever touches an amount or a rate that is
 * compared against a contract target. */
#ifndef KAOHE_MONEY_H
#define KAOHE_MONEY_H

#include <stddef.h>
#include <stdint.h>

typedef int64_t kh_fen;

/* A rate as the exact fraction num/den (den > 0): 0.9 is 9/10, 3.86% is
 * 386/10000, 89.99% on 10,000 samples is 8999/10000. */
struct kh_rate {
	int64_t num;
	int64_t den;
};

/* Parse yuan with at most two decimals, thousands separators (1,234.50)
 * and an optional leading '-' (when allow_negative).  0 or -1. */
int kh_fen_parse(const char *text, size_t len, int allow_negative, kh_fen *out);

/* "1234.50" (plain, for XML and CSV) or "1,234.50" (grouped, for people). */
char *kh_fen_format(kh_fen amount, char *buf, size_t size);
char *kh_fen_format_grouped(kh_fen amount, char *buf, size_t size);

/* Parse "0.9", "0.0386", "90%", "89.99%", "3/4" into an exact rate. */
int kh_rate_parse(const char *text, struct kh_rate *out);

/* -1, 0, 1 as a < b, a == b, a > b; exact (128-bit cross products). */
int kh_rate_cmp(struct kh_rate a, struct kh_rate b);

/* amount × rate rounded half away from zero to the fen, once. */
kh_fen kh_fen_mul_rate(kh_fen amount, struct kh_rate rate);
/* amount × num ÷ den rounded half away from zero (den > 0). */
kh_fen kh_fen_muldiv(kh_fen amount, int64_t num, int64_t den);

/* The rate as a fraction with `decimals` places, rounded half-up, for
 * display only ("0.8950" with 4, "89.50%" via kh_rate_format_percent). */
char *kh_rate_format(struct kh_rate r, int decimals, char *buf, size_t size);
char *kh_rate_format_percent(struct kh_rate r, int decimals, char *buf,
                             size_t size);

#endif
