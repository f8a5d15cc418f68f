/* page-contract.c: GET /contracts/ID[/PERIOD[/FILE]] — a contract's
 * periods, one period's scorecard and statement with the forms the user's
 * role may use, and the downloads (scorecard HTML, XML, XLSX, the result
 * notice, the statement, the ledger) through the same app and render
 * functions as `kaohe report`, `fees` and `ledger`.  kh_user_may_see is
 * checked before anything else is read: an insurer guessing another
 * contract's URL gets the same 404 as for a contract that does not exist. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "contract-cache.h"
#include "fees.h"
#include "msg.h"
#include "pages.h"
#include "payments.h"
#include "render.h"
#include "statement.h"
#include "store-decisions.h"
#include "store.h"

/* Split "/contracts/A/B/C" into at most 3 segments; -1 when it has an
 * empty segment or more than 3. */
static int split_path(const char *path, char seg[3][128], int *n)
{
	const char *p = path + strlen("/contracts/");
	*n = 0;
	while (*p) {
		const char *slash = strchr(p, '/');
		size_t len = slash ? (size_t)(slash - p) : strlen(p);
		if (len == 0 || len >= 128 || *n == 3)
			return -1;
		memcpy(seg[*n], p, len);
		seg[*n][len] = '\0';
		(*n)++;
		if (!slash)
			break;
		p = slash + 1;
		if (!*p)
			break;   /* a trailing slash */
	}
	return *n ? 0 : -1;
}

static int not_found(struct kh_request *req, struct kh_response *resp,
                     struct kh_err *err)
{
	return kh_page_message(req, resp, 404, "not-found", "/", err);
}

/* The run of `period` of the contract, newest stored; *found 0 if none. */
static int stored_run(struct kh_request *req, const char *contract,
                      const char *period, struct kh_page_run *out, int *found,
                      struct kh_err *err)
{
	struct kh_stored_run *runs;
	size_t n;
	*found = 0;
	if (kh_store_latest_runs(req->store, period, &runs, &n, err))
		return -1;
	for (size_t i = 0; i < n; i++)
		if (strcmp(runs[i].contract, contract) == 0) {
			kh_pages_run_summary(&runs[i], out);
			*found = 1;
		}
	kh_stored_runs_free(runs, n);
	return 0;
}

static void appeals_of(struct kh_request *req, struct kh_page *pg,
                       const char *contract, const char *period)
{
	struct kh_appeal **list;
	size_t n;
	struct kh_err aerr = { 0 };
	if (kh_store_appeal_list(req->store, contract, &list, &n, &aerr))
		return;
	for (size_t i = 0; i < n; i++)
		if (!period || strcmp(list[i]->period, period) == 0)
			kh_page_appeal_elem(pg, list[i]);
	kh_appeals_free(list, n);
}

static void contract_attrs(struct kh_page *pg, const struct kh_contract *c)
{
	char a[KH_TIME_BUFSZ], b[KH_TIME_BUFSZ];
	kh_page_attr(pg, "id", c->id);
	kh_page_attr(pg, "title", c->title);
	kh_page_attr(pg, "insurer", c->insurer);
	kh_page_attr(pg, "purchaser", c->purchaser);
	kh_page_attr(pg, "term-first", kh_day_format(c->term_first, a));
	kh_page_attr(pg, "term-last", kh_day_format(c->term_last, b));
}

