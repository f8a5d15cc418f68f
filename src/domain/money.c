/* money.c: fen parsing and formatting, exact rate arithmetic.  Rounding is
 * half away from zero, applied once per computed line by the callers. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "money.h"

int kh_fen_parse(const char *s, size_t len, int allow_negative, kh_fen *out)
{
	size_t i = 0;
	int negative = 0;
	while (i < len && s[i] == ' ')
		i++;
	while (len > i && s[len - 1] == ' ')
		len--;
	if (i < len && (s[i] == '-' || s[i] == '+')) {
		negative = s[i] == '-';
		i++;
	}
	if (negative && !allow_negative)
		return -1;
	int64_t yuan = 0;
	int int_digits = 0, group_run = -1;
	for (; i < len && s[i] != '.'; i++) {
		if (s[i] == ',') {
			/* separators only between groups of three digits */
			if (int_digits == 0 || (group_run >= 0 && group_run != 3))
				return -1;
			group_run = 0;
			continue;
		}
		if (!isdigit((unsigned char)s[i]))
			return -1;
		if (yuan > (INT64_MAX / 100 - 9) / 10)
			return -1;
		yuan = yuan * 10 + (s[i] - '0');
		int_digits++;
		if (group_run >= 0)
			group_run++;
	}
	if (group_run >= 0 && group_run != 3)
		return -1;
	int64_t cents = 0;
	int frac_digits = 0;
	if (i < len) {
		i++; /* '.' */
		for (; i < len; i++) {
			if (!isdigit((unsigned char)s[i]) || ++frac_digits > 2)
				return -1;
			cents = cents * 10 + (s[i] - '0');
		}
		if (frac_digits == 0 && int_digits == 0)
			return -1;
	}
	if (int_digits == 0 && frac_digits == 0)
		return -1;
	if (frac_digits == 1)
		cents *= 10;
	kh_fen v = yuan * 100 + cents;
	*out = negative ? -v : v;
	return 0;
}

char *kh_fen_format(kh_fen amount, char *buf, size_t size)
{
	uint64_t a = amount < 0 ? (uint64_t)0 - (uint64_t)amount : (uint64_t)amount;
	snprintf(buf, size, "%s%llu.%02llu", amount < 0 ? "-" : "",
	         (unsigned long long)(a / 100), (unsigned long long)(a % 100));
	return buf;
}

char *kh_fen_format_grouped(kh_fen amount, char *buf, size_t size)
{
	char plain[32], grouped[48];
	uint64_t a = amount < 0 ? (uint64_t)0 - (uint64_t)amount : (uint64_t)amount;
	snprintf(plain, sizeof plain, "%llu", (unsigned long long)(a / 100));
	size_t n = strlen(plain), j = 0;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			grouped[j++] = ',';
		grouped[j++] = plain[i];
	}
	grouped[j] = '\0';
	snprintf(buf, size, "%s%s.%02llu", amount < 0 ? "-" : "", grouped,
	         (unsigned long long)(a % 100));
	return buf;
}

int kh_rate_parse(const char *text, struct kh_rate *out)
{
	if (!text || !*text)
		return -1;
	const char *slash = strchr(text, '/');
	if (slash) {
		long long n, d;
		char extra;
		if (sscanf(text, "%lld/%lld%c", &n, &d, &extra) != 2 || d <= 0 || n < 0)
			return -1;
		out->num = n;
		out->den = d;
		return 0;
	}
	int64_t num = 0, den = 1;
	int seen_digit = 0, after_point = 0;
	const char *p = text;
	for (; *p && *p != '%'; p++) {
		if (*p == '.') {
			if (after_point)
				return -1;
			after_point = 1;
			continue;
		}
		if (!isdigit((unsigned char)*p) || den > 100000000000LL)
			return -1;
		if (num > (INT64_MAX - 9) / 10)   /* more digits than a rate has */
			return -1;
		num = num * 10 + (*p - '0');
		if (after_point)
			den *= 10;
		seen_digit = 1;
	}
	if (!seen_digit)
		return -1;
	if (*p == '%') {
		if (p[1] != '\0')
			return -1;
		den *= 100;
	}
	out->num = num;
	out->den = den;
	return 0;
}

int kh_rate_cmp(struct kh_rate a, struct kh_rate b)
{
	__int128 left = (__int128)a.num * b.den;
	__int128 right = (__int128)b.num * a.den;
	return left < right ? -1 : left > right;
}

kh_fen kh_fen_muldiv(kh_fen amount, int64_t num, int64_t den)
{
	__int128 product = (__int128)amount * num;
	int negative = product < 0;
	if (negative)
		product = -product;
	__int128 q = product / den, r = product % den;
	if (2 * r >= den)
		q++;
	return (kh_fen)(negative ? -q : q);
}

kh_fen kh_fen_mul_rate(kh_fen amount, struct kh_rate rate)
{
	return kh_fen_muldiv(amount, rate.num, rate.den);
}

char *kh_rate_format(struct kh_rate r, int decimals, char *buf, size_t size)
{
	int64_t scale = 1;
	for (int i = 0; i < decimals; i++)
		scale *= 10;
	if (r.den <= 0) {
		snprintf(buf, size, "%s", "");
		return buf;
	}
	int64_t v = kh_fen_muldiv(r.num, scale, r.den);
	if (decimals == 0)
		snprintf(buf, size, "%lld", (long long)v);
	else
		snprintf(buf, size, "%lld.%0*lld", (long long)(v / scale), decimals,
		         (long long)(v % scale));
	return buf;
}

char *kh_rate_format_percent(struct kh_rate r, int decimals, char *buf,
                             size_t size)
{
	struct kh_rate pct = { r.num * 100, r.den };
	char tmp[48];
	kh_rate_format(pct, decimals, tmp, sizeof tmp);
	snprintf(buf, size, "%s%%", tmp);
	return buf;
}
