/* render-notice.c: the result notice (考核结果通知书) — the scorecard drawn
 * through templates/notice.xsl by the same XSLT path as the HTML report
 * (render-html.c: security preferences, safe loading), with the notice's
 * date and the contract's 复核 (appeal) rule passed as plain string
 * parameters.  Reads the scorecard; never changes the store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "contract.h"
#include "duties.h"
#include "msg.h"
#include "render.h"

/* The seed of the scorecard's contract: root/@seed when a scorecard
 * carries it, else the shipped template of that id (data/contracts/ID.xml),
 * else NULL (the default appeal rule then applies). */
static char *scorecard_seed(xmlNodePtr root)
{
	xmlChar *seed = xmlGetProp(root, BAD_CAST "seed");
	if (seed) {
		char *copy = kh_xstrdup((const char *)seed);
		xmlFree(seed);
		return copy;
	}
	xmlChar *id = xmlGetProp(root, BAD_CAST "contract");
	if (!id)
		return NULL;
	char *found = NULL;
	/* only an id, never a path: the id names a shipped template or nothing */
	if (!strchr((const char *)id, '/') && id[0] != '.') {
		char *path = kh_contract_resolve((const char *)id);
		struct kh_contract *c = NULL;
		if (strcmp(path, (const char *)id) != 0 && access(path, R_OK) == 0 &&
		    kh_contract_parse_file(path, &c, NULL) == 0 && c->seed)
			found = kh_xstrdup(c->seed);
		kh_contract_free(c);
		free(path);
	}
	xmlFree(id);
	return found;
}

int kh_render_notice(xmlDocPtr scorecard, const char *stylesheet,
                     const char *out_path)
{
	xmlDocPtr copy = xmlCopyDoc(scorecard, 1);
	if (!copy) {
		kh_error("%s", kh_tr("内存不足", "out of memory"));
		return EX_OSERR;
	}
	kh_render_localize(copy);
	char *seed = scorecard_seed(xmlDocGetRootElement(copy));
	struct kh_appeal_rule appeal;
	kh_duties_appeal_rule(seed, &appeal);
	free(seed);
	kh_time now = 0;
	if (kh_time_now(&now) != 0)
		now = 0;
	char date[KH_TIME_BUFSZ], workdays[16];
	kh_time_format(now, date);
	date[10] = '\0';
	snprintf(workdays, sizeof workdays, "%d", appeal.workdays);
	const char *const params[] = {
		"notice-date", date,
		"appeal-clause", appeal.clause,
		"appeal-text", appeal.text,
		"appeal-workdays", workdays,
		"appeal-default", appeal.is_default ? "yes" : "no",
		NULL,
	};
	int rc = kh_render_xslt_params(copy, stylesheet ? stylesheet : "templates/notice.xsl",
	                               out_path, params);
	xmlFreeDoc(copy);
	return rc;
}
