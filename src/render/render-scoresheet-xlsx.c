/* render-scoresheet-xlsx.c: the 考核评分表 as an XLSX workbook (one sheet
 * named as the form, A4 portrait, header rows repeated on every page).  The
 * rows and every word in them come from templates/scoresheet.xsl run with
 * view=rows, so the workbook says what the HTML says; this file only lays
 * them out.  Points are numbers; the creation time is the scorecard's, so
 * one XML always gives the same bytes. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include <libxml/tree.h>
#include <xlsxwriter.h>

#include "msg.h"
#include "outfile.h"
#include "render.h"
#include "render-scoresheet.h"
#include "xmlsafe.h"

#define SS_NS "urn:kaohe:scoresheet:1"
#define NCOLS 8
#define LAST_COL (NCOLS - 1)
#define CELL_MAX_CHARS 32767

struct fmt {
	lxw_format *title, *subtitle, *label, *value, *header, *text, *num, *bonus,
		*category, *sub_text, *sub_num, *total_text, *total_num, *note,
		*line, *plain;
};

struct sheet {
	lxw_worksheet *ws;
	xmlNodePtr root;
	struct fmt f;
	lxw_row_t row;
};

static int is_ss(xmlNodePtr node, const char *name)
{
	return node && node->type == XML_ELEMENT_NODE && node->ns &&
	       xmlStrEqual(node->ns->href, BAD_CAST SS_NS) &&
	       (!name || xmlStrEqual(node->name, BAD_CAST name));
}

/* An attribute's value living as long as the document, or "". */
static const char *get(xmlNodePtr node, const char *name)
{
	xmlAttrPtr a = node ? xmlHasProp(node, BAD_CAST name) : NULL;
	if (a && a->children && a->children->content)
		return (const char *)a->children->content;
	return "";
}

/* A caption of the sheet's language (the stylesheet's ss:t), or the key. */
static const char *cap(struct sheet *s, const char *key)
{
	for (xmlNodePtr c = s->root->children; c; c = c->next)
		if (is_ss(c, "t") && strcmp(get(c, "k"), key) == 0)
			return get(c, "v");
	return key;
}

/* Text cut to a cell's limit with a visible mark, as render-xlsx.c does. */
static void put(struct sheet *s, lxw_row_t r, lxw_col_t c, const char *text,
                lxw_format *fmt)
{
	if (!*text) {
		worksheet_write_blank(s->ws, r, c, fmt);
		return;
	}
	if (worksheet_write_string(s->ws, r, c, text, fmt)
	    == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED) {
		size_t chars = lxw_utf8_strlen(text);
		char *mark = kh_lang == KH_LANG_EN
		             ? kh_xasprintf("... [truncated: %zu characters in all]", chars)
		             : kh_xasprintf("……［已截断：原文 %zu 字符］", chars);
		size_t keep = CELL_MAX_CHARS - lxw_utf8_strlen(mark), n = 0;
		const char *p = text;
		for (; *p; p++)
			if (((unsigned char)*p & 0xC0) != 0x80 && n++ == keep)
				break;
		char *cut = kh_xasprintf("%.*s%s", (int)(p - text), text, mark);
		kh_warn("%s: %s", s->ws->name,
		        kh_tr("文本超过 Excel 单元格上限 32767 字符，已截断并标注",
		              "a text exceeds Excel's 32,767 characters per cell: "
		              "truncated, with a mark"));
		worksheet_write_string(s->ws, r, c, cut, fmt);
		free(cut);
		free(mark);
	}
}

/* Text across columns first..last of row r. */
static void put_across(struct sheet *s, lxw_row_t r, lxw_col_t first,
                       lxw_col_t last, const char *text, lxw_format *fmt)
{
	if (first == last) {
		put(s, r, first, text, fmt);
		return;
	}
	worksheet_merge_range(s->ws, r, first, r, last, "", fmt);
	put(s, r, first, text, fmt);
}

