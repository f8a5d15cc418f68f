/* render-xlsx.c: the scorecard XML as an XLSX workbook (libxlsxwriter):
 * overview, indicator summary, one sheet per indicator's evidence, fees,
 * provenance.  Numbers are written as numbers with formats; the creation
 * time comes from the scorecard so one XML always gives the same bytes.
 * Reads the document only; writes the workbook to a temporary name first. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include <libxml/tree.h>
#include <xlsxwriter.h>

#include "dates.h"
#include "msg.h"
#include "outfile.h"
#include "render.h"

#define SC_NS "urn:kaohe:scorecard:1"
#define MAX_COLUMNS 64
#define MAX_SHEETS 256
#define SHEET_NAME_MAX 31

struct formats {
	lxw_format *title, *header, *money, *rate, *date, *fail, *fail_num, *bold;
};

/* A worksheet and the widest text seen per column. */
struct sheet {
	lxw_worksheet *ws;
	double width[MAX_COLUMNS];
};

struct book {
	lxw_workbook *wb;
	struct formats f;
	char *names[MAX_SHEETS];
	size_t nnames;
};

static int is_element(xmlNodePtr node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE && node->ns &&
	       xmlStrEqual(node->ns->href, BAD_CAST SC_NS) &&
	       xmlStrEqual(node->name, BAD_CAST name);
}

static xmlNodePtr first_child(xmlNodePtr parent, const char *name)
{
	for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next)
		if (is_element(c, name))
			return c;
	return NULL;
}

/* An attribute's value as a const string living as long as the document
 * (the text child of the attribute), or "" when absent. */
static const char *get(xmlNodePtr node, const char *name)
{
	xmlAttrPtr a = node ? xmlHasProp(node, BAD_CAST name) : NULL;
	if (a && a->children && a->children->content)
		return (const char *)a->children->content;
	return "";
}

/* Display width: a CJK (wide) character counts as 2. */
static double text_width(const char *text)
{
	double w = 0;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if ((*p & 0xC0) == 0x80)
			continue;
		w += *p >= 0xE1 ? 2 : 1;   /* lead bytes of U+1000 and up */
	}
	return w;
}

static void widen(struct sheet *s, lxw_col_t col, double w)
{
	if (col < MAX_COLUMNS && w > s->width[col])
		s->width[col] = w;
}

/* Excel keeps at most this many characters in a cell; libxlsxwriter
 * refuses longer text (and would leave the cell empty). */
#define CELL_MAX_CHARS 32767

/* text cut to fit a cell, ending in a visible mark that gives the length
 * of the whole; characters counted as libxlsxwriter counts them. */
static char *cut_to_cell(const char *text, size_t chars)
{
	char *mark = kh_lang == KH_LANG_EN
	             ? kh_xasprintf("... [truncated: %zu characters in all]", chars)
	             : kh_xasprintf("……［已截断：原文 %zu 字符］", chars);
	size_t keep = CELL_MAX_CHARS - lxw_utf8_strlen(mark), n = 0;
	const char *p = text;
	for (; *p; p++)
		if (((unsigned char)*p & 0xC0) != 0x80 && n++ == keep)
			break;
	char *cut = kh_xasprintf("%.*s%s", (int)(p - text), text, mark);
	free(mark);
	return cut;
}

static void put_text(struct sheet *s, lxw_row_t row, lxw_col_t col,
                     const char *text, lxw_format *fmt)
{
	if (worksheet_write_string(s->ws, row, col, text, fmt)
	    == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
		size_t chars = lxw_utf8_strlen(text);
		char *cut = cut_to_cell(text, chars);
		char cell[32];
		lxw_rowcol_to_cell(cell, row, col);
		kh_warn("%s!%s: %s %zu %s", s->ws->name, cell,
		        kh_tr("文本长", "text of"), chars,
		        kh_tr("字符，超过 Excel 单元格上限 32767，已截断并标注",
		              "characters exceeds Excel's 32,767 per cell: "
		              "truncated, with a mark"));
		worksheet_write_string(s->ws, row, col, cut, fmt);
		free(cut);
	}
	widen(s, col, text_width(text));
}

