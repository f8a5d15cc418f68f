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
#include "money.h"
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


/* ---- words, default marks, money -------------------------------------- */

static const char *default_word(void)
{
	return kh_tr("（默认）", "(default)");
}

static const char *default_legend(void)
{
	return kh_tr("标注“（默认）”的数字不是合同原文给出的，而是模板在合同留给采购方决定之处"
	             "设定的默认值（分值、等级划分、期限、返还比例等），以采购方的考核方案为准。",
	             "Numbers marked (default) are not in the contract's text: the template set "
	             "them where the contract leaves them to the purchaser (points, grade bands, "
	             "day limits, return shares); the purchaser's assessment plan prevails.");
}

/* A rate in the scorecard's form: digits, a point, four places. */
static int rate_text(const char *text)
{
	const char *dot = strchr(text, '.');
	return dot && strlen(dot + 1) == 4 && decimal_text(text);
}

/* Does anything in the scorecard rest on a template default? */
static int has_defaults(xmlNodePtr root)
{
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (is_element(c, "indicator") &&
		    (strcmp(get(c, "points-default"), "yes") == 0 || first_child(c, "default")))
			return 1;
		if (is_element(c, "summary") && strcmp(get(c, "grades-default"), "yes") == 0)
			return 1;
		if (is_element(c, "fees"))
			for (xmlNodePtr l = c->children; l; l = l->next)
				if (is_element(l, "line") && strcmp(get(l, "default"), "yes") == 0)
					return 1;
	}
	return 0;
}

/* "优秀 ≥ 90 · 良好 ≥ 80 …" from summary/grade; "" when none. */
static char *grade_bands(xmlNodePtr summary)
{
	char *out = kh_xstrdup("");
	for (xmlNodePtr g = summary ? summary->children : NULL; g; g = g->next) {
		if (!is_element(g, "grade"))
			continue;
		char min[32];
		snprintf(min, sizeof min, "%s", get(g, "min"));
		size_t n = strlen(min);
		if (n > 3 && strcmp(min + n - 3, ".00") == 0)
			min[n - 3] = '\0';
		char *next = kh_xasprintf("%s%s%s ≥ %s", out, *out ? " · " : "", get(g, "name"), min);
		free(out);
		out = next;
	}
	return out;
}

/* What of an indicator is the template's: "分值；结算期限（工作日） 15". */
static char *indicator_defaults(xmlNodePtr ind)
{
	char *out = kh_xstrdup(strcmp(get(ind, "points-default"), "yes") == 0 ?
	                       kh_tr("分值", "points") : "");
	for (xmlNodePtr d = ind->children; d; d = d->next) {
		if (!is_element(d, "default"))
			continue;
		char *next = kh_xasprintf("%s%s%s %s", out, *out ? kh_tr("；", "; ") : "",
		                          kh_word_or_code("param", get(d, "param")), get(d, "value"));
		free(out);
		out = next;
	}
	return out;
}

static int is_fund(xmlNodePtr fees)
{
	return strncmp(get(fees, "model"), "fund", 4) == 0;
}

/* The heading of a money figure: a fund's words or a fee's. */
static const char *money_label(xmlNodePtr fees, const char *attr)
{
	int fund = is_fund(fees);
	if (strcmp(attr, "total") == 0)
		return fund ? kh_tr("结余", "Margin") : kh_tr("服务费总额", "Total fee");
	if (strcmp(attr, "deductions") == 0)
		return fund ? kh_tr("转出与扣留合计", "Paid over and withheld")
		            : kh_tr("扣减合计", "Deductions");
	return fund ? kh_tr("乙方年度净结果", "Insurer's net result") : kh_tr("应付净额", "Amount due");
}