/* A points cell: "12.50" as a number, "+2.00" as a bonus number, "" as an
 * empty bordered cell for the panel's pen. */
static void put_points(struct sheet *s, lxw_row_t r, lxw_col_t c,
                       const char *text, lxw_format *num, lxw_format *bonus,
                       lxw_format *empty)
{
	char *end;
	const char *p = text[0] == '+' ? text + 1 : text;
	double v = strtod(p, &end);
	if (!*text || end == p || *end)
		put(s, r, c, text, empty);
	else
		worksheet_write_number(s->ws, r, c, v, text[0] == '+' ? bonus : num);
}

/* The row's ss:reason lines, one per line; the caller frees. */
static char *reasons(xmlNodePtr row)
{
	char *out = kh_xstrdup("");
	for (xmlNodePtr c = row->children; c; c = c->next) {
		if (!is_ss(c, "reason"))
			continue;
		xmlChar *t = xmlNodeGetContent(c);
		char *next = kh_xasprintf("%s%s%s", out, *out ? "\n" : "", t ? (const char *)t : "");
		xmlFree(t);
		free(out);
		out = next;
	}
	return out;
}

static lxw_format *new_format(lxw_workbook *wb, int border, int bold, int wrap)
{
	lxw_format *f = workbook_add_format(wb);
	format_set_font_name(f, "SimSun");
	format_set_font_size(f, 10);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (border)
		format_set_border(f, LXW_BORDER_THIN);
	if (bold)
		format_set_bold(f);
	if (wrap)
		format_set_text_wrap(f);
	return f;
}

static void make_formats(lxw_workbook *wb, struct fmt *f)
{
	f->title = new_format(wb, 0, 1, 0);
	format_set_font_size(f->title, 18);
	format_set_align(f->title, LXW_ALIGN_CENTER);
	format_set_align(f->title, LXW_ALIGN_VERTICAL_CENTER);
	f->subtitle = new_format(wb, 0, 0, 1);
	format_set_font_size(f->subtitle, 12);
	format_set_align(f->subtitle, LXW_ALIGN_CENTER);
	f->label = new_format(wb, 1, 1, 1);
	format_set_bg_color(f->label, 0xEEEEEE);
	f->value = new_format(wb, 1, 0, 1);
	f->header = new_format(wb, 1, 1, 1);
	format_set_bg_color(f->header, 0xEEEEEE);
	format_set_align(f->header, LXW_ALIGN_CENTER);
	format_set_align(f->header, LXW_ALIGN_VERTICAL_CENTER);
	f->text = new_format(wb, 1, 0, 1);
	f->num = new_format(wb, 1, 0, 0);
	format_set_num_format(f->num, "0.00");
	f->bonus = new_format(wb, 1, 0, 0);
	format_set_num_format(f->bonus, "+0.00");
	f->category = new_format(wb, 1, 1, 1);
	format_set_bg_color(f->category, 0xEEEEEE);
	f->sub_text = new_format(wb, 1, 1, 1);
	f->sub_num = new_format(wb, 1, 1, 0);
	format_set_num_format(f->sub_num, "0.00");
	f->total_text = new_format(wb, 1, 1, 1);
	format_set_top(f->total_text, LXW_BORDER_MEDIUM);
	f->total_num = new_format(wb, 1, 1, 0);
	format_set_num_format(f->total_num, "0.00");
	format_set_top(f->total_num, LXW_BORDER_MEDIUM);
	f->note = new_format(wb, 0, 0, 1);
	f->line = new_format(wb, 0, 0, 0);
	format_set_bottom(f->line, LXW_BORDER_THIN);
	f->plain = new_format(wb, 0, 0, 0);
}