/* -?digits(.digits)? with no leading zero before more digits (so that
 * "000123" stays text). */
static int decimal_text(const char *text)
{
	const char *p = text;
	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return 0;
	if (*p == '0' && p[1] >= '0' && p[1] <= '9')
		return 0;
	size_t digits = 0;
	while (*p >= '0' && *p <= '9')
		p++, digits++;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0' && digits <= 15;
}

static void put_number_text(struct sheet *s, lxw_row_t row, lxw_col_t col,
                            const char *text, lxw_format *fmt)
{
	if (decimal_text(text)) {
		worksheet_write_number(s->ws, row, col, strtod(text, NULL), fmt);
		widen(s, col, (double)strlen(text) + 4);
	} else {
		put_text(s, row, col, text, NULL);
	}
}

/* A cell of free text: a number, a date, or a string. */
static void put_value(struct book *b, struct sheet *s, lxw_row_t row,
                      lxw_col_t col, const char *text)
{
	kh_day day;
	size_t len = strlen(text);
	if (decimal_text(text)) {
		put_number_text(s, row, col, text, NULL);
	} else if (len == 10 && text[4] == '-' && kh_day_parse(text, &day) == 0) {
		int y, m, d;
		kh_day_to_ymd(day, &y, &m, &d);
		lxw_datetime dt = { y, m, d, 0, 0, 0 };
		worksheet_write_datetime(s->ws, row, col, &dt, b->f.date);
		widen(s, col, 11);
	} else {
		put_text(s, row, col, text, NULL);
	}
}

static void finish_sheet(struct sheet *s, lxw_col_t ncols, int freeze_rows)
{
	for (lxw_col_t c = 0; c < ncols && c < MAX_COLUMNS; c++) {
		double w = s->width[c] + 2;
		worksheet_set_column(s->ws, c, c, w < 8 ? 8 : w > 60 ? 60 : w, NULL);
	}
	if (freeze_rows)
		worksheet_freeze_panes(s->ws, (lxw_row_t)freeze_rows, 0);
}

/* ---- sheet names ------------------------------------------------------ */

/* Copy at most `max` UTF-8 characters of text, replacing []:*?/\ and
 * control characters; never an apostrophe at either end. */
static char *clean_sheet_name(const char *text, size_t max)
{
	char *out = kh_xmalloc(strlen(text) + 2), *o = out;
	size_t chars = 0;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if ((*p & 0xC0) != 0x80) {
			if (chars == max)
				break;
			chars++;
		}
		*o++ = (strchr("[]:*?/\\", *p) || *p < 0x20) ? '_' : (char)*p;
	}
	*o = '\0';
	while (o > out && o[-1] == '\'')
		*--o = '\0';
	char *start = out;
	while (*start == '\'')
		start++;
	if (!*start) {
		free(out);
		return kh_xstrdup("sheet");
	}
	memmove(out, start, strlen(start) + 1);
	return out;
}

static int name_taken(const struct book *b, const char *name)
{
	for (size_t i = 0; i < b->nnames; i++)
		if (strcasecmp(b->names[i], name) == 0)
			return 1;
	return 0;
}

/* A unique, valid sheet name for `wanted`. */
static const char *sheet_name(struct book *b, const char *wanted)
{
	char *name = clean_sheet_name(wanted, SHEET_NAME_MAX);
	for (int n = 2; name_taken(b, name) && n < 10000; n++) {
		char *base = clean_sheet_name(wanted, SHEET_NAME_MAX - 6);
		free(name);
		name = kh_xasprintf("%s (%d)", base, n);
		free(base);
	}
	if (b->nnames == MAX_SHEETS) {
		free(name);
		return NULL;
	}
	b->names[b->nnames++] = name;
	return name;
}

