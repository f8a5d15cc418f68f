/* page-submissions.c: GET /submissions — the report submissions (the
 * submissions records the report indicators judge: imported, recorded by
 * `kaohe submit`, or received by `kaohe serve`) of the contracts the user
 * may see, newest first per contract, with their receipts (ref, accepted);
 * and the bodies `kaohe serve` received (store-receive.h) with their
 * SHA-256, each downloadable as it arrived at GET /submissions/REF.
 * Reads only; a body of a contract the user may not see is 404. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg.h"
#include "pages.h"
#include "records.h"
#include "store-receive.h"
#include "store.h"

static int newest_first(const void *a, const void *b)
{
	const struct kh_submission *x = *(const struct kh_submission *const *)a;
	const struct kh_submission *y = *(const struct kh_submission *const *)b;
	if (x->submitted_at != y->submitted_at)
		return x->submitted_at > y->submitted_at ? -1 : 1;
	int c = strcmp(x->report, y->report);
	return c ? c : strcmp(x->period, y->period);
}

static int received_row(const struct kh_received *r, void *arg)
{
	struct kh_page *pg = arg;
	char size[32];
	snprintf(size, sizeof size, "%lld", r->size);
	const char *attrs[] = {
		"ref", r->ref, "report", r->report, "period", r->period,
		"received-at", r->received_at, "received-by", r->received_by,
		"sha256", r->sha256, "size", size, "content-type", r->content_type, NULL };
	kh_page_elem(pg, "received", NULL, attrs);
	return 0;
}

int kh_page_submissions(struct kh_request *req, struct kh_response *resp,
                        struct kh_err *err)
{
	kh_pages_ready();
	char **ids;
	size_t n;
	if (kh_pages_contract_ids(req, &ids, &n, err))
		return -1;
	struct kh_page pg;
	if (kh_page_begin(&pg, req, "submissions", NULL, err)) {
		kh_pages_free_ids(ids, n);
		return -1;
	}
	kh_page_start(&pg, "submissions");
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		struct kh_records rec;
		memset(&rec, 0, sizeof rec);
		if (kh_store_load_records(req->store, ids[i], KH_REC_SUBMISSIONS, &rec, err)) {
			rc = -1;
			break;
		}
		kh_page_start(&pg, "contract");
		kh_page_attr(&pg, "id", ids[i]);
		size_t ns = rec.submissions.count;
		const struct kh_submission **order = kh_xcalloc(ns ? ns : 1, sizeof *order);
		for (size_t k = 0; k < ns; k++)
			order[k] = &rec.submissions.rows[k];
		qsort(order, ns, sizeof *order, newest_first);
		for (size_t k = 0; k < ns; k++) {
			const struct kh_submission *s = order[k];
			char at[KH_TIME_BUFSZ];
			kh_page_start(&pg, "submission");
			kh_page_attr(&pg, "report", s->report);
			kh_page_attr(&pg, "period", s->period);
			kh_page_attr(&pg, "submitted-at", kh_time_format(s->submitted_at, at));
			kh_page_attr(&pg, "accepted", s->accepted ? "yes" : "no");
			kh_page_attr(&pg, "ref", s->ref);
			kh_page_attr(&pg, "source", s->source);
			kh_page_end(&pg);
		}
		free(order);
		kh_records_free(&rec);
		if (kh_store_received_each(req->store, ids[i], received_row, &pg, err))
			rc = -1;
		kh_page_end(&pg);
	}
	kh_pages_free_ids(ids, n);
	if (rc) {
		kh_page_discard(&pg);
		return -1;
	}
	kh_page_end(&pg);
	return kh_page_send(&pg, resp, 200, err);
}

int kh_page_submission_body(struct kh_request *req, struct kh_response *resp,
                            struct kh_err *err)
{
	kh_pages_ready();
	const char *ref = req->path + strlen("/submissions/");
	struct kh_received r;
	char *body = NULL;
	size_t len = 0;
	int found = 0;
	memset(&r, 0, sizeof r);
	if (!*ref || strchr(ref, '/'))
		return kh_page_message(req, resp, 404, "not-found", "/submissions", err);
	if (kh_store_received_body(req->store, ref, &r, &body, &len, &found, err))
		return -1;
	int rc;
	if (!found || !kh_user_may_see(req->user, r.contract)) {
		free(body);
		rc = kh_page_message(req, resp, 404, "not-found", "/submissions", err);
	} else {
		/* as it arrived, never shown inline: a download */
		kh_resp_take(resp, 200, "application/octet-stream", body, len);
		char *disp = kh_xasprintf("attachment; filename=\"%s-%s-%s.xml\"", r.contract,
		                          r.period, r.ref);
		rc = kh_resp_header(resp, "Content-Disposition", disp);
		free(disp);
		if (rc == 0)
			rc = kh_resp_header(resp, "X-Kaohe-SHA256", r.sha256);
	}
	if (found)
		kh_received_free(&r);
	return rc;
}