static void header_block(struct sheet *s)
{
	xmlNodePtr r = s->root;
	struct fmt *f = &s->f;
	worksheet_set_row(s->ws, 0, 30, NULL);
	put_across(s, 0, 0, LAST_COL, get(r, "heading"), f->title);
	put_across(s, 1, 0, LAST_COL, get(r, "title"), f->subtitle);
	char *contract = kh_xasprintf("%s（%s %s）", get(r, "contract"), cap(s, "version"),
	                              get(r, "version"));
	char *period = kh_xasprintf("%s（%s – %s）", get(r, "period"), get(r, "first"),
	                            get(r, "last"));
	const char *rows[3][4] = {
		{ cap(s, "contract"), contract, cap(s, "period"), period },
		{ cap(s, "insurer"), get(r, "insurer"), cap(s, "purchaser"), get(r, "purchaser") },
		{ cap(s, "level"), get(r, "level"), cap(s, "as-of"), get(r, "as-of") },
	};
	for (int i = 0; i < 3; i++) {
		lxw_row_t row = (lxw_row_t)(2 + i);
		put_across(s, row, 0, 1, rows[i][0], f->label);
		put_across(s, row, 2, 3, rows[i][1], f->value);
		put(s, row, 4, rows[i][2], f->label);
		put_across(s, row, 5, LAST_COL, rows[i][3], f->value);
	}
	free(contract);
	free(period);
	s->row = 6;
}

static void table_header(struct sheet *s)
{
	static const char *keys[NCOLS] = { "col-no", "col-item", "col-content", "col-points",
		"col-criterion", "col-deducted", "col-awarded", "col-reason" };
	for (lxw_col_t c = 0; c < NCOLS; c++)
		put(s, s->row, c, cap(s, keys[c]), s->f.header);
	worksheet_repeat_rows(s->ws, s->row, s->row);
	worksheet_freeze_panes(s->ws, s->row + 1, 0);
	s->row++;
}

static void category_row(struct sheet *s, xmlNodePtr row)
{
	char *text = kh_xasprintf("%s（%s%s）%s%s%s", get(row, "title"), get(row, "points"),
	                          cap(s, "points-unit"),
	                          strcmp(get(row, "default"), "yes") == 0 ? cap(s, "default") : "",
	                          *get(row, "clause") ? " " : "", get(row, "clause"));
	put(s, s->row, 0, get(row, "no"), s->f.category);
	put_across(s, s->row, 1, LAST_COL, text, s->f.category);
	free(text);
	s->row++;
}

static void item_row(struct sheet *s, xmlNodePtr row)
{
	struct fmt *f = &s->f;
	lxw_row_t r = s->row++;
	worksheet_write_number(s->ws, r, 0, strtod(get(row, "no"), NULL), f->text);
	put(s, r, 1, get(row, "item"), f->text);
	put(s, r, 2, get(row, "content"), f->text);
	if (strcmp(get(row, "points-default"), "yes") == 0) {
		char *t = kh_xasprintf("%s%s", get(row, "points"), cap(s, "default"));
		put(s, r, 3, t, f->text);
		free(t);
	} else {
		put_points(s, r, 3, get(row, "points"), f->num, f->bonus, f->text);
	}
	put(s, r, 4, get(row, "criterion"), f->text);
	put_points(s, r, 5, get(row, "deducted"), f->num, f->bonus, f->text);
	put_points(s, r, 6, get(row, "awarded"), f->num, f->bonus, f->text);
	char *why = reasons(row);
	put(s, r, 7, why, f->text);
	free(why);
}

static void sum_row(struct sheet *s, xmlNodePtr row, int total)
{
	struct fmt *f = &s->f;
	lxw_format *text = total ? f->total_text : f->sub_text;
	lxw_format *num = total ? f->total_num : f->sub_num;
	lxw_row_t r = s->row++;
	if (total) {
		put_across(s, r, 0, 2, get(row, "title"), text);
	} else {
		put(s, r, 0, "", text);
		put_across(s, r, 1, 2, get(row, "title"), text);
	}
	put_points(s, r, 3, get(row, "points"), num, num, text);
	put(s, r, 4, "", text);
	put_points(s, r, 5, get(row, "deducted"), num, num, text);
	put_points(s, r, 6, get(row, "awarded"), num, num, text);
	char *why = total ? kh_xasprintf("%s%s%s", cap(s, "grade"),
	                                 kh_lang == KH_LANG_EN ? ": " : "：", get(row, "grade"))
	                  : reasons(row);
	put(s, r, 7, why, text);
	free(why);
}