static int add_sheet(struct book *b, const char *wanted, struct sheet *s)
{
	memset(s, 0, sizeof *s);
	const char *name = sheet_name(b, wanted);
	s->ws = name ? workbook_add_worksheet(b->wb, name) : NULL;
	return s->ws ? 0 : -1;
}

/* ---- sheets ----------------------------------------------------------- */

static void header_row(struct book *b, struct sheet *s, lxw_row_t row,
                       const char *const *titles)
{
	for (lxw_col_t c = 0; titles[c]; c++)
		put_text(s, row, c, titles[c], b->f.header);
}

static void overview_sheet(struct book *b, xmlNodePtr root)
{
	struct sheet s;
	if (add_sheet(b, kh_tr("概况", "Overview"), &s))
		return;
	xmlNodePtr sum = first_child(root, "summary");
	lxw_row_t r = 0;
	put_text(&s, r, 0, kh_tr("项目", "Item"), b->f.header);
	put_text(&s, r++, 1, kh_tr("内容", "Value"), b->f.header);
	const struct { const char *zh, *en, *value; } texts[] = {
		{ "合同名称", "Contract title", get(root, "title") },
		{ "合同", "Contract", get(root, "contract") },
		{ "合同版本", "Contract version", get(root, "contract-version") },
		{ "采购方", "Purchaser", get(root, "purchaser") },
		{ "承办机构", "Insurer", get(root, "insurer") },
		{ "考核期", "Period", get(root, "period") },
		{ "期间起", "Period first day", get(root, "period-first") },
		{ "期间止", "Period last day", get(root, "period-last") },
		{ "评价基准日", "As of", get(root, "as-of") },
		{ "生成时间", "Generated", get(root, "generated") },
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		put_text(&s, r, 0, kh_tr(texts[i].zh, texts[i].en), b->f.bold);
		if (strlen(texts[i].value) == 10 && texts[i].value[4] == '-')
			put_value(b, &s, r++, 1, texts[i].value);   /* a date */
		else
			put_text(&s, r++, 1, texts[i].value, NULL);
	}
	const struct { const char *zh, *en, *attr; } numbers[] = {
		{ "得分", "Score", "score" }, { "满分", "Maximum", "max" },
		{ "达标", "Passed", "pass" }, { "未达标", "Failed", "fail" },
		{ "不适用", "Not applicable", "na" },
	};
	for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
		put_text(&s, r, 0, kh_tr(numbers[i].zh, numbers[i].en), b->f.bold);
		put_number_text(&s, r++, 1, get(sum, numbers[i].attr), NULL);
	}
	put_text(&s, r, 0, kh_tr("等级", "Grade"), b->f.bold);
	put_text(&s, r++, 1, get(sum, "grade"), NULL);
	xmlNodePtr triggers = first_child(root, "triggers");
	for (xmlNodePtr t = triggers ? triggers->children : NULL; t; t = t->next) {
		if (!is_element(t, "trigger"))
			continue;
		put_text(&s, r, 0, kh_tr("触发条款", "Trigger"), b->f.bold);
		char *text = kh_xasprintf("%s %s", get(t, "clause"), get(t, "text"));
		put_text(&s, r++, 1, text, b->f.fail);
		free(text);
	}
	finish_sheet(&s, 2, 1);
}

static int percent_text(const char *text)
{
	size_t n = strlen(text);
	return n > 0 && text[n - 1] == '%';
}

