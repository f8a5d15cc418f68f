/* render-trend.c: the trend and league-table documents as HTML (XSLT) and
 * XLSX.  The trend's charts go through render-charts.c unchanged: its
 * series are copied into a scratch scorecard, kh_render_charts_attach
 * draws them (data in files, never in the gnuplot script) and the SVGs it
 * attaches are copied back.  Reads the documents; writes only out_path. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include <libxml/tree.h>
#include <xlsxwriter.h>

#include "msg.h"
#include "outfile.h"
#include "render-trend.h"
#include "render.h"
#include "words.h"

#define SC_NS "urn:kaohe:scorecard:1"
#define TREND_NS "urn:kaohe:trend:1"
#define COMPARE_NS "urn:kaohe:compare:1"

static int is_el(xmlNodePtr node, const char *ns, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE && node->ns &&
	       xmlStrEqual(node->ns->href, BAD_CAST ns) &&
	       xmlStrEqual(node->name, BAD_CAST name);
}

static const char *get(xmlNodePtr node, const char *name)
{
	xmlAttrPtr a = node ? xmlHasProp(node, BAD_CAST name) : NULL;
	if (a && a->children && a->children->content)
		return (const char *)a->children->content;
	return "";
}

static void set_ns_deep(xmlNodePtr node, xmlNsPtr ns)
{
	for (; node; node = node->next)
		if (node->type == XML_ELEMENT_NODE) {
			xmlSetNs(node, ns);
			set_ns_deep(node->children, ns);
		}
}

/* Draw the trend's charts/series through a scratch scorecard and attach
 * each kc:chart to the series it belongs to. */
static void attach_trend_charts(xmlDocPtr trend)
{
	xmlNodePtr root = xmlDocGetRootElement(trend), charts = NULL;
	for (xmlNodePtr c = root->children; c && !charts; c = c->next)
		if (is_el(c, TREND_NS, "charts"))
			charts = c;
	if (!charts)
		return;
	xmlDocPtr scratch = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr sroot = xmlNewDocNode(scratch, NULL, BAD_CAST "scorecard", NULL);
	xmlDocSetRootElement(scratch, sroot);
	xmlNsPtr sns = xmlNewNs(sroot, BAD_CAST SC_NS, NULL);
	xmlSetNs(sroot, sns);
	xmlNodePtr scharts = xmlNewChild(sroot, sns, BAD_CAST "charts", NULL);
	for (xmlNodePtr s = charts->children; s; s = s->next) {
		if (!is_el(s, TREND_NS, "series"))
			continue;
		xmlNodePtr copy = xmlDocCopyNode(s, scratch, 1);
		xmlAddChild(scharts, copy);
		xmlSetNs(copy, sns);
		set_ns_deep(copy->children, sns);
	}
	kh_render_charts_attach(scratch);
	xmlNodePtr ss = scharts->children;
	for (xmlNodePtr s = charts->children; s; s = s->next) {
		if (!is_el(s, TREND_NS, "series"))
			continue;
		while (ss && !is_el(ss, SC_NS, "series"))
			ss = ss->next;
		if (!ss)
			break;
		for (xmlNodePtr k = ss->children; k; k = k->next)
			if (is_el(k, KH_CHART_NS, "chart"))
				xmlAddChild(s, xmlDocCopyNode(k, trend, 1));
		ss = ss->next;
	}
	xmlReconciliateNs(trend, root);
	xmlFreeDoc(scratch);
}

int kh_render_trend_html(xmlDocPtr trend, const char *out_path)
{
	xmlDocPtr copy = xmlCopyDoc(trend, 1);
	if (!copy) {
		kh_error("%s", kh_tr("内存不足", "out of memory"));
		return EX_OSERR;
	}
	attach_trend_charts(copy);
	int rc = kh_render_xslt(copy, "templates/trend.xsl", out_path);
	xmlFreeDoc(copy);
	return rc;
}

int kh_render_compare_html(xmlDocPtr compare, const char *out_path)
{
	return kh_render_xslt(compare, "templates/compare.xsl", out_path);
}

/* ---- XLSX ---------------------------------------------------------------- */

struct book {
	lxw_workbook *wb;
	lxw_format *header, *title, *num, *fail, *flag;
};

static time_t creation_time(xmlNodePtr root)
{
	struct tm tm = { .tm_year = 100, .tm_mday = 1 };
	int y, mo, d, h = 0, mi = 0, s = 0;
	if (sscanf(get(root, "generated"), "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi,
	           &s) >= 3) {
		tm.tm_year = y - 1900, tm.tm_mon = mo - 1, tm.tm_mday = d;
		tm.tm_hour = h, tm.tm_min = mi, tm.tm_sec = s;
	}
	return timegm(&tm);
}

