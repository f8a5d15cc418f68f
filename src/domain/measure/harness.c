/* harness.c: runs one indicator's measure into a result (harness.h), for
 * the scorecard and for the fee models alike, so both judge an indicator
 * the same way.  Never decides a status itself and never stores. */
#include "harness.h"
#include "msg.h"

int kh_measure_judge(const struct kh_measure_ctx *ctx, struct kh_result *r)
{
	const struct kh_measure_type *type = kh_measure_find(ctx->indicator->measure.name);
	if (type) {
		if (type->run(ctx, r))
			return -1;
	} else {
		kh_result_note(r, kh_tr("未知的计算方法", "unknown measure"));
	}
	kh_result_finish(r);
	return 0;
}

int kh_measure_status(const struct kh_measure_ctx *base,
                      const struct kh_indicator *ind,
                      const struct kh_period *period, kh_day as_of,
                      enum kh_status *status)
{
	struct kh_measure_ctx ctx = *base;
	ctx.indicator = ind;
	ctx.period = *period;
	ctx.as_of = as_of;
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root = xmlNewDocNode(doc, NULL, BAD_CAST "scorecard", NULL);
	xmlDocSetRootElement(doc, root);
	struct kh_result r = { 0 };
	r.status = KH_STATUS_NA;
	r.indicator = xmlNewChild(root, NULL, BAD_CAST "indicator", NULL);
	r.charts = xmlNewChild(root, NULL, BAD_CAST "charts", NULL);
	r.evidence_limit = 0;
	int rc = kh_measure_judge(&ctx, &r);
	*status = rc ? KH_STATUS_NA : r.status;
	xmlFreeDoc(doc);
	return rc;
}