/* The money result on the overview; returns the next row. */
static lxw_row_t money_result(struct book *b, struct sheet *s, xmlNodePtr fees, lxw_row_t r)
{
	put_text(s, r, 0, money_label(fees, "due"), b->f.bold);
	put_number_text(s, r++, 1, get(fees, "due"), b->f.money);
	if (!is_fund(fees)) {
		put_text(s, r, 0, money_label(fees, "total"), b->f.bold);
		put_number_text(s, r++, 1, get(fees, "total"), b->f.money);
		put_text(s, r, 0, money_label(fees, "deductions"), b->f.bold);
		put_number_text(s, r++, 1, get(fees, "deductions"), b->f.money);
		return r;
	}
	static const char *const shown[] = { "kept", "returned", "surplus-to-fiscal",
	                                     "insurer-loss", "deposit-returned",
	                                     "deposit-withheld", NULL };
	for (xmlNodePtr l = fees->children; l; l = l->next) {
		if (!is_element(l, "line"))
			continue;
		for (size_t i = 0; shown[i]; i++)
			if (strcmp(get(l, "kind"), shown[i]) == 0) {
				put_text(s, r, 0, kh_word_or_code("kind", shown[i]), b->f.bold);
				put_number_text(s, r, 1, get(l, "amount"), b->f.money);
				if (strcmp(get(l, "default"), "yes") == 0)
					put_text(s, r, 2, default_word(), NULL);
				r++;
			}
	}
	return r;
}

static int quarter_like(const char *ref)
{
	size_t n = strlen(ref);
	return (n == 6 && ref[4] == 'Q') || (n == 7 && ref[4] == '-');
}

static void append_period(char **out, const char *period)
{
	char *next = kh_xasprintf("%s%s%s", *out, **out ? kh_tr("、", ", ") : "", period);
	free(*out);
	*out = next;
}

/* The quarters a trigger applies to, as templates/scorecard.xsl finds
 * them: its @period, else the periods of its indicator's money lines of
 * the same kind, else the quarter rows of a quarterly measure's evidence. */
static char *trigger_quarters(xmlNodePtr root, xmlNodePtr t)
{
	char *out = kh_xstrdup("");
	const char *id = get(t, "indicator"), *action = get(t, "action");
	char *listed = kh_xstrdup(get(t, "period")), *save = NULL;
	for (char *p = strtok_r(listed, " ", &save); p; p = strtok_r(NULL, " ", &save))
		append_period(&out, p);
	free(listed);
	if (*out || !*id)
		return out;
	xmlNodePtr fees = first_child(root, "fees");
	for (xmlNodePtr l = fees ? fees->children : NULL; l; l = l->next)
		if (is_element(l, "line") && strcmp(get(l, "kind"), action) == 0 &&
		    strcmp(get(l, "indicator"), id) == 0 && *get(l, "period"))
			append_period(&out, get(l, "period"));
	if (*out)
		return out;
	xmlNodePtr ind = NULL;
	for (xmlNodePtr c = root->children; c && !ind; c = c->next)
		if (is_element(c, "indicator") && strcmp(get(c, "id"), id) == 0)
			ind = c;
	const char *measure = get(ind, "measure");
	if (strcmp(measure, "audit-pass-rate") != 0 && strcmp(measure, "activity") != 0)
		return out;
	xmlNodePtr ev = first_child(ind, "evidence");
	for (xmlNodePtr it = ev ? ev->children : NULL; it; it = it->next) {
		if (!is_element(it, "item") || !quarter_like(get(it, "ref")))
			continue;
		if (strcmp(action, "re-review") == 0 && !*get(it, "action"))
			continue;
		if (strcmp(action, "deduct-fee") == 0 && !(strtod(get(it, "deduct"), NULL) > 0))
			continue;
		append_period(&out, get(it, "ref"));
	}
	return out;
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
	put_text(&s, r, 1, get(sum, "grade"), NULL);
	if (strcmp(get(sum, "grades-default"), "yes") == 0)
		put_text(&s, r, 2, default_word(), NULL);
	r++;
	char *bands = grade_bands(sum);
	if (*bands) {
		put_text(&s, r, 0, kh_tr("等级划分", "Grade bands"), b->f.bold);
		put_text(&s, r, 1, bands, NULL);
		if (strcmp(get(sum, "grades-default"), "yes") == 0)
			put_text(&s, r, 2, default_word(), NULL);
		r++;
	}
	free(bands);
	xmlNodePtr fees = first_child(root, "fees");
	if (fees)
		r = money_result(b, &s, fees, r);
	xmlNodePtr triggers = first_child(root, "triggers");
	for (xmlNodePtr t = triggers ? triggers->children : NULL; t; t = t->next) {
		if (!is_element(t, "trigger"))
			continue;
		put_text(&s, r, 0, kh_tr("触发条款", "Trigger"), b->f.bold);
		char *quarters = trigger_quarters(root, t);
		char *text = kh_xasprintf("%s %s %s%s%s%s", get(t, "clause"),
		                          kh_word_or_code("action", get(t, "action")), get(t, "text"),
		                          *quarters ? kh_tr("（适用于 ", " (applies to ") : "",
		                          quarters, *quarters ? kh_tr("）", ")") : "");
		put_text(&s, r++, 1, text, b->f.fail);
		free(text);
		free(quarters);
	}
	if (has_defaults(root)) {
		r++;
		put_text(&s, r++, 0, default_legend(), NULL);
	}
	finish_sheet(&s, 3, 1);
}

