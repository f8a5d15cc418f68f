/* page-forms.c: the forms' POSTs (the dispatcher has checked the session's
 * CSRF token), each answered with 303 back to the period's page:
 *   POST /contracts/ID/PERIOD/marks   a panel member's marks for the manual
 *        indicators — rows of the `marks` kind through kh_import_files,
 *        the same validation and store session as `kaohe import marks`;
 *   POST /contracts/ID/PERIOD/appeal  an insurer's appeal (kh_appeal_file);
 *   POST /contracts/ID/PERIOD/decide  the regulator's confirm or waive of a
 *        money line (kh_decide);
 *   POST /appeals/N/decide            the regulator's decision on an
 *        appeal (kh_appeal_settle).
 * Each action goes to the audit log with the user's login name as who.
 * The role is checked per action, kh_user_may_see before anything. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "contract-cache.h"
#include "decide.h"
#include "import.h"
#include "msg.h"
#include "pages.h"
#include "store-decisions.h"
#include "trail.h"

/* After a form's app function failed: what the form named does not exist
 * (an item, a line) or is wrong is 400 — the page itself exists. */
static int form_error(struct kh_request *req, struct kh_response *resp,
                      struct kh_err *app, const char *back, struct kh_err *err)
{
	if (app->kind == KH_ERR_NOINPUT)
		app->kind = KH_ERR_DATA;
	return kh_page_app_error(req, resp, app, back, err);
}

static int refuse(struct kh_request *req, struct kh_response *resp, int status,
                  const char *code, const char *back, struct kh_err *err)
{
	return kh_page_message(req, resp, status, code, back, err);
}

/* A form field, or "" when absent. */
static const char *field(struct kh_request *req, const char *name)
{
	const char *v = kh_req_form(req, name);
	return v ? v : "";
}

static int blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

/* The words of a list typed in a box (refs: "S1, S2" or one a line). */
static size_t split_words(char *text, const char **out, size_t max)
{
	size_t n = 0;
	char *save = NULL;
	for (char *tok = strtok_r(text, " ,;\t\r\n", &save); tok && n < max;
	     tok = strtok_r(NULL, " ,;\t\r\n", &save))
		out[n++] = tok;
	return n;
}

/* A CSV field: quoted, quotes doubled, line breaks as spaces. */
static void csv_field(FILE *fp, const char *text, int last)
{
	fputc('"', fp);
	for (const char *p = text; *p; p++) {
		if (*p == '"')
			fputs("\"\"", fp);
		else if (*p == '\r' || *p == '\n')
			fputc(' ', fp);
		else
			fputc(*p, fp);
	}
	fputc('"', fp);
	fputc(last ? '\n' : ',', fp);
}

