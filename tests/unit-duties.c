/* unit-duties.c: the duty status rule (domain/duties.c) at its boundaries,
 * on day numbers only: due today is open, the day after late, done on the
 * due day done, a day late late, a record after the as-of day unknown,
 * and the appeal rule per seed. */
#include "duties.h"
#include "tap.h"

static kh_day d(const char *text)
{
	kh_day out = KH_DAY_NONE;
	kh_day_parse(text, &out);
	return out;
}

int main(void)
{
	kh_day from = d("2024-06-03"), due = d("2024-06-28");
	is_int(kh_duty_judge(from, due, KH_DAY_NONE, d("2024-06-02")), KH_DUTY_NOT_DUE,
	       "before the duty arises: not due");
	is_int(kh_duty_judge(from, due, KH_DAY_NONE, from), KH_DUTY_OPEN,
	       "the day it arises: open");
	is_int(kh_duty_judge(from, due, KH_DAY_NONE, due), KH_DUTY_OPEN,
	       "due today, not done: open, not late");
	is_int(kh_duty_judge(from, due, KH_DAY_NONE, due + 1), KH_DUTY_LATE,
	       "one day after the due day: late");
	is_int(kh_duty_judge(from, due, due, due + 30), KH_DUTY_DONE,
	       "done on the due day: done");
	is_int(kh_duty_judge(from, due, due + 1, due + 30), KH_DUTY_LATE,
	       "done one day after: late");
	is_int(kh_duty_judge(from, due, due - 1, due - 2), KH_DUTY_OPEN,
	       "done after the as-of day: not known, open");
	is_int(kh_duty_judge(from, due, due + 1, due), KH_DUTY_OPEN,
	       "done late but judged on the due day: open");
	is_int(kh_duty_judge(from, KH_DAY_NONE, KH_DAY_NONE, d("2030-01-01")), KH_DUTY_OPEN,
	       "no deadline, not done: open however long");
	is_int(kh_duty_judge(from, KH_DAY_NONE, d("2024-07-01"), d("2024-07-01")), KH_DUTY_DONE,
	       "no deadline, done: done");
	is_str(kh_duty_status_code(KH_DUTY_NOT_DUE), "not-due", "status code not-due");
	is_str(kh_duty_party_code(KH_PARTY_BOTH), "both", "party code both");

	struct kh_appeal_rule r;
	kh_duties_appeal_rule("002", &r);
	is_str(r.clause, "第三条(三)", "Luoyang: 复核 under 第三条(三)");
	is_int(r.workdays * 10 + r.is_default, 151, "Luoyang: 15 working days, default");
	kh_duties_appeal_rule(NULL, &r);
	is_str(r.clause, "", "unknown seed: no clause");
	is_int(r.workdays * 10 + r.is_default, 151, "unknown seed: 15 working days, default");
	return done_testing();
}