static void summary_sheet(struct book *b, xmlNodePtr root)
{
	struct sheet s;
	if (add_sheet(b, kh_tr("指标汇总", "Summary"), &s))
		return;
	const char *const zh[] = { "序号", "条款", "指标", "计量方法", "目标", "实际值",
	                           "数值", "结果", "分值", "得分", NULL };
	const char *const en[] = { "No.", "Clause", "Indicator", "Measure", "Target",
	                           "Value", "Number", "Status", "Points", "Awarded", NULL };
	header_row(b, &s, 0, kh_lang == KH_LANG_EN ? en : zh);
	lxw_row_t r = 1;
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (!is_element(c, "indicator"))
			continue;
		const char *status = get(c, "status");
		int fail = strcmp(status, "fail") == 0;
		lxw_format *text_fmt = fail ? b->f.fail : NULL;
		worksheet_write_number(s.ws, r, 0, (double)r, text_fmt);
		put_text(&s, r, 1, get(c, "clause"), text_fmt);
		put_text(&s, r, 2, get(c, "title"), text_fmt);
		put_text(&s, r, 3, get(c, "measure"), text_fmt);
		put_text(&s, r, 4, get(c, "target-text"), text_fmt);
		put_text(&s, r, 5, get(c, "value-text"), text_fmt);
		const char *value = get(c, "value");
		if (*value)
			put_number_text(&s, r, 6, value,
			                percent_text(get(c, "value-text")) ? b->f.rate : text_fmt);
		put_text(&s, r, 7,
		         fail ? kh_tr("未达标", "fail") :
		         strcmp(status, "pass") == 0 ? kh_tr("达标", "pass") :
		                                       kh_tr("不适用", "n/a"), text_fmt);
		put_number_text(&s, r, 8, get(c, "points"), fail ? b->f.fail_num : b->f.money);
		put_number_text(&s, r, 9, get(c, "awarded"), fail ? b->f.fail_num : b->f.money);
		r++;
	}
	xmlNodePtr sum = first_child(root, "summary");
	put_text(&s, r, 7, kh_tr("合计", "Total"), b->f.header);
	put_number_text(&s, r, 8, get(sum, "max"), b->f.money);
	put_number_text(&s, r, 9, get(sum, "score"), b->f.money);
	finish_sheet(&s, 10, 1);
}

static void evidence_sheet(struct book *b, xmlNodePtr indicator, xmlNodePtr evidence)
{
	struct sheet s;
	const char *title = get(indicator, "title");
	if (add_sheet(b, *title ? title : get(indicator, "id"), &s))
		return;
	/* The columns: the column elements, else the first item's attributes. */
	const char *names[MAX_COLUMNS], *heads[MAX_COLUMNS];
	lxw_col_t ncols = 0;
	for (xmlNodePtr c = evidence->children; c && ncols < MAX_COLUMNS; c = c->next) {
		if (!is_element(c, "column"))
			continue;
		names[ncols] = get(c, "name");
		heads[ncols] = c->children && c->children->content ?
		               (const char *)c->children->content : names[ncols];
		ncols++;
	}
	xmlNodePtr first = first_child(evidence, "item");
	if (ncols == 0 && first)
		for (xmlAttrPtr a = first->properties; a && ncols < MAX_COLUMNS; a = a->next) {
			names[ncols] = heads[ncols] = (const char *)a->name;
			ncols++;
		}
	for (lxw_col_t c = 0; c < ncols; c++)
		put_text(&s, 0, c, heads[c], b->f.header);
	lxw_row_t r = 1;
	for (xmlNodePtr it = evidence->children; it; it = it->next) {
		if (!is_element(it, "item"))
			continue;
		for (lxw_col_t c = 0; c < ncols; c++)
			put_value(b, &s, r, c, get(it, names[c]));
		r++;
	}
	char *note = kh_lang == KH_LANG_EN ?
		kh_xasprintf("%lu shown of %s", (unsigned long)(r - 1), get(evidence, "count")) :
		kh_xasprintf("显示 %lu 条，共 %s 条", (unsigned long)(r - 1), get(evidence, "count"));
	worksheet_write_string(s.ws, r + 1, 0, note, b->f.bold);
	free(note);
	finish_sheet(&s, ncols, 1);
}

