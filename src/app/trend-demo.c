/* trend-demo.c: what `kaohe demo` shows of issue 19 — 002 quarter by
 * quarter over its two-year term, and the two insurers of 001 side by
 * side, each as XML, HTML and XLSX in the demo's directory.  Uses the
 * same functions as the commands; writes only inside dir. */
#include <stdio.h>
#include <stdlib.h>

#include "err-exit.h"
#include "msg.h"
#include "outfile.h"
#include "render-trend.h"
#include "trend.h"

/* 002 quarter by quarter over both years, and the two insurers
 * of 001 side by side; each as XML, HTML and XLSX. */
static int write_views(xmlDocPtr doc, const char *dir, const char *name, int trend,
                       struct kh_err *err)
{
	int rc = 0;
	static const char *const extensions[] = { "xml", "html", "xlsx" };
	for (size_t i = 0; i < 3 && rc == 0; i++) {
		char *path = kh_xasprintf("%s/%s.%s", dir, name, extensions[i]);
		if (i == 0)
			rc = kh_outfile_write_xml(doc, path);
		else if (i == 1)
			rc = trend ? kh_render_trend_html(doc, path) : kh_render_compare_html(doc, path);
		else
			rc = trend ? kh_render_trend_xlsx(doc, path) : kh_render_compare_xlsx(doc, path);
		if (rc == 0)
			printf("%s\n", path);
		free(path);
	}
	return rc ? kh_fail_exit_code(err, rc) : 0;
}

int kh_trend_demo_views(struct kh_store *store, const char *dir, struct kh_err *err)
{
	struct kh_period from, to;
	xmlDocPtr doc = NULL;
	if (kh_period_parse("2024Q1", &from) || kh_period_parse("2025Q4", &to))
		return kh_fail(err, KH_ERR_SOFTWARE);
	if (kh_trend_run(store, "luoyang-zgyb-2024", &from, &to, &doc, err))
		return -1;
	int rc = write_views(doc, dir, "trend-luoyang-zgyb-2024", 1, err);
	xmlFreeDoc(doc);
	if (rc)
		return rc;
	struct kh_compare_select sel = { .period = "2024", .family = "001" };
	struct kh_card *cards = NULL;
	size_t n = 0;
	if (kh_compare_local(store, &sel, &cards, &n, err))
		return -1;
	doc = kh_compare_build(cards, n, "2024", "family", "001");
	kh_compare_cards_free(cards, n);
	rc = write_views(doc, dir, "compare-001-2024", 0, err);
	xmlFreeDoc(doc);
	return rc;
}