static int percent_text(const char *text)
{
	size_t n = strlen(text);
	return n > 0 && text[n - 1] == '%';
}

/* The rubric's columns of an indicator row: category title, method,
 * where the award comes from, the computed award a mark overrode, the
 * criterion (issue 16). */
static void rubric_cells(struct book *b, struct sheet *s, lxw_row_t r,
                         xmlNodePtr root, xmlNodePtr ind)
{
	const char *category = get(ind, "category");
	for (xmlNodePtr c = root->children; *category && c; c = c->next)
		if (is_element(c, "category") && strcmp(get(c, "id"), category) == 0)
			put_text(s, r, 11, get(c, "title"), NULL);
	if (*get(ind, "method")) {
		char *m = kh_xasprintf("%s%s", kh_word_or_code("method", get(ind, "method")),
		                       strcmp(get(ind, "method-default"), "yes") == 0 ? default_word() : "");
		put_text(s, r, 12, m, NULL);
		free(m);
	}
	if (*get(ind, "source"))
		put_text(s, r, 13, kh_word_or_code("level", get(ind, "source")), NULL);
	if (*get(ind, "computed-awarded"))
		put_number_text(s, r, 14, get(ind, "computed-awarded"), b->f.money);
	xmlNodePtr crit = first_child(ind, "criterion");
	if (crit) {
		xmlChar *text = xmlNodeGetContent(crit);
		put_text(s, r, 15, (const char *)text, NULL);
		xmlFree(text);
	}
}

