/* page-dashboard.c: GET / — the contracts the user may see, each with its
 * newest stored run (score, grade), this month's reports (the duties
 * calendar's report duties due this month: received, late, missing or
 * still open) and its overdue duties (app/due.c), then the open appeals.
 * Reads only; every contract shown passed kh_user_may_see. */
#include <stdlib.h>
#include <string.h>

#include "contract-cache.h"
#include "due.h"
#include "msg.h"
#include "pages.h"
#include "store-decisions.h"
#include "store.h"

struct seen {
	const char *id;
	const struct kh_contract *c;   /* kh_contract_get's: shared, read-only */
	struct kh_stored_run *best;   /* borrowed from runs[] */
};

/* Every distinct period of the contracts' terms, queried once; each
 * contract's run with the highest id wins. */
static int latest_runs(struct kh_request *req, struct seen *s, size_t n,
                       kh_day today, struct kh_stored_run ***lists,
                       size_t **counts, size_t *nlists, struct kh_err *err)
{
	char (*done)[16] = NULL;
	size_t ndone = 0, cap = 0;
	*lists = NULL;
	*counts = NULL;
	*nlists = 0;
	for (size_t i = 0; i < n; i++) {
		if (!s[i].c)
			continue;
		struct kh_period *ps;
		size_t np;
		kh_pages_periods(s[i].c, today, &ps, &np);
		for (size_t k = 0; k < np; k++) {
			char text[16];
			kh_period_format(&ps[k], text);
			size_t j;
			for (j = 0; j < ndone && strcmp(done[j], text); j++)
				;
			if (j < ndone)
				continue;
			if (ndone == cap) {
				cap = cap ? 2 * cap : 16;
				done = kh_xrealloc(done, cap * sizeof *done);
				*lists = kh_xrealloc(*lists, cap * sizeof **lists);
				*counts = kh_xrealloc(*counts, cap * sizeof **counts);
			}
			memcpy(done[ndone], text, sizeof text);
			if (kh_store_latest_runs(req->store, text, &(*lists)[ndone],
			                         &(*counts)[ndone], err)) {
				free(ps);
				free(done);
				return -1;
			}
			*nlists = ++ndone;
		}
		free(ps);
	}
	free(done);
	for (size_t l = 0; l < *nlists; l++)
		for (size_t r = 0; r < (*counts)[l]; r++) {
			struct kh_stored_run *run = &(*lists)[l][r];
			for (size_t i = 0; i < n; i++)
				if (strcmp(s[i].id, run->contract) == 0 &&
				    (!s[i].best || run->id > s[i].best->id))
					s[i].best = run;
		}
	return 0;
}

static void duty_elem(struct kh_page *pg, const char *name, const struct kh_duty *d)
{
	char buf[KH_TIME_BUFSZ];
	kh_page_start(pg, name);
	kh_page_attr(pg, "kind", d->kind);
	kh_page_attr(pg, "clause", d->clause);
	kh_page_attr(pg, "party", kh_duty_party_code(d->party));
	kh_page_attr(pg, "ref", d->ref);
	kh_page_attr(pg, "text", d->text);
	if (d->due != KH_DAY_NONE)
		kh_page_attr(pg, "due", kh_day_format(d->due, buf));
	if (d->done != KH_DAY_NONE)
		kh_page_attr(pg, "done", kh_day_format(d->done, buf));
	kh_page_attr(pg, "status", kh_duty_status_code(d->status));
	kh_page_end(pg);
}

/* This month's reports and the overdue duties of one contract. */
static void duties(struct kh_request *req, struct kh_page *pg, const char *id,
                   kh_day today)
{
	struct kh_due due;
	struct kh_err derr = { 0 };
	if (today == KH_DAY_NONE || kh_due_load(req->store, id, today, &due, &derr)) {
		kh_page_elem(pg, "duties-missing", NULL, NULL);
		return;
	}
	struct kh_period month;
	kh_period_containing(KH_PERIOD_MONTH, today, &month);
	for (size_t i = 0; i < due.duties.count; i++) {
		const struct kh_duty *d = &due.duties.rows[i];
		if (strcmp(d->kind, "report") == 0 && d->due != KH_DAY_NONE &&
		    d->due >= month.first && d->due <= month.last)
			duty_elem(pg, "report", d);
	}
	for (size_t i = 0; i < due.duties.count; i++) {
		const struct kh_duty *d = &due.duties.rows[i];
		if (d->status == KH_DUTY_LATE && d->done == KH_DAY_NONE)
			duty_elem(pg, "overdue", d);
	}
	kh_due_free(&due);
}

int kh_page_dashboard(struct kh_request *req, struct kh_response *resp,
                      struct kh_err *err)
{
	kh_pages_ready();
	char **ids;
	size_t n;
	if (kh_pages_contract_ids(req, &ids, &n, err))
		return -1;
	struct seen *s = kh_xcalloc(n ? n : 1, sizeof *s);
	for (size_t i = 0; i < n; i++) {
		struct kh_err cerr = { 0 };
		s[i].id = ids[i];
		if (kh_contract_get(req->store, ids[i], 0, &s[i].c, &cerr))
			s[i].c = NULL;
	}
	kh_day today = kh_pages_today();
	struct kh_stored_run **lists = NULL;
	size_t *counts = NULL, nlists = 0;
	struct kh_appeal **appeals = NULL;
	size_t nappeals = 0;
	struct kh_page pg = { 0 };
	int rc = -1;
	if (latest_runs(req, s, n, today, &lists, &counts, &nlists, err) ||
	    kh_store_appeal_list(req->store, NULL, &appeals, &nappeals, err) ||
	    kh_page_begin(&pg, req, "dashboard", NULL, err))
		goto out;
	kh_page_start(&pg, "dashboard");
	if (today != KH_DAY_NONE) {
		struct kh_period month;
		char text[16];
		kh_period_containing(KH_PERIOD_MONTH, today, &month);
		kh_page_attr(&pg, "month", kh_period_format(&month, text));
	}
	for (size_t i = 0; i < n; i++) {
		kh_page_start(&pg, "contract");
		kh_page_attr(&pg, "id", s[i].id);
		if (s[i].c) {
			kh_page_attr(&pg, "title", s[i].c->title);
			kh_page_attr(&pg, "insurer", s[i].c->insurer);
			kh_page_attr(&pg, "purchaser", s[i].c->purchaser);
		}
		if (s[i].best) {
			struct kh_page_run r;
			kh_pages_run_summary(s[i].best, &r);
			kh_page_run_elem(&pg, &r);
		}
		if (s[i].c)
			duties(req, &pg, s[i].id, today);
		kh_page_end(&pg);
	}
	for (size_t i = 0; i < nappeals; i++)
		if (strcmp(appeals[i]->state, "open") == 0 &&
		    kh_user_may_see(req->user, appeals[i]->contract))
			kh_page_appeal_elem(&pg, appeals[i]);
	kh_page_end(&pg);
	rc = kh_page_send(&pg, resp, 200, err);
out:
	if (rc)
		kh_page_discard(&pg);
	kh_appeals_free(appeals, nappeals);
	for (size_t l = 0; l < nlists; l++)
		kh_stored_runs_free(lists[l], counts[l]);
	free(lists);
	free(counts);
	for (size_t i = 0; i < n; i++)
		kh_contract_put(s[i].c);
	free(s);
	kh_pages_free_ids(ids, n);
	return rc;
}