static void notes_and_differences(struct sheet *s)
{
	struct fmt *f = &s->f;
	s->row++;
	for (xmlNodePtr c = s->root->children; c; c = c->next) {
		if (!is_ss(c, "note"))
			continue;
		xmlChar *t = xmlNodeGetContent(c);
		worksheet_set_row(s->ws, s->row, 30, NULL);
		put_across(s, s->row++, 0, LAST_COL, t ? (const char *)t : "", f->note);
		xmlFree(t);
	}
	int first = 1;
	for (xmlNodePtr c = s->root->children; c; c = c->next) {
		if (!is_ss(c, "diff"))
			continue;
		if (first) {
			s->row++;
			put_across(s, s->row++, 0, LAST_COL, cap(s, "differences"), f->sub_text);
			put_across(s, s->row, 0, 2, cap(s, "col-item"), f->header);
			put_across(s, s->row, 3, 4, cap(s, "diff-from"), f->header);
			put_across(s, s->row, 5, 6, cap(s, "diff-to"), f->header);
			put(s, s->row++, 7, cap(s, "diff-delta"), f->header);
			first = 0;
		}
		char *from = kh_xasprintf("%s %s", get(c, "from"), get(c, "from-score"));
		char *to = kh_xasprintf("%s %s", get(c, "to"), get(c, "to-score"));
		put_across(s, s->row, 0, 2, get(c, "item"), f->text);
		put_across(s, s->row, 3, 4, from, f->text);
		put_across(s, s->row, 5, 6, to, f->text);
		put_points(s, s->row++, 7, get(c, "delta"), f->num, f->num, f->text);
		free(from);
		free(to);
	}
}

static void signatures(struct sheet *s)
{
	struct fmt *f = &s->f;
	const char *colon = kh_lang == KH_LANG_EN ? ": " : "：";
	s->row++;
	put_across(s, s->row++, 0, LAST_COL, cap(s, "signatures"), f->sub_text);
	for (xmlNodePtr c = s->root->children; c; c = c->next) {
		if (!is_ss(c, "member"))
			continue;
		lxw_row_t r = s->row++;
		worksheet_set_row(s->ws, r, 28, NULL);
		put(s, r, 0, cap(s, "member"), f->plain);
		put_across(s, r, 1, 2, get(c, "name"), f->line);
		put(s, r, 3, cap(s, "sign"), f->plain);
		put_across(s, r, 4, 5, "", f->line);
		put(s, r, 6, cap(s, "date"), f->plain);
		put(s, r, 7, cap(s, "date-blank"), f->line);
	}
	s->row++;
	char *confirm = kh_xasprintf("%s%s%s%s　%s%s＿＿＿＿＿＿　%s%s%s", cap(s, "confirm"), colon,
	                             get(s->root, "insurer"), cap(s, "seal"),
	                             cap(s, "responsible"), colon, cap(s, "date"), colon,
	                             cap(s, "date-blank"));
	worksheet_set_row(s->ws, s->row, 36, NULL);
	put_across(s, s->row++, 0, LAST_COL, confirm, f->note);
	free(confirm);
}