/* Below the totals: category subtotals and each level's score. */
static lxw_row_t rubric_rows(struct book *b, struct sheet *s, lxw_row_t r,
                             xmlNodePtr root, xmlNodePtr sum)
{
	int any = 0;
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (!is_element(c, "category"))
			continue;
		if (!any++) {
			put_text(s, r, 1, kh_tr("类别", "Category"), b->f.header);
			put_text(s, r, 8, kh_tr("分值", "Points"), b->f.header);
			put_text(s, r, 9, kh_tr("得分", "Awarded"), b->f.header);
			r++;
		}
		char *title = kh_xasprintf("%s%s", get(c, "title"),
		                           strcmp(get(c, "default"), "yes") == 0 ? default_word() : "");
		put_text(s, r, 1, title, NULL);
		free(title);
		put_text(s, r, 2, get(c, "clause"), NULL);
		put_number_text(s, r, 8, get(c, "points"), b->f.money);
		put_number_text(s, r, 9, get(c, "awarded"), b->f.money);
		if (strcmp(get(c, "vetoed"), "yes") == 0)
			put_text(s, r, 10, kh_tr("一票否决", "vetoed"), b->f.fail);
		r++;
	}
	if (any)
		r++;
	int levels = 0;
	for (xmlNodePtr l = sum ? sum->children : NULL; l; l = l->next)
		levels += is_element(l, "level");
	if (levels < 2)
		return r;
	put_text(s, r, 1, kh_tr("层级", "Level"), b->f.header);
	put_text(s, r, 9, kh_tr("得分", "Score"), b->f.header);
	put_text(s, r, 10, kh_tr("等级", "Grade"), b->f.header);
	r++;
	for (xmlNodePtr l = sum->children; l; l = l->next) {
		if (!is_element(l, "level"))
			continue;
		char *name = kh_xasprintf("%s%s", kh_word_or_code("level", get(l, "code")),
		                          strcmp(get(l, "code"), get(sum, "final-level")) == 0 ?
		                          kh_tr("（最终）", " (final)") : "");
		put_text(s, r, 1, name, NULL);
		free(name);
		put_number_text(s, r, 9, get(l, "score"), b->f.money);
		put_text(s, r, 10, get(l, "grade"), NULL);
		r++;
	}
	xmlNodePtr diffs = first_child(root, "level-differences");
	if (!diffs)
		return r;
	r++;
	put_text(s, r, 1, kh_tr("层级差异", "Differences between levels"), b->f.header);
	r++;
	for (xmlNodePtr d = diffs->children; d; d = d->next) {
		if (!is_element(d, "difference"))
			continue;
		const char *title = get(d, "indicator");
		for (xmlNodePtr c = root->children; c; c = c->next)
			if (is_element(c, "indicator") && strcmp(get(c, "id"), get(d, "indicator")) == 0)
				title = get(c, "title");
		put_text(s, r, 1, title, NULL);
		char *what = kh_xasprintf("%s → %s", kh_word_or_code("level", get(d, "from")),
		                          kh_word_or_code("level", get(d, "to")));
		put_text(s, r, 2, what, NULL);
		free(what);
		put_number_text(s, r, 8, get(d, "from-score"), b->f.money);
		put_number_text(s, r, 9, get(d, "to-score"), b->f.money);
		put_number_text(s, r, 10, get(d, "delta"), b->f.money);
		r++;
	}
	return r;
}

