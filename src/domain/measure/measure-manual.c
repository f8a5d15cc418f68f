/* measure-manual.c: <manual/>, an item the assessment panel judges (财务制度
 * 备案, 满意度调查, 现场检查, 档案 ...).  No record decides it: the measure
 * leaves it na with a note, and the scoring run takes its points from the
 * panel's marks (marks.h) or shows it pending.  Never reads records. */
#include "measure.h"
#include "msg.h"

kh_measure_fn kh_measure_manual;

int kh_measure_manual(const struct kh_measure_ctx *ctx, struct kh_result *r)
{
	(void)ctx;
	r->status = KH_STATUS_NA;
	kh_result_note(r, kh_tr("人工评分项：由考核小组按评分标准评分，数据不作判定。",
	                        "Manual item: the assessment panel marks it; no record decides it."));
	return 0;
}