/* A status or flag code in words (templates/words.xml, group "trend"). */
static const char *status_word(const char *status)
{
	return kh_word_or_code("trend", status);
}

/* A points text as a number cell; "" as an empty cell. */
static void put_num(struct book *b, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
                    const char *text, lxw_format *fmt)
{
	if (*text)
		worksheet_write_number(ws, r, c, strtod(text, NULL), fmt ? fmt : b->num);
}

static void put_str(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *text,
                    lxw_format *fmt)
{
	if (*text)
		worksheet_write_string(ws, r, c, text, fmt);
}

static int book_open(struct book *b, struct kh_outfile *out, const char *out_path,
                     xmlNodePtr root, const char *comment)
{
	int rc = kh_outfile_open(out, out_path, KH_OUTFILE_NAMED);
	if (rc)
		return rc;
	b->wb = workbook_new(out->tmp);
	if (!b->wb) {
		kh_error("%s: %s", out_path, kh_tr("无法创建", "cannot create"));
		kh_outfile_abort(out);
		return EX_CANTCREAT;
	}
	lxw_doc_properties props = {
		.title = (char *)get(root, "title"),
		.comments = (char *)comment,
		.created = creation_time(root),
	};
	workbook_set_properties(b->wb, &props);
	b->header = workbook_add_format(b->wb);
	format_set_bold(b->header);
	format_set_bg_color(b->header, 0xEEF1F4);
	format_set_border(b->header, LXW_BORDER_THIN);
	b->title = workbook_add_format(b->wb);
	format_set_bold(b->title);
	format_set_font_size(b->title, 14);
	b->num = workbook_add_format(b->wb);
	format_set_num_format(b->num, "0.00");
	b->fail = workbook_add_format(b->wb);
	format_set_num_format(b->fail, "0.00");
	format_set_bg_color(b->fail, 0xFDECEA);
	format_set_font_color(b->fail, 0xA4161A);
	b->flag = workbook_add_format(b->wb);
	format_set_font_color(b->flag, 0xA4161A);
	format_set_bold(b->flag);
	return 0;
}

static int book_close(struct book *b, struct kh_outfile *out, const char *out_path)
{
	lxw_error err = workbook_close(b->wb);
	if (err != LXW_NO_ERROR) {
		kh_error("%s: %s", out_path, lxw_strerror(err));
		kh_outfile_abort(out);
		return EX_IOERR;
	}
	return kh_outfile_commit(out);
}

static const char *flags_text(xmlNodePtr row, char *buf, size_t size)
{
	buf[0] = '\0';
	for (xmlNodePtr f = row->children; f; f = f->next) {
		if (!is_el(f, TREND_NS, "flag"))
			continue;
		size_t len = strlen(buf);
		if (strcmp(get(f, "kind"), "flip") == 0)
			snprintf(buf + len, size - len, "%s%s %s→%s（%s）", len ? "；" : "",
			         get(f, "to"), status_word(get(f, "from-status")),
			         status_word(get(f, "to-status")), kh_tr("结果翻转", "status flipped"));
		else
			snprintf(buf + len, size - len, "%s%s–%s %s %s%s", len ? "；" : "",
			         get(f, "from"), get(f, "to"), kh_tr("连续下降", "declined"),
			         get(f, "count"), kh_tr("期", " periods in a row"));
	}
	return buf;
}