static int contract_page(struct kh_request *req, struct kh_response *resp,
                         const struct kh_contract *c, struct kh_err *err)
{
	struct kh_period *ps;
	size_t np;
	kh_pages_periods(c, kh_pages_today(), &ps, &np);
	struct kh_page pg;
	if (kh_page_begin(&pg, req, "contract", c->title, err)) {
		free(ps);
		return -1;
	}
	kh_page_start(&pg, "contract");
	contract_attrs(&pg, c);
	for (size_t i = 0; i < np; i++) {
		char text[16], a[KH_TIME_BUFSZ], b[KH_TIME_BUFSZ];
		kh_period_format(&ps[i], text);
		kh_page_start(&pg, "period");
		kh_page_attr(&pg, "name", text);
		kh_page_attr(&pg, "first", kh_day_format(ps[i].first, a));
		kh_page_attr(&pg, "last", kh_day_format(ps[i].last, b));
		struct kh_page_run r;
		int found;
		if (stored_run(req, c->id, text, &r, &found, err)) {
			free(ps);
			kh_page_discard(&pg);
			return -1;
		}
		if (found)
			kh_page_run_elem(&pg, &r);
		kh_page_end(&pg);
	}
	free(ps);
	appeals_of(req, &pg, c->id, NULL);
	kh_page_end(&pg);
	return kh_page_send(&pg, resp, 200, err);
}

/* The renderers as kh_render_fn. */
static int render_card_html(xmlDocPtr doc, const char *path)
{
	return kh_render_scorecard_html(doc, NULL, path);
}
static int render_notice(xmlDocPtr doc, const char *path)
{
	return kh_render_notice(doc, NULL, path);
}
static int render_ledger(xmlDocPtr doc, const char *path)
{
	return kh_render_xslt(doc, "templates/ledger.xsl", path);
}

static int send_xml(struct kh_response *resp, xmlDocPtr doc, const char *name)
{
	xmlChar *mem = NULL;
	int len = 0;
	xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
	if (!mem)
		return -1;
	int rc = kh_resp_bytes(resp, 200, "application/xml; charset=utf-8", mem,
	                       (size_t)len);
	xmlFree(mem);
	if (rc == 0 && name) {
		char *disp = kh_xasprintf("attachment; filename=\"%s\"", name);
		kh_resp_header(resp, "Content-Disposition", disp);
		free(disp);
	}
	return rc;
}

/* The statement as `kaohe fees` prints it (text) or its <fees> XML. */
static int send_statement(struct kh_response *resp, xmlDocPtr doc, xmlNodePtr fees,
                          int xml, const char *name, struct kh_err *err)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	if (!fp) {
		kh_error("%s", kh_tr("内存不足", "out of memory"));
		return kh_fail(err, KH_ERR_OSERR);
	}
	kh_pages_render_lock();   /* the words, as the renderers read them */
	if (xml)
		kh_fees_print_xml(fees, fp);
	else
		kh_fees_print(xmlDocGetRootElement(doc), fees, fp);
	kh_pages_render_unlock();
	fclose(fp);
	kh_resp_take(resp, 200, xml ? "application/xml; charset=utf-8"
	                            : "text/plain; charset=utf-8", buf, len);
	char *disp = kh_xasprintf("attachment; filename=\"%s\"", name);
	kh_resp_header(resp, "Content-Disposition", disp);
	free(disp);
	return 0;
}

