/* settle.c: the pure money arithmetic of SPEC section 5 — fee parts, days
 * on the project, special staff cost, profit cap, loss sharing, reserve.
 * Integer fen only; never reads the store, never prints. */
#include <stdint.h>

#include "settle.h"

void kh_fee_split(kh_fen total, int parts, kh_fen *out)
{
	kh_fen each = total / parts;
	for (int i = 0; i < parts; i++)
		out[i] = each;
	out[parts - 1] += total - each * parts;
}

long kh_days_covered(const kh_day *first, const kh_day *last, size_t n,
                     kh_day from, kh_day to)
{
	long days = 0;
	for (kh_day d = from; d <= to; d++) {
		for (size_t i = 0; i < n; i++) {
			if (first[i] <= d && d <= last[i]) {
				days++;
				break;
			}
		}
	}
	return days;
}

kh_fen kh_staff_cost(long days, int is_medical, long min_days,
                     kh_fen per_person, kh_fen medical)
{
	if (days <= min_days)
		return 0;
	return is_medical ? medical : per_person;
}

void kh_settle_cap(const struct kh_cap_in *in, struct kh_cap_out *out)
{
	*out = (struct kh_cap_out){ 0 };
	out->margin = in->funds - in->withheld - in->claims;
	out->cap = kh_fen_mul_rate(in->funds, in->cap_rate);
	if (out->margin > out->cap) {
		out->excess = out->margin - out->cap;
		out->staff_allowed = in->staff_cost < out->excess ? in->staff_cost
		                                                  : out->excess;
		out->kept = out->cap + out->staff_allowed;
		out->returned = out->excess - out->staff_allowed;
	} else if (out->margin >= 0) {
		out->kept = out->margin;
	} else {
		out->loss = -out->margin;
		if (in->loss_policy) {
			kh_fen bearable = kh_fen_mul_rate(in->funds, in->loss_cap_rate);
			out->insurer_loss = out->loss < bearable ? out->loss : bearable;
		} else {
			out->insurer_loss = out->loss;
		}
		out->other_loss = out->loss - out->insurer_loss;
	}
}

void kh_settle_reserve(kh_fen other_loss, kh_fen reserve, kh_fen *from_reserve,
                       kh_fen *beyond)
{
	*from_reserve = other_loss < reserve ? other_loss : reserve;
	*beyond = other_loss - *from_reserve;
}

kh_fen kh_fund_balance_gap(const struct kh_fund_balance *b)
{
	return b->funds + b->from_elsewhere -
	       (b->claims + b->reserve_left + b->insurer_net + b->paid_over + b->withheld +
	        b->damages);
}

size_t kh_late_refund(kh_fen owed, kh_day due, kh_day until,
                      const struct kh_refund *refunds, size_t nrefunds,
                      struct kh_rate daily, struct kh_late_segment *out,
                      kh_fen *total, kh_fen *unpaid)
{
	size_t n = 0, k = 0;
	*total = 0;
	/* what is refunded by the deadline is simply not late */
	while (k < nrefunds && refunds[k].date <= due)
		owed -= refunds[k++].amount;
	kh_day day = due + 1;
	while (day <= until && owed > 0) {
		/* a run of days with the same amount unpaid ends on the day of the
		 * next refund (that day is still late) or at `until` */
		kh_day last = until;
		if (k < nrefunds && refunds[k].date < last)
			last = refunds[k].date;
		struct kh_late_segment *s = &out[n++];
		s->first = day;
		s->last = last;
		s->days = (long)(last - day) + 1;
		s->outstanding = owed;
		s->charge = kh_fen_muldiv(owed, daily.num * s->days, daily.den);
		*total += s->charge;
		if (last == until)
			break;
		kh_day paid = refunds[k].date;
		while (k < nrefunds && refunds[k].date == paid)
			owed -= refunds[k++].amount;
		day = paid + 1;
	}
	while (k < nrefunds && refunds[k].date <= until)
		owed -= refunds[k++].amount;
	*unpaid = owed;
	return n;
}