int kh_render_trend_xlsx(xmlDocPtr trend, const char *out_path)
{
	xmlNodePtr root = xmlDocGetRootElement(trend);
	if (!is_el(root, TREND_NS, "trend")) {
		kh_error("%s", kh_tr("不是趋势 XML", "not a trend document"));
		return EX_DATAERR;
	}
	struct kh_outfile out;
	struct book b = { 0 };
	int rc = book_open(&b, &out, out_path, root, "kaohe trend");
	if (rc)
		return rc;
	char flags[2048];
	/* sheet 1: totals by period */
	lxw_worksheet *ws = workbook_add_worksheet(b.wb, kh_tr("总分趋势", "Totals"));
	put_str(ws, 0, 0, get(root, "title"), b.title);
	put_str(ws, 1, 0, get(root, "insurer"), NULL);
	const char *heads[] = { kh_tr("考核期", "Period"), kh_tr("得分", "Score"),
	                        kh_tr("满分", "Maximum"), kh_tr("等级", "Grade"),
	                        kh_tr("变化", "Change"), kh_tr("提示", "Flags") };
	for (lxw_col_t c = 0; c < 6; c++)
		worksheet_write_string(ws, 3, c, heads[c], b.header);
	lxw_row_t r = 4;
	for (xmlNodePtr t = root->children; t; t = t->next) {
		if (!is_el(t, TREND_NS, "total"))
			continue;
		for (xmlNodePtr c = t->children; c; c = c->next) {
			if (!is_el(c, TREND_NS, "cell"))
				continue;
			put_str(ws, r, 0, get(c, "period"), NULL);
			put_num(&b, ws, r, 1, get(c, "score"), NULL);
			put_num(&b, ws, r, 2, get(c, "max"), NULL);
			put_str(ws, r, 3, get(c, "grade"), NULL);
			put_num(&b, ws, r, 4, get(c, "change"),
			        strcmp(get(c, "decline"), "yes") == 0 ? b.fail : NULL);
			r++;
		}
		put_str(ws, r + 1, 0, flags_text(t, flags, sizeof flags), b.flag);
	}
	worksheet_set_column(ws, 0, 0, 14, NULL);
	worksheet_set_column(ws, 1, 5, 12, NULL);
	/* sheet 2: every indicator, period by period */
	ws = workbook_add_worksheet(b.wb, kh_tr("指标趋势", "Indicators"));
	worksheet_write_string(ws, 0, 0, kh_tr("指标", "Indicator"), b.header);
	worksheet_write_string(ws, 0, 1, kh_tr("类别", "Family"), b.header);
	lxw_col_t col = 2;
	size_t nperiods = 0;
	for (xmlNodePtr p = root->children; p; p = p->next) {
		if (!is_el(p, TREND_NS, "period"))
			continue;
		char *h = kh_xasprintf("%s %s", get(p, "id"), kh_tr("结果", "status"));
		worksheet_write_string(ws, 0, col++, h, b.header);
		free(h);
		h = kh_xasprintf("%s %s", get(p, "id"), kh_tr("得分", "points"));
		worksheet_write_string(ws, 0, col++, h, b.header);
		free(h);
		h = kh_xasprintf("%s %s", get(p, "id"), kh_tr("变化", "change"));
		worksheet_write_string(ws, 0, col++, h, b.header);
		free(h);
		nperiods++;
	}
	worksheet_write_string(ws, 0, col, kh_tr("提示", "Flags"), b.header);
	r = 1;
	/* categories (when the scorecards have them) first, then indicators */
	for (int pass = 0; pass < 2; pass++)
	for (xmlNodePtr ind = root->children; ind; ind = ind->next) {
		if (!is_el(ind, TREND_NS, pass == 0 ? "category" : "indicator"))
			continue;
		put_str(ws, r, 0, get(ind, "title"), pass == 0 ? b.header : NULL);
		put_str(ws, r, 1, pass == 0 ? kh_tr("类别合计", "category total")
		                            : get(ind, "family-title"), NULL);
		col = 2;
		for (xmlNodePtr c = ind->children; c; c = c->next) {
			if (!is_el(c, TREND_NS, "cell"))
				continue;
			int fail = strcmp(get(c, "status"), "fail") == 0;
			if (*get(c, "status"))
				put_str(ws, r, col, status_word(get(c, "status")), NULL);
			put_num(&b, ws, r, col + 1, get(c, "awarded"), fail ? b.fail : NULL);
			put_num(&b, ws, r, col + 2, get(c, "change"),
			        strcmp(get(c, "decline"), "yes") == 0 ? b.fail : NULL);
			col += 3;
		}
		put_str(ws, r, 2 + (lxw_col_t)(3 * nperiods), flags_text(ind, flags, sizeof flags),
		        b.flag);
		r++;
	}
	worksheet_set_column(ws, 0, 1, 24, NULL);
	worksheet_set_column(ws, 2, 2 + (lxw_col_t)(3 * nperiods), 11, NULL);
	worksheet_freeze_panes(ws, 1, 2);
	return book_close(&b, &out, out_path);
}

