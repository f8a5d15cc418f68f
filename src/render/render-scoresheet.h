/* render-scoresheet.h: private to the 考核评分表 renderers
 * (render-scoresheet.c, render-scoresheet-xlsx.c); the public entry is
 * kh_render_scoresheet in render.h. */
#ifndef KAOHE_RENDER_SCORESHEET_H
#define KAOHE_RENDER_SCORESHEET_H

#include <libxml/tree.h>

#define KH_SCORESHEET_XSL "templates/scoresheet.xsl"

/* The sheet as an XLSX workbook from a localized copy of the scorecard:
 * templates/scoresheet.xsl decides the rows (view=rows), this lays them
 * out.  Returns 0 or a sysexits code after printing why. */
int kh_scoresheet_xlsx(xmlDocPtr localized, int blank, const char *out_path);

#endif