static time_t creation_time(xmlNodePtr root)
{
	struct tm tm = { .tm_year = 100, .tm_mday = 1 };
	int y, mo, d, h = 0, mi = 0, sec = 0;
	if (sscanf(get(root, "generated"), "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &sec) >= 3) {
		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = d;
		tm.tm_hour = h;
		tm.tm_min = mi;
		tm.tm_sec = sec;
	}
	return timegm(&tm);
}

static void page_setup(lxw_worksheet *ws)
{
	static const double widths[NCOLS] = { 6, 14, 24, 8, 22, 7, 7, 30 };
	for (lxw_col_t c = 0; c < NCOLS; c++)
		worksheet_set_column(ws, c, c, widths[c], NULL);
	worksheet_set_paper(ws, 9);            /* A4 */
	worksheet_set_portrait(ws);
	worksheet_set_margins(ws, 0.4, 0.4, 0.55, 0.55);
	worksheet_fit_to_pages(ws, 1, 0);      /* one page wide, as long as it takes */
	worksheet_center_horizontally(ws);
	worksheet_set_footer(ws, kh_tr("&C第 &P 页，共 &N 页", "&CPage &P of &N"));
}

static int write_book(xmlNodePtr root, const char *out_path)
{
	struct kh_outfile out;
	int rc = kh_outfile_open(&out, out_path, KH_OUTFILE_NAMED);
	if (rc)
		return rc;
	lxw_workbook *wb = workbook_new(out.tmp);
	if (!wb) {
		kh_error("%s: %s", out_path, kh_tr("无法创建", "cannot create"));
		kh_outfile_abort(&out);
		return EX_CANTCREAT;
	}
	lxw_doc_properties props = {
		.title = (char *)get(root, "title"),
		.company = (char *)get(root, "insurer"),
		.comments = (char *)"kaohe scoresheet",
		.created = creation_time(root),
	};
	workbook_set_properties(wb, &props);
	struct sheet s = { .root = root };
	make_formats(wb, &s.f);
	/* the sheet is named as the form: 考核评分表, never more than 31 chars */
	const char *name = kh_tr("考核评分表", "Score sheet");
	s.ws = workbook_add_worksheet(wb, name);
	page_setup(s.ws);
	header_block(&s);
	table_header(&s);
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (!is_ss(c, "row"))
			continue;
		const char *kind = get(c, "kind");
		if (strcmp(kind, "category") == 0)
			category_row(&s, c);
		else if (strcmp(kind, "item") == 0)
			item_row(&s, c);
		else if (strcmp(kind, "subtotal") == 0)
			sum_row(&s, c, 0);
		else if (strcmp(kind, "total") == 0)
			sum_row(&s, c, 1);
	}
	notes_and_differences(&s);
	signatures(&s);
	lxw_error err = workbook_close(wb);
	if (err != LXW_NO_ERROR) {
		kh_error("%s: %s", out_path, lxw_strerror(err));
		kh_outfile_abort(&out);
		return EX_IOERR;
	}
	return kh_outfile_commit(&out);
}

/* The stylesheet's rows in a private temporary file, read back safely. */
static int sheet_rows(xmlDocPtr localized, int blank, xmlDocPtr *rows)
{
	const char *tmpdir = getenv("TMPDIR");
	char *path = kh_xasprintf("%s/kaohe-scoresheet.XXXXXX",
	                          tmpdir && *tmpdir ? tmpdir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0) {
		kh_error("%s: %s", path, strerror(errno));
		free(path);
		return EX_CANTCREAT;
	}
	close(fd);
	const char *params[] = { "view", "rows", "blank", blank ? "yes" : "no", NULL };
	int rc = kh_render_xslt_params(localized, KH_SCORESHEET_XSL, path, params);
	if (rc == 0) {
		*rows = kh_xml_read_file(path, KH_SCORESHEET_XSL, NULL);
		if (!*rows || !is_ss(xmlDocGetRootElement(*rows), "sheet")) {
			kh_error("%s: %s", KH_SCORESHEET_XSL,
			         kh_tr("模板未给出评分表行", "the stylesheet gave no sheet rows"));
			xmlFreeDoc(*rows);
			*rows = NULL;
			rc = EX_DATAERR;
		}
	}
	unlink(path);
	free(path);
	return rc;
}

int kh_scoresheet_xlsx(xmlDocPtr localized, int blank, const char *out_path)
{
	xmlDocPtr rows = NULL;
	int rc = sheet_rows(localized, blank, &rows);
	if (rc)
		return rc;
	rc = write_book(xmlDocGetRootElement(rows), out_path);
	xmlFreeDoc(rows);
	return rc;
}