int kh_render_compare_xlsx(xmlDocPtr compare, const char *out_path)
{
	xmlNodePtr root = xmlDocGetRootElement(compare);
	if (!is_el(root, COMPARE_NS, "compare")) {
		kh_error("%s", kh_tr("不是比较 XML", "not a league-table document"));
		return EX_DATAERR;
	}
	struct kh_outfile out;
	struct book b = { 0 };
	int rc = book_open(&b, &out, out_path, root, "kaohe compare");
	if (rc)
		return rc;
	lxw_worksheet *ws = workbook_add_worksheet(b.wb, kh_tr("排名", "Ranking"));
	char *title = kh_xasprintf("%s %s", get(root, "period"), kh_tr("考核排名", "league table"));
	put_str(ws, 0, 0, title, b.title);
	free(title);
	const char *heads[] = { kh_tr("名次", "Rank"), kh_tr("分组", "Group"),
	                        kh_tr("合同", "Contract"), kh_tr("承办机构", "Insurer"),
	                        kh_tr("得分", "Score"), kh_tr("满分", "Maximum"),
	                        kh_tr("得分率", "Share"), kh_tr("等级", "Grade"),
	                        kh_tr("有数据的指标", "Indicators with data"),
	                        kh_tr("来源", "Source") };
	lxw_col_t col = 0;
	for (; col < 10; col++)
		worksheet_write_string(ws, 2, col, heads[col], b.header);
	for (xmlNodePtr c = root->children; c; c = c->next)
		if (is_el(c, COMPARE_NS, "category")) {
			char *h = kh_xasprintf("%s（%s）", get(c, "title"), kh_tr("名次", "rank"));
			worksheet_write_string(ws, 2, col++, get(c, "title"), b.header);
			worksheet_write_string(ws, 2, col++, h, b.header);
			free(h);
		}
	lxw_format *pct = workbook_add_format(b.wb);
	format_set_num_format(pct, "0.00%");
	lxw_row_t r = 3;
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (!is_el(c, COMPARE_NS, "contract"))
			continue;
		int complete = strcmp(get(c, "group"), "complete") == 0;
		char rank[32];
		snprintf(rank, sizeof rank, "%s%s", get(c, "rank"),
		         strcmp(get(c, "tied"), "yes") == 0 ? "=" : "");
		put_str(ws, r, 0, rank, NULL);
		put_str(ws, r, 1, complete ? kh_tr("数据完整", "complete")
		                           : kh_tr("数据不全（单独排名）", "incomplete (ranked apart)"),
		        complete ? NULL : b.flag);
		put_str(ws, r, 2, get(c, "id"), NULL);
		put_str(ws, r, 3, get(c, "insurer"), NULL);
		put_num(&b, ws, r, 4, get(c, "score"), NULL);
		put_num(&b, ws, r, 5, get(c, "max"), NULL);
		put_num(&b, ws, r, 6, get(c, "share"), pct);
		put_str(ws, r, 7, get(c, "grade"), NULL);
		char cov[64];
		snprintf(cov, sizeof cov, "%s/%s", get(c, "coverage"), get(c, "indicators"));
		put_str(ws, r, 8, cov, complete ? NULL : b.flag);
		put_str(ws, r, 9, get(c, "source"), NULL);
		col = 10;
		for (xmlNodePtr k = c->children; k; k = k->next)
			if (is_el(k, COMPARE_NS, "category")) {
				put_num(&b, ws, r, col++, get(k, "awarded"), NULL);
				put_num(&b, ws, r, col++, get(k, "rank"), NULL);
			}
		r++;
	}
	worksheet_set_column(ws, 0, 1, 12, NULL);
	worksheet_set_column(ws, 2, 3, 28, NULL);
	/* sheet 2: indicators side by side */
	ws = workbook_add_worksheet(b.wb, kh_tr("指标对比", "Indicators"));
	worksheet_write_string(ws, 0, 0, kh_tr("指标", "Indicator"), b.header);
	worksheet_write_string(ws, 0, 1, kh_tr("分值", "Points"), b.header);
	col = 2;
	for (xmlNodePtr c = root->children; c; c = c->next)
		if (is_el(c, COMPARE_NS, "contract"))
			worksheet_write_string(ws, 0, col++, get(c, "id"), b.header);
	r = 1;
	for (xmlNodePtr ind = root->children; ind; ind = ind->next) {
		if (!is_el(ind, COMPARE_NS, "indicator"))
			continue;
		put_str(ws, r, 0, get(ind, "title"), NULL);
		put_num(&b, ws, r, 1, get(ind, "points"), NULL);
		col = 2;
		for (xmlNodePtr c = root->children; c; c = c->next) {
			if (!is_el(c, COMPARE_NS, "contract"))
				continue;
			for (xmlNodePtr k = c->children; k; k = k->next)
				if (is_el(k, COMPARE_NS, "cell") &&
				    strcmp(get(k, "indicator"), get(ind, "id")) == 0) {
					const char *st = get(k, "status");
					if (strcmp(st, "pass") == 0 || strcmp(st, "fail") == 0)
						put_num(&b, ws, r, col, get(k, "awarded"),
						        strcmp(st, "fail") == 0 ? b.fail : NULL);
					else
						put_str(ws, r, col, status_word(st), b.flag);
				}
			col++;
		}
		r++;
	}
	worksheet_set_column(ws, 0, 0, 28, NULL);
	worksheet_set_column(ws, 2, col, 18, NULL);
	worksheet_freeze_panes(ws, 1, 2);
	return book_close(&b, &out, out_path);
}