static void summary_sheet(struct book *b, xmlNodePtr root)
{
	struct sheet s;
	if (add_sheet(b, kh_tr("指标汇总", "Summary"), &s))
		return;
	const char *const zh[] = { "序号", "条款", "指标", "计量方法", "目标", "实际值",
	                           "数值", "结果", "分值", "得分", "模板默认值",
	                           "类别", "评分方法", "得分来源", "数据计算得分", "评分标准", NULL };
	const char *const en[] = { "No.", "Clause", "Indicator", "Measure", "Target",
	                           "Value", "Number", "Status", "Points", "Awarded",
	                           "Template defaults", "Category", "Method", "Source",
	                           "Computed", "Criterion", NULL };
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
		put_text(&s, r, 3, kh_word_or_code("measure", get(c, "measure")), text_fmt);
		put_text(&s, r, 4, get(c, "target-text"), text_fmt);
		const char *value_text = get(c, "value-text");
		if (strcmp(get(c, "measure"), "activity") == 0 && percent_text(value_text)) {
			char *shown = kh_xasprintf("%s%s", kh_tr("达标期间占比 ", "intervals met: "),
			                           value_text);
			put_text(&s, r, 5, shown, text_fmt);
			free(shown);
		} else {
			put_text(&s, r, 5, value_text, text_fmt);
		}
		const char *value = get(c, "value");
		if (*value)
			put_number_text(&s, r, 6, value,
			                percent_text(get(c, "value-text")) ? b->f.rate : text_fmt);
		put_text(&s, r, 7,
		         fail ? kh_tr("未达标", "fail") :
		         kh_word_or_code("status", status), text_fmt);
		put_number_text(&s, r, 8, get(c, "points"), fail ? b->f.fail_num : b->f.money);
		put_number_text(&s, r, 9, get(c, "awarded"), fail ? b->f.fail_num : b->f.money);
		char *defaults = indicator_defaults(c);
		if (*defaults)
			put_text(&s, r, 10, defaults, NULL);
		free(defaults);
		rubric_cells(b, &s, r, root, c);
		r++;
	}
	xmlNodePtr sum = first_child(root, "summary");
	put_text(&s, r, 7, kh_tr("合计", "Total"), b->f.header);
	put_number_text(&s, r, 8, get(sum, "max"), b->f.money);
	put_number_text(&s, r, 9, get(sum, "score"), b->f.money);
	r = rubric_rows(b, &s, r + 2, root, sum);
	if (has_defaults(root))
		put_text(&s, r + 1, 0, default_legend(), NULL);
	finish_sheet(&s, 16, 1);
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
		for (lxw_col_t c = 0; c < ncols; c++) {
			const char *v = get(it, names[c]);
			if (rate_text(v))
				put_number_text(&s, r, c, v, b->f.rate);
			else
				put_value(b, &s, r, c, v);
		}
		r++;
	}
	char *note = kh_lang == KH_LANG_EN ?
		kh_xasprintf("%lu shown of %s", (unsigned long)(r - 1), get(evidence, "count")) :
		kh_xasprintf("显示 %lu 条，共 %s 条", (unsigned long)(r - 1), get(evidence, "count"));
	worksheet_write_string(s.ws, r + 1, 0, note, b->f.bold);
	free(note);
	finish_sheet(&s, ncols, 1);
}

/* A money attribute (yuan, two decimals) as integer fen; 0 when absent
 * or not a number (the schema has checked it). */
static kh_fen fen_attr(xmlNodePtr node, const char *name)
{
	const char *text = get(node, name);
	kh_fen v = 0;
	if (kh_fen_parse(text, strlen(text), 1, &v) != 0)
		return 0;
	return v;
}

/* The damages lines of one quarter (by @period), in fen. */
static kh_fen quarter_damages(xmlNodePtr fees, const char *period)
{
	kh_fen sum = 0;
	for (xmlNodePtr l = fees->children; l; l = l->next)
		if (is_element(l, "line") && strcmp(get(l, "kind"), "damages") == 0 &&
		    strcmp(get(l, "period"), period) == 0)
			sum += fen_attr(l, "amount");
	return sum;
}

/* Money in fen as a number cell in yuan (exact: formatted from fen). */
static void put_yuan(struct book *b, struct sheet *s, lxw_row_t r, lxw_col_t c, kh_fen v)
{
	char text[64];
	kh_fen_format(v, text, sizeof text);
	put_number_text(s, r, c, text, b->f.money);
}

static lxw_row_t quarters_table(struct book *b, struct sheet *s, xmlNodePtr fees)
{
	const char *const zh[] = { "季度", "服务费（元）", "扣减比例", "扣减额（元）",
	                           "违约金（元）", "应付（元）", "条款", "原因", NULL };
	const char *const en[] = { "Quarter", "Fee (yuan)", "Deduction rate",
	                           "Deduction (yuan)", "Damages (yuan)", "Payable (yuan)",
	                           "Clause", "Reason", NULL };
	header_row(b, s, 0, kh_lang == KH_LANG_EN ? en : zh);
	lxw_row_t r = 1;
	for (xmlNodePtr q = fees->children; q; q = q->next) {
		if (!is_element(q, "quarter"))
			continue;
		const char *period = get(q, "period");
		kh_fen damages = quarter_damages(fees, period);
		put_text(s, r, 0, period, NULL);
		put_number_text(s, r, 1, get(q, "fee"), b->f.money);
		put_number_text(s, r, 2, get(q, "deduction-rate"), b->f.rate);
		put_number_text(s, r, 3, get(q, "deduction"), b->f.money);
		put_yuan(b, s, r, 4, damages);
		if (*get(q, "payable"))
			put_number_text(s, r, 5, get(q, "payable"), b->f.money);
		else
			put_yuan(b, s, r, 5, fen_attr(q, "fee") - fen_attr(q, "deduction") - damages);
		put_text(s, r, 6, get(q, "clause"), NULL);
		char *reason = kh_xstrdup(get(q, "reason"));
		for (xmlNodePtr l = fees->children; l; l = l->next)
			if (is_element(l, "line") && strcmp(get(l, "kind"), "damages") == 0 &&
			    strcmp(get(l, "period"), period) == 0) {
				char *next = kh_xasprintf("%s%s%s %s", reason, *reason ? "; " : "",
				                          get(l, "clause"), get(l, "text"));
				free(reason);
				reason = next;
			}
		put_text(s, r, 7, reason, NULL);
		free(reason);
		r++;
	}
	return r;
}

