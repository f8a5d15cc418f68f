/* harness.c: runs one indicator's measure into a result (harness.h), for
 * the scorecard and for the fee models alike, so both judge an indicator
 * the same way; and, for a scoring run, begins the indicators that read
 * claims and serves them from one claim pass.  Never decides a status
 * itself and never stores. */
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

static const struct kh_measure_type *halves_of(const struct kh_judging *j)
{
	const struct kh_measure_type *type = kh_measure_find(j->ctx.indicator->measure.name);
	return type && type->begin && type->end ? type : NULL;
}

void kh_measure_abandon(struct kh_judging *js, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!js[i].begun)
			continue;
		js[i].reader.rc = -1;     /* end only frees */
		halves_of(&js[i])->end(&js[i].ctx, &js[i].r, &js[i].reader);
		js[i].begun = 0;
	}
}

int kh_measure_pass(struct kh_judging *js, size_t n, struct kh_err *err)
{
	struct kh_claim_reader readers[KH_CLAIM_PASS_MAX];
	size_t from[KH_CLAIM_PASS_MAX], k = 0;
	for (size_t i = 0; i < n && k < KH_CLAIM_PASS_MAX; i++) {
		const struct kh_measure_type *type = halves_of(&js[i]);
		if (!type)
			continue;
		if (type->begin(&js[i].ctx, &js[i].r, &js[i].reader) != 0) {
			kh_measure_abandon(js, n);
			return -1;
		}
		js[i].begun = 1;
		from[k] = i;
		readers[k++] = js[i].reader;
	}
	if (k > 0 && kh_claims_pass(js[from[0]].ctx.records, readers, k, err) != 0) {
		kh_measure_abandon(js, n);
		return -1;
	}
	for (size_t j = 0; j < k; j++)
		js[from[j]].reader.rc = readers[j].rc;
	return 0;
}

int kh_measure_judge_one(struct kh_judging *j)
{
	if (!j->begun)
		return kh_measure_judge(&j->ctx, &j->r);
	j->begun = 0;
	if (halves_of(j)->end(&j->ctx, &j->r, &j->reader) != 0)
		return -1;
	kh_result_finish(&j->r);
	return 0;
}
