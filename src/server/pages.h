/* pages.h: what the page handlers (page-*.c) share — a page document
 * built with the libxml2 writer (urn:kaohe:page:1, templates/page.xsl is
 * its layout), rendered through templates/pages.xsl into the response, and
 * the other renderers' output (scorecard, ledger, XLSX) read back into a
 * response.  Never pastes text into HTML: every value goes through the
 * writer and then XSLT. */
#ifndef KAOHE_PAGES_H
#define KAOHE_PAGES_H

#include <libxml/tree.h>
#include <libxml/xmlwriter.h>

#include "dates.h"
#include "err.h"
#include "server.h"

#define KH_PAGE_NS "urn:kaohe:page:1"

/* A page being written: <page kind= title= user= display= role= csrf=
 * path= lang= generated=> then the caller's elements (in KH_PAGE_NS). */
struct kh_page {
	xmlDocPtr doc;
	xmlTextWriterPtr w;
	/* NULL, or an element of another document copied, when the page is
	 * sent, as the last child of the page's first element (a scorecard
	 * shown as it is) */
	xmlNodePtr attach;
	/* NULL: templates/pages.xsl; another stylesheet importing page.xsl
	 * (the login and account pages) */
	const char *stylesheet;
};

/* Start a page of `kind` (dashboard, contract, period, submissions,
 * message, ...) for the request's user. */
int kh_page_begin(struct kh_page *pg, const struct kh_request *req,
                  const char *kind, const char *title, struct kh_err *err);
/* Element helpers (the writer escapes): start <name>, an attribute (NULL
 * value: left out), a whole element with attributes from a NULL-ended
 * name, value list, and text. */
void kh_page_start(struct kh_page *pg, const char *name);
void kh_page_end(struct kh_page *pg);
void kh_page_attr(struct kh_page *pg, const char *name, const char *value);
void kh_page_attrf(struct kh_page *pg, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void kh_page_text(struct kh_page *pg, const char *text);
/* <name a1="v1" ...>text</name>; attrs NULL-ended pairs (a NULL value is
 * left out), text may be NULL. */
void kh_page_elem(struct kh_page *pg, const char *name, const char *text,
                  const char *const *attrs);
/* Finish, transform with templates/pages.xsl (compiled once, kept for
 * the server's life) and answer `status`. */
int kh_page_send(struct kh_page *pg, struct kh_response *resp, int status,
                 struct kh_err *err);
void kh_page_discard(struct kh_page *pg);

/* A short page with a message (and a link back), for refusals and form
 * errors; status 4xx. */
int kh_page_message(struct kh_request *req, struct kh_response *resp,
                    int status, const char *message, const char *back,
                    struct kh_err *err);

/* Run `fn(doc, path)` (a renderer writing a file, returning 0 or a
 * sysexits code) into a private temporary file and answer with its bytes.
 * `download`: the file name for Content-Disposition: attachment, or NULL
 * to show inline.  kh_render_xslt keeps the directories a stylesheet may
 * read process-wide for the length of a call, so every such render (and
 * whatever else reads what renderers share) holds one lock; the page
 * layouts of kh_page_send (compiled once, render.h kh_xslt, carrying their
 * own directories) run outside it, on every worker at once. */
typedef int kh_render_fn(xmlDocPtr doc, const char *path);
int kh_page_rendered(struct kh_response *resp, xmlDocPtr doc, kh_render_fn *fn,
                     const char *type, const char *download, struct kh_err *err);
/* Lock around anything else that renders (kh_render_* calls). */
void kh_pages_render_lock(void);
void kh_pages_render_unlock(void);

/* Call first in every handler: loads what the renderers and the app
 * functions keep process-wide (the words) once, before threads race. */
void kh_pages_ready(void);
/* At the server's stop, after the last handler: free the compiled page
 * layouts. */
void kh_pages_forget(void);

/* Today: $KAOHE_NOW's day when set, else the clock's. */
kh_day kh_pages_today(void);

/* The contracts the user may see, sorted; the caller frees each and the
 * array. */
int kh_pages_contract_ids(struct kh_request *req, char ***ids, size_t *count,
                          struct kh_err *err);
void kh_pages_free_ids(char **ids, size_t count);

/* A stored run's figures (store.h kh_store_latest_runs), read from its
 * scorecard's <summary> once and kept (runs never change once stored;
 * the last 256 read). */
struct kh_stored_run;
struct kh_page_run {
	long id;
	char period[16], as_of[16], generated[32];
	char score[16], max[16], grade[64];
};
void kh_pages_run_summary(const struct kh_stored_run *r, struct kh_page_run *out);
/* <run id= period= as-of= generated= score= max= grade=/> */
void kh_page_run_elem(struct kh_page *pg, const struct kh_page_run *r);

/* The years and quarters of a contract's term that have begun by `upto`
 * (all of them when upto is KH_DAY_NONE), years first; free(*out). */
struct kh_contract;
void kh_pages_periods(const struct kh_contract *c, kh_day upto,
                      struct kh_period **out, size_t *count);

/* <appeal id= contract= period= indicator= state= filed-by= filed-at=
 * reason= decided-by= decided-at= decision-reason= cost=> <item ref= kind=
 * outcome=/>... </appeal> */
struct kh_appeal;
void kh_page_appeal_elem(struct kh_page *pg, const struct kh_appeal *a);

/* After an app function failed with err: the refusal page for what the
 * caller got wrong (404 unknown, 400 bad input in a form: the message
 * code), 500 "data-error" for bad data behind a page (GET), or -1 for a
 * failure of ours (500 or 507 by the dispatcher). */
int kh_page_app_error(struct kh_request *req, struct kh_response *resp,
                      const struct kh_err *app, const char *back,
                      struct kh_err *err);

/* The handlers (routes in pages.c). */
int kh_page_dashboard(struct kh_request *req, struct kh_response *resp,
                      struct kh_err *err);
int kh_page_contracts(struct kh_request *req, struct kh_response *resp,
                      struct kh_err *err);
int kh_page_contracts_post(struct kh_request *req, struct kh_response *resp,
                           struct kh_err *err);
int kh_page_appeal_decide(struct kh_request *req, struct kh_response *resp,
                          struct kh_err *err);
int kh_page_submissions(struct kh_request *req, struct kh_response *resp,
                        struct kh_err *err);
int kh_page_submission_body(struct kh_request *req, struct kh_response *resp,
                            struct kh_err *err);

#endif