static int post_marks(struct kh_request *req, struct kh_response *resp,
                      const struct kh_contract *c, const char *period,
                      const char *back, struct kh_err *err)
{
	if (req->user->role != KH_ROLE_PANEL)
		return refuse(req, resp, 403, "forbidden", back, err);
	const char *level = field(req, "level");
	if (strcmp(level, "city") && strcmp(level, "province"))
		return refuse(req, resp, 400, "bad-input", back, err);
	const char *member = req->user->display && *req->user->display
	                     ? req->user->display : req->user->name;
	const char *dir = getenv("TMPDIR");
	char *tmpdir = kh_xasprintf("%s/kaohe-marks.XXXXXX", dir && *dir ? dir : "/tmp");
	if (!mkdtemp(tmpdir)) {
		kh_error("%s: %s", tmpdir, strerror(errno));
		free(tmpdir);
		return kh_fail(err, KH_ERR_IO);
	}
	char *path = kh_xasprintf("%s/marks.csv", tmpdir);
	FILE *fp = fopen(path, "w");
	if (!fp) {
		kh_error("%s: %s", path, strerror(errno));
		rmdir(tmpdir);
		free(tmpdir);
		free(path);
		return kh_fail(err, KH_ERR_IO);
	}
	fputs("period,level,indicator,member,score,reason,evidence\n", fp);
	long rows = 0;
	for (size_t i = 0; i < c->nindicators; i++) {
		const struct kh_indicator *ind = &c->indicators[i];
		if (!ind->manual)
			continue;
		char *name = kh_xasprintf("score.%s", ind->id);
		const char *score = field(req, name);
		free(name);
		if (blank(score))
			continue;
		name = kh_xasprintf("reason.%s", ind->id);
		const char *reason = field(req, name);
		free(name);
		name = kh_xasprintf("evidence.%s", ind->id);
		const char *evidence = field(req, name);
		free(name);
		csv_field(fp, period, 0);
		csv_field(fp, level, 0);
		csv_field(fp, ind->id, 0);
		csv_field(fp, member, 0);
		csv_field(fp, score, 0);
		csv_field(fp, reason, 0);
		csv_field(fp, evidence, 1);
		rows++;
	}
	int bad_write = ferror(fp);
	if (fclose(fp) != 0 || bad_write) {
		kh_error("%s: %s", path, kh_tr("写入失败", "write failed"));
		unlink(path);
		rmdir(tmpdir);
		free(path);
		free(tmpdir);
		return kh_fail(err, KH_ERR_IO);
	}
	int rc = 0;
	if (rows == 0) {
		rc = refuse(req, resp, 400, "no-marks", back, err);
	} else {
		struct kh_import_options opt = { .contract = c->id, .max_errors = 20 };
		struct kh_import_counts counts;
		struct kh_err app = { 0 };
		char *files[1] = { path };
		if (kh_import_files(req->store, kh_import_kind_find("marks"), files, 1, &opt,
		                    &counts, &app))
			rc = kh_page_app_error(req, resp, &app, back, err);
		else if (kh_audit_import(req->store, req->user->name, c->id, "marks",
		                         "web:marks", counts.rows, counts.inserted,
		                         counts.updated, counts.unchanged, err))
			rc = -1;
		else
			rc = kh_resp_redirect(resp, back);
	}
	unlink(path);
	rmdir(tmpdir);
	free(path);
	free(tmpdir);
	return rc;
}

static int post_appeal(struct kh_request *req, struct kh_response *resp,
                       const struct kh_contract *c, const char *period,
                       const char *back, struct kh_err *err)
{
	if (req->user->role != KH_ROLE_INSURER)
		return refuse(req, resp, 403, "forbidden", back, err);
	const char *indicator = field(req, "indicator");
	const char *reason = field(req, "reason");
	if (!kh_contract_indicator(c, indicator) || blank(reason))
		return refuse(req, resp, 400, "bad-input", back, err);
	char *refs_text = kh_xstrdup(field(req, "refs"));
	const char *refs[256];
	size_t nrefs = split_words(refs_text, refs, 256);
	long id;
	struct kh_err app = { 0 };
	int rc;
	if (kh_appeal_file(req->store, c->id, period, indicator, refs, nrefs, reason,
	                   req->user->name, &id, &app))
		rc = form_error(req, resp, &app, back, err);
	else
		rc = kh_resp_redirect(resp, back);
	free(refs_text);
	return rc;
}

static int post_decide(struct kh_request *req, struct kh_response *resp,
                       const struct kh_contract *c, const char *period,
                       const char *back, struct kh_err *err)
{
	if (req->user->role != KH_ROLE_REGULATOR)
		return refuse(req, resp, 403, "forbidden", back, err);
	const char *line = field(req, "line");
	const char *reason = field(req, "reason");
	enum kh_line_state state;
	size_t plen = strlen(period);
	if (kh_line_state_parse(field(req, "state"), &state) != 0 ||
	    state == KH_LINE_PROPOSED || strncmp(line, period, plen) != 0 ||
	    line[plen] != ':' || (state == KH_LINE_WAIVED && blank(reason)))
		return refuse(req, resp, 400, "bad-input", back, err);
	kh_fen amount;
	struct kh_figures before, after;
	struct kh_err app = { 0 };
	if (kh_decide(req->store, c->id, line, state, blank(reason) ? NULL : reason,
	              req->user->name, &amount, &before, &after, &app))
		return form_error(req, resp, &app, back, err);
	return kh_resp_redirect(resp, back);
}