static void fees_sheet(struct book *b, xmlNodePtr fees)
{
	struct sheet s;
	if (add_sheet(b, kh_tr("服务费", "Fees"), &s))
		return;
	const char *const zh[] = { "季度", "服务费（元）", "扣减比例", "扣减额（元）",
	                           "条款", "原因", NULL };
	const char *const en[] = { "Quarter", "Fee (yuan)", "Deduction rate",
	                           "Deduction (yuan)", "Clause", "Reason", NULL };
	header_row(b, &s, 0, kh_lang == KH_LANG_EN ? en : zh);
	lxw_row_t r = 1;
	for (xmlNodePtr q = fees->children; q; q = q->next) {
		if (!is_element(q, "quarter"))
			continue;
		put_text(&s, r, 0, get(q, "period"), NULL);
		put_number_text(&s, r, 1, get(q, "fee"), b->f.money);
		put_number_text(&s, r, 2, get(q, "deduction-rate"), b->f.rate);
		put_number_text(&s, r, 3, get(q, "deduction"), b->f.money);
		put_text(&s, r, 4, get(q, "clause"), NULL);
		put_text(&s, r, 5, get(q, "reason"), NULL);
		r++;
	}
	if (first_child(fees, "line")) {
		r++;
		const char *const lzh[] = { "类别", "条款", "金额（元）", "说明", NULL };
		const char *const len[] = { "Kind", "Clause", "Amount (yuan)", "Description", NULL };
		header_row(b, &s, r++, kh_lang == KH_LANG_EN ? len : lzh);
		for (xmlNodePtr l = fees->children; l; l = l->next) {
			if (!is_element(l, "line"))
				continue;
			put_text(&s, r, 0, get(l, "kind"), NULL);
			put_text(&s, r, 1, get(l, "clause"), NULL);
			put_number_text(&s, r, 2, get(l, "amount"), b->f.money);
			put_text(&s, r, 3, get(l, "text"), NULL);
			r++;
		}
	}
	r++;
	const struct { const char *zh, *en, *attr; } totals[] = {
		{ "服务费总额", "Total fee", "total" },
		{ "扣减合计", "Deductions", "deductions" },
		{ "应付净额", "Amount due", "due" },
	};
	put_text(&s, r, 0, kh_tr("计费方式", "Fee model"), b->f.bold);
	put_text(&s, r++, 1, get(fees, "model"), NULL);
	for (size_t i = 0; i < 3; i++) {
		put_text(&s, r, 0, kh_tr(totals[i].zh, totals[i].en), b->f.bold);
		put_number_text(&s, r++, 1, get(fees, totals[i].attr), b->f.money);
	}
	finish_sheet(&s, 6, 1);
}

static void provenance_sheet(struct book *b, xmlNodePtr prov)
{
	struct sheet s;
	if (add_sheet(b, kh_tr("数据来源", "Provenance"), &s))
		return;
	const char *const zh[] = { "导入号", "类型", "文件", "行数", "导入时间", "SHA-256", NULL };
	const char *const en[] = { "Import", "Kind", "File", "Rows", "Imported at", "SHA-256", NULL };
	header_row(b, &s, 0, kh_lang == KH_LANG_EN ? en : zh);
	lxw_row_t r = 1;
	for (xmlNodePtr c = prov->children; c; c = c->next) {
		if (is_element(c, "contract")) {
			put_text(&s, r, 1, kh_tr("合同定义", "contract"), NULL);
			char *text = kh_xasprintf("%s v%s", get(c, "id"), get(c, "version"));
			put_text(&s, r, 2, text, NULL);
			free(text);
			put_text(&s, r++, 5, get(c, "sha256"), NULL);
		} else if (is_element(c, "import")) {
			put_number_text(&s, r, 0, get(c, "id"), NULL);
			put_text(&s, r, 1, get(c, "kind"), NULL);
			put_text(&s, r, 2, get(c, "file"), NULL);
			put_number_text(&s, r, 3, get(c, "rows"), NULL);
			put_text(&s, r, 4, get(c, "imported-at"), NULL);
			put_text(&s, r++, 5, get(c, "sha256"), NULL);
		}
	}
	finish_sheet(&s, 6, 1);
}

