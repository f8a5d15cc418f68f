/* render-trend.h: views of the trend (urn:kaohe:trend:1) and league-table
 * (urn:kaohe:compare:1) documents — HTML through templates/trend.xsl and
 * templates/compare.xsl (trend charts drawn by render-charts.c's gnuplot
 * path and inlined as SVG), and XLSX workbooks.  Reads the documents
 * only. */
#ifndef KAOHE_RENDER_TREND_H
#define KAOHE_RENDER_TREND_H

#include <libxml/tree.h>

/* One self-contained HTML page; a missing gnuplot is a notice in the
 * page, not an error.  0 or a sysexits code after printing why. */
int kh_render_trend_html(xmlDocPtr trend, const char *out_path);
int kh_render_compare_html(xmlDocPtr compare, const char *out_path);

/* XLSX workbooks: the periods or the ranking first, then indicators. */
int kh_render_trend_xlsx(xmlDocPtr trend, const char *out_path);
int kh_render_compare_xlsx(xmlDocPtr compare, const char *out_path);

#endif