static void fees_sheet(struct book *b, xmlNodePtr fees)
{
	struct sheet s;
	int fund = is_fund(fees);
	if (add_sheet(b, fund ? kh_tr("资金结算", "Fund settlement") : kh_tr("服务费", "Fees"), &s))
		return;
	lxw_row_t r = 0;
	if (first_child(fees, "quarter"))
		r = quarters_table(b, &s, fees);
	if (first_child(fees, "line")) {
		if (r)
			r++;
		const char *const lzh[] = { "类别", "条款", "金额（元）", "说明", "备注", NULL };
		const char *const len[] = { "Kind", "Clause", "Amount (yuan)", "Description", "Note", NULL };
		header_row(b, &s, r++, kh_lang == KH_LANG_EN ? len : lzh);
		for (xmlNodePtr l = fees->children; l; l = l->next) {
			if (!is_element(l, "line"))
				continue;
			put_text(&s, r, 0, kh_word_or_code("kind", get(l, "kind")), NULL);
			put_text(&s, r, 1, get(l, "clause"), NULL);
			put_number_text(&s, r, 2, get(l, "amount"), b->f.money);
			put_text(&s, r, 3, get(l, "text"), NULL);
			if (strcmp(get(l, "default"), "yes") == 0)
				put_text(&s, r, 4, default_word(), NULL);
			r++;
		}
	}
	r++;
	put_text(&s, r, 0, fund ? kh_tr("资金模式", "Fund model") : kh_tr("计费方式", "Fee model"),
	         b->f.bold);
	put_text(&s, r++, 1, kh_word_or_code("model", get(fees, "model")), NULL);
	static const char *const totals[] = { "total", "deductions", "due" };
	for (size_t i = 0; i < 3; i++) {
		put_text(&s, r, 0, money_label(fees, totals[i]), b->f.bold);
		put_number_text(&s, r++, 1, get(fees, totals[i]), b->f.money);
	}
	finish_sheet(&s, 8, 1);
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
			put_text(&s, r, 1, kh_word_or_code("import", get(c, "kind")), NULL);
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

static int write_workbook(xmlNodePtr root, const char *out_path);

int kh_render_scorecard_xlsx(xmlDocPtr scorecard, const char *out_path)
{
	xmlNodePtr root = xmlDocGetRootElement(scorecard);
	if (!is_element(root, "scorecard")) {
		kh_error("%s", kh_tr("不是考核评分 XML", "not a scorecard XML document"));
		return EX_DATAERR;
	}
	xmlDocPtr copy = xmlCopyDoc(scorecard, 1);
	if (!copy) {
		kh_error("%s", kh_tr("内存不足", "out of memory"));
		return EX_OSERR;
	}
	kh_render_localize(copy);
	int rc = write_workbook(xmlDocGetRootElement(copy), out_path);
	xmlFreeDoc(copy);
	return rc;
}

static int write_workbook(xmlNodePtr root, const char *out_path)
{
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