/* ---- the workbook --------------------------------------------------------- */

static void make_formats(struct book *b)
{
	struct formats *f = &b->f;
	f->header = workbook_add_format(b->wb);
	format_set_bold(f->header);
	format_set_bg_color(f->header, 0xDDE5F0);
	format_set_border(f->header, LXW_BORDER_THIN);
	f->bold = workbook_add_format(b->wb);
	format_set_bold(f->bold);
	f->title = f->bold;
	f->money = workbook_add_format(b->wb);
	format_set_num_format(f->money, "#,##0.00");
	f->rate = workbook_add_format(b->wb);
	format_set_num_format(f->rate, "0.00%");
	f->date = workbook_add_format(b->wb);
	format_set_num_format(f->date, "yyyy-mm-dd");
	f->fail = workbook_add_format(b->wb);
	format_set_bg_color(f->fail, 0xFDECEA);
	format_set_font_color(f->fail, 0xA4161A);
	f->fail_num = workbook_add_format(b->wb);
	format_set_bg_color(f->fail_num, 0xFDECEA);
	format_set_font_color(f->fail_num, 0xA4161A);
	format_set_num_format(f->fail_num, "#,##0.00");
}

/* @generated as a time_t (read as UTC so the result is the same in every
 * time zone); 2000-01-01 when absent. */
static time_t creation_time(xmlNodePtr root)
{
	struct tm tm = { .tm_year = 100, .tm_mday = 1 };
	const char *g = get(root, "generated");
	int y, mo, d, h = 0, mi = 0, s = 0;
	if (sscanf(g, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) >= 3) {
		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = d;
		tm.tm_hour = h;
		tm.tm_min = mi;
		tm.tm_sec = s;
	}
	return timegm(&tm);
}

int kh_render_scorecard_xlsx(xmlDocPtr scorecard, const char *out_path)
{
	xmlNodePtr root = xmlDocGetRootElement(scorecard);
	if (!is_element(root, "scorecard")) {
		kh_error("%s", kh_tr("不是考核评分 XML", "not a scorecard XML document"));
		return EX_DATAERR;
	}
	struct kh_outfile out;
	int rc = kh_outfile_open(&out, out_path, KH_OUTFILE_NAMED);
	if (rc)
		return rc;
	struct book b = { 0 };
	b.wb = workbook_new(out.tmp);
	if (!b.wb) {
		kh_error("%s: %s", out_path, kh_tr("无法创建", "cannot create"));
		kh_outfile_abort(&out);
		return EX_CANTCREAT;
	}
	lxw_doc_properties props = {
		.title = (char *)get(root, "title"),
		.company = (char *)get(root, "insurer"),
		.comments = (char *)"kaohe scorecard",
		.created = creation_time(root),
	};
	workbook_set_properties(b.wb, &props);
	make_formats(&b);
	overview_sheet(&b, root);
	summary_sheet(&b, root);
	for (xmlNodePtr c = root->children; c; c = c->next) {
		xmlNodePtr ev = is_element(c, "indicator") ? first_child(c, "evidence") : NULL;
		if (ev)
			evidence_sheet(&b, c, ev);
	}
	xmlNodePtr fees = first_child(root, "fees");
	if (fees)
		fees_sheet(&b, fees);
	xmlNodePtr prov = first_child(root, "provenance");
	if (prov)
		provenance_sheet(&b, prov);
	lxw_error err = workbook_close(b.wb);
	for (size_t i = 0; i < b.nnames; i++)
		free(b.names[i]);
	if (err != LXW_NO_ERROR) {
		kh_error("%s: %s", out_path, lxw_strerror(err));
		kh_outfile_abort(&out);
		return EX_IOERR;
	}
	return kh_outfile_commit(&out);
}
