/* render-scoresheet.c: the 考核评分表 (kaohe report --format scoresheet) as
 * one printable HTML page through templates/scoresheet.xsl, or as an XLSX
 * sheet (render-scoresheet-xlsx.c).  Works on a copy of the scorecard;
 * decides nothing about scores: every cell comes from the stylesheet. */
#include <sysexits.h>

#include <libxml/tree.h>

#include "msg.h"
#include "render.h"
#include "render-scoresheet.h"

#define SC_NS "urn:kaohe:scorecard:1"

int kh_render_scoresheet(xmlDocPtr scorecard, int xlsx, int blank,
                         const char *out_path)
{
	xmlNodePtr root = xmlDocGetRootElement(scorecard);
	if (!root || !root->ns || !xmlStrEqual(root->ns->href, BAD_CAST SC_NS) ||
	    !xmlStrEqual(root->name, BAD_CAST "scorecard")) {
		kh_error("%s", kh_tr("不是考核评分 XML", "not a scorecard XML document"));
		return EX_DATAERR;
	}
	xmlDocPtr copy = xmlCopyDoc(scorecard, 1);
	if (!copy) {
		kh_error("%s", kh_tr("内存不足", "out of memory"));
		return EX_OSERR;
	}
	kh_render_localize(copy);
	int rc;
	if (xlsx) {
		rc = kh_scoresheet_xlsx(copy, blank, out_path);
	} else {
		const char *params[] = { "blank", blank ? "yes" : "no", NULL };
		rc = kh_render_xslt_params(copy, KH_SCORESHEET_XSL, out_path, params);
	}
	xmlFreeDoc(copy);
	return rc;
}