/* A period's page, or one of its downloads (`file` non-NULL). */
static int period_page(struct kh_request *req, struct kh_response *resp,
                       const struct kh_contract *c, const char *period_text,
                       const char *file, struct kh_err *err)
{
	static const char *const files[] = {
		"scorecard.html", "scorecard.xml", "scorecard.xlsx", "notice.html",
		"statement.txt", "statement.xml", NULL };
	size_t which = 0;
	if (file) {
		while (files[which] && strcmp(files[which], file))
			which++;
		if (!files[which])
			return not_found(req, resp, err);
	}
	struct kh_period p;
	if (kh_period_parse(period_text, &p) != 0 || p.last < c->term_first ||
	    p.first > c->term_last)
		return not_found(req, resp, err);
	char canon[16];
	kh_period_format(&p, canon);
	/* scored afresh and stored, as `kaohe report` and `kaohe fees` do */
	static const struct kh_money_opts none = { 0, 0, 0, 0 };
	xmlDocPtr doc = NULL;
	xmlNodePtr fees = NULL;
	struct kh_err app = { 0 };
	if (kh_money_statement(req->store, c->id, &p, p.last, &none, &doc, &fees, &app)) {
		char *back = kh_xasprintf("/contracts/%s", c->id);
		int rc = kh_page_app_error(req, resp, &app, back, err);
		free(back);
		return rc;
	}
	char *name = file ? kh_xasprintf("%s-%s-%s", c->id, canon, file) : NULL;
	int rc;
	if (!file) {
		struct kh_page pg;
		rc = kh_page_begin(&pg, req, "period", c->title, err);
		if (rc == 0) {
			kh_page_start(&pg, "period");
			contract_attrs(&pg, c);
			kh_page_attr(&pg, "name", canon);
			appeals_of(req, &pg, c->id, canon);
			kh_page_end(&pg);
			pg.attach = xmlDocGetRootElement(doc);
			rc = kh_page_send(&pg, resp, 200, err);
		}
	} else if (which == 0) {
		rc = kh_page_rendered(resp, doc, render_card_html, "text/html; charset=utf-8",
		                      NULL, err);
	} else if (which == 1) {
		rc = send_xml(resp, doc, name);
	} else if (which == 2) {
		rc = kh_page_rendered(resp, doc, kh_render_scorecard_xlsx,
		                      "application/vnd.openxmlformats-officedocument."
		                      "spreadsheetml.sheet", name, err);
	} else if (which == 3) {
		rc = kh_page_rendered(resp, doc, render_notice, "text/html; charset=utf-8",
		                      NULL, err);
	} else if (!fees) {
		rc = not_found(req, resp, err);
	} else {
		rc = send_statement(resp, doc, fees, which == 5, name, err);
	}
	free(name);
	xmlFreeDoc(doc);
	return rc;
}

static int ledger_page(struct kh_request *req, struct kh_response *resp,
                       const struct kh_contract *c, const char *file,
                       struct kh_err *err)
{
	int xml = strcmp(file, "ledger.xml") == 0;
	/* no money terms, no ledger: the page does not exist (as the
	 * statement of a contract without fees) */
	if ((!xml && strcmp(file, "ledger.html") != 0) || c->money.nchildren == 0)
		return not_found(req, resp, err);
	xmlDocPtr doc;
	struct kh_err app = { 0 };
	if (kh_ledger_run(req->store, c->id, kh_pages_today(), &doc, &app)) {
		char *back = kh_xasprintf("/contracts/%s", c->id);
		int rc = kh_page_app_error(req, resp, &app, back, err);
		free(back);
		return rc;
	}
	int rc;
	if (xml) {
		char *name = kh_xasprintf("%s-ledger.xml", c->id);
		rc = send_xml(resp, doc, name);
		free(name);
	} else {
		rc = kh_page_rendered(resp, doc, render_ledger, "text/html; charset=utf-8",
		                      NULL, err);
	}
	xmlFreeDoc(doc);
	return rc;
}

int kh_page_contracts(struct kh_request *req, struct kh_response *resp,
                      struct kh_err *err)
{
	kh_pages_ready();
	char seg[3][128];
	int n;
	if (split_path(req->path, seg, &n) != 0 || !kh_user_may_see(req->user, seg[0]))
		return not_found(req, resp, err);
	const struct kh_contract *c = NULL;
	struct kh_err app = { 0 };
	if (kh_contract_get(req->store, seg[0], 0, &c, &app))
		return app.kind == KH_ERR_NOINPUT ? not_found(req, resp, err)
		                                   : kh_page_app_error(req, resp, &app, "/", err);
	int rc;
	if (n == 1)
		rc = contract_page(req, resp, c, err);
	else if (n == 2 && strncmp(seg[1], "ledger.", 7) == 0)
		rc = ledger_page(req, resp, c, seg[1], err);
	else
		rc = period_page(req, resp, c, seg[1], n == 3 ? seg[2] : NULL, err);
	kh_contract_put(c);
	return rc;
}