int kh_page_contracts_post(struct kh_request *req, struct kh_response *resp,
                           struct kh_err *err)
{
	kh_pages_ready();
	/* /contracts/ID/PERIOD/ACTION */
	const char *p = req->path + strlen("/contracts/");
	const char *s1 = strchr(p, '/');
	const char *s2 = s1 ? strchr(s1 + 1, '/') : NULL;
	if (!s1 || !s2 || strchr(s2 + 1, '/') || s1 == p || s2 == s1 + 1 ||
	    s2 - s1 > 32 || s1 - p > 127)
		return refuse(req, resp, 404, "not-found", "/", err);
	char id[128], ptext[32];
	memcpy(id, p, (size_t)(s1 - p));
	id[s1 - p] = '\0';
	memcpy(ptext, s1 + 1, (size_t)(s2 - s1 - 1));
	ptext[s2 - s1 - 1] = '\0';
	const char *action = s2 + 1;
	if (!kh_user_may_see(req->user, id))
		return refuse(req, resp, 404, "not-found", "/", err);
	struct kh_period per;
	if (kh_period_parse(ptext, &per) != 0)
		return refuse(req, resp, 404, "not-found", "/", err);
	char canon[16];
	kh_period_format(&per, canon);
	const struct kh_contract *c = NULL;
	struct kh_err app = { 0 };
	if (kh_contract_get(req->store, id, 0, &c, &app))
		return app.kind == KH_ERR_NOINPUT ? refuse(req, resp, 404, "not-found", "/", err)
		                                   : kh_page_app_error(req, resp, &app, "/", err);
	char *back = kh_xasprintf("/contracts/%s/%s", c->id, canon);
	int rc;
	if (strcmp(action, "marks") == 0)
		rc = post_marks(req, resp, c, canon, back, err);
	else if (strcmp(action, "appeal") == 0)
		rc = post_appeal(req, resp, c, canon, back, err);
	else if (strcmp(action, "decide") == 0)
		rc = post_decide(req, resp, c, canon, back, err);
	else
		rc = refuse(req, resp, 404, "not-found", "/", err);
	free(back);
	kh_contract_put(c);
	return rc;
}

int kh_page_appeal_decide(struct kh_request *req, struct kh_response *resp,
                          struct kh_err *err)
{
	kh_pages_ready();
	/* /appeals/N/decide, regulator only (the route says so; said again) */
	if (req->user->role != KH_ROLE_REGULATOR)
		return refuse(req, resp, 403, "forbidden", "/", err);
	const char *p = req->path + strlen("/appeals/");
	char *end;
	long id = strtol(p, &end, 10);
	if (id <= 0 || end == p || strcmp(end, "/decide") != 0)
		return refuse(req, resp, 404, "not-found", "/", err);
	struct kh_appeal *a = NULL;
	struct kh_err app = { 0 };
	if (kh_store_appeal_get(req->store, id, &a, &app))
		return kh_page_app_error(req, resp, &app, "/", err);
	if (!kh_user_may_see(req->user, a->contract)) {
		kh_appeal_free(a);
		return refuse(req, resp, 404, "not-found", "/", err);
	}
	char *back = kh_xasprintf("/contracts/%s/%s", a->contract, a->period);
	kh_appeal_free(a);
	const char *outcome = field(req, "outcome");
	const char *reason = field(req, "reason");
	const char *cost_text = field(req, "cost");
	enum kh_appeal_outcome o;
	int ok = 1;
	if (strcmp(outcome, "uphold") == 0)
		o = KH_APPEAL_UPHOLD;
	else if (strcmp(outcome, "overturn") == 0)
		o = KH_APPEAL_OVERTURN;
	else if (strcmp(outcome, "partial") == 0)
		o = KH_APPEAL_PARTIAL;
	else
		ok = 0, o = KH_APPEAL_UPHOLD;
	char *refs_text = kh_xstrdup(field(req, "refs"));
	const char *refs[256];
	size_t nrefs = split_words(refs_text, refs, 256);
	kh_fen cost = 0;
	int has_cost = !blank(cost_text);
	if (has_cost && kh_fen_parse(cost_text, strlen(cost_text), 0, &cost) != 0)
		ok = 0;
	if (blank(reason) || (o == KH_APPEAL_PARTIAL) != (nrefs > 0))
		ok = 0;
	int rc;
	struct kh_figures before, after;
	if (!ok)
		rc = refuse(req, resp, 400, "bad-input", back, err);
	else if (kh_appeal_settle(req->store, id, o, refs, nrefs, reason, req->user->name,
	                          has_cost, cost, &before, &after, &app))
		rc = form_error(req, resp, &app, back, err);
	else
		rc = kh_resp_redirect(resp, back);
	free(refs_text);
	free(back);
	return rc;
}
