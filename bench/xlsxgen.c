/* xlsxgen.c: kaohe-xlsxgen, the project's own XLSX writer for benchmarks,
 * tests and the demo workbook: copies a CSV (as kaohe-gen writes, or any
 * with a header row) into a workbook with libxlsxwriter, optionally in the
 * shape real exports come in — title rows, a two-row header with merged
 * group cells, dates as Excel serials, numbers and booleans as such, and a
 * mapping profile's headers, values and date formats (the reverse of
 * `kaohe import --map`).  Same input, same bytes.  Never touches a
 * database. */
#include <getopt.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>
#include <xlsxwriter.h>

#include "dates.h"
#include "import.h"
#include "mapping.h"
#include "msg.h"

#define MAX_TITLES 4
#define MAX_GROUPS 8

struct group { char *text; int from, to; };   /* 1-based columns */

struct gen {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *date_fmt, *time_fmt, *head_fmt;
	const char *titles[MAX_TITLES];
	int ntitles;
	struct group groups[MAX_GROUPS];
	int ngroups;
	int serial_dates, numbers, booleans;
	const struct kh_import_kind *kind;
	struct kh_mapping *map;
	int *target;           /* per CSV column: the kind column, or -1 */
	/* the CSV row being read */
	char **fields;
	int nfields, cap;
	long row;              /* next CSV row, 0 = the header */
	lxw_row_t out_row;     /* next sheet row */
	int width;
	regex_t number_re, date_re, time_re;
	int failed;
};

static int usage(void)
{
	fputs("usage: kaohe-xlsxgen [--sheet NAME] [--other-sheet NAME] [--title TEXT]...\n"
	      "         [--group TEXT:FROM-TO]... [--text-dates] [--numbers] [--booleans]\n"
	      "         [--constant-memory] [--kind KIND --map PROFILE] IN.csv OUT.xlsx\n"
	      "Copies IN.csv into a workbook: title rows merged across the header,\n"
	      "group headings merged over columns FROM..TO (a two-row header), dates\n"
	      "as Excel serials unless --text-dates, numbers and yes/no as number and\n"
	      "boolean cells, and with --map the headers, values and date formats of\n"
	      "the profile (the reverse of kaohe import --map).\n", stderr);
	return 64;
}

static void check(struct gen *g, lxw_error rc, const char *what)
{
	if (rc != LXW_NO_ERROR && !g->failed) {
		fprintf(stderr, "kaohe-xlsxgen: %s: %s\n", what, lxw_strerror(rc));
		g->failed = 1;
	}
}

static const struct group *group_of(const struct gen *g, int col)
{
	for (int i = 0; i < g->ngroups; i++)
		if (col >= g->groups[i].from && col <= g->groups[i].to)
			return &g->groups[i];
	return NULL;
}

static void write_header(struct gen *g)
{
	g->width = g->nfields;
	g->target = calloc((size_t)g->nfields, sizeof *g->target);
	for (int i = 0; i < g->nfields; i++) {
		g->target[i] = g->kind ? kh_import_column_index(g->kind, g->fields[i]) : -1;
		const char *src = g->map && g->target[i] >= 0
		                  ? kh_mapping_source(g->map, g->target[i]) : NULL;
		if (src) {
			free(g->fields[i]);
			g->fields[i] = strdup(src);
		}
	}
	for (int t = 0; t < g->ntitles; t++) {
		if (g->width > 1)
			check(g, worksheet_merge_range(g->ws, g->out_row, 0, g->out_row,
			                               (lxw_col_t)(g->width - 1), g->titles[t],
			                               g->head_fmt), "title");
		else
			check(g, worksheet_write_string(g->ws, g->out_row, 0, g->titles[t],
			                                g->head_fmt), "title");
		g->out_row++;
	}
	if (!g->ngroups) {
		for (int i = 0; i < g->nfields; i++)
			check(g, worksheet_write_string(g->ws, g->out_row, (lxw_col_t)i,
			                                g->fields[i], g->head_fmt), "header");
		g->out_row++;
		return;
	}
	/* Two rows: a group's heading merged across its columns above their
	 * own headers; every other header merged down both rows. */
	for (int i = 0; i < g->nfields; i++) {
		const struct group *gr = group_of(g, i + 1);
		if (!gr) {
			check(g, worksheet_merge_range(g->ws, g->out_row, (lxw_col_t)i,
			                               g->out_row + 1, (lxw_col_t)i, g->fields[i],
			                               g->head_fmt), "header");
		} else {
			if (gr->from == i + 1)
				check(g, worksheet_merge_range(g->ws, g->out_row, (lxw_col_t)i,
				                               g->out_row, (lxw_col_t)(gr->to - 1),
				                               gr->text, g->head_fmt), "group");
		}
	}
	for (int i = 0; i < g->nfields; i++)
		if (group_of(g, i + 1))
			check(g, worksheet_write_string(g->ws, g->out_row + 1, (lxw_col_t)i,
			                                g->fields[i], g->head_fmt), "header");
	g->out_row += 2;
}

static void write_cell(struct gen *g, int i, const char *v)
{
	lxw_row_t r = g->out_row;
	lxw_col_t c = (lxw_col_t)i;
	int target = g->target[i];
	char buf[128];
	if (!*v)
		return;
	if (g->map && target >= 0) {
		/* A kind's own word (直接结算) is written as the profile's source
		 * text for the value it stands for (是), when there is one. */
		const struct kh_import_column *col = &g->kind->columns[target];
		const char *canon = v;
		for (int w = 0; col->type == KH_COL_ENUM && col->words && col->words[w].word; w++)
			if (strcmp(col->words[w].word, v) == 0)
				canon = col->words[w].value;
		const char *u = kh_mapping_unvalue(g->map, target, canon);
		if (u == canon)
			u = v;
		const char *d = kh_mapping_undate(g->map, target, u, buf, sizeof buf);
		if (u != v || d != u) {
			check(g, worksheet_write_string(g->ws, r, c, d, NULL), "cell");
			return;
		}
	}
	kh_day day;
	/* Only real dates become serials; "2024-02-30" stays text, as a
	 * user's typo would. */
	int real = strlen(v) >= 10 && kh_day_parse_n(v, 10, &day) == 0;
	if (g->serial_dates && real && regexec(&g->date_re, v, 0, NULL, 0) == 0) {
		lxw_datetime dt = { 0 };
		sscanf(v, "%4d-%2d-%2d", &dt.year, &dt.month, &dt.day);
		check(g, worksheet_write_datetime(g->ws, r, c, &dt, g->date_fmt), "date");
		return;
	}
	if (g->serial_dates && real && regexec(&g->time_re, v, 0, NULL, 0) == 0) {
		lxw_datetime dt = { 0 };
		int sec = 0;
		sscanf(v, "%4d-%2d-%2d %2d:%2d:%2d", &dt.year, &dt.month, &dt.day, &dt.hour,
		       &dt.min, &sec);
		dt.sec = sec;
		check(g, worksheet_write_datetime(g->ws, r, c, &dt, g->time_fmt), "datetime");
		return;
	}
	if (g->numbers && regexec(&g->number_re, v, 0, NULL, 0) == 0) {
		check(g, worksheet_write_number(g->ws, r, c, strtod(v, NULL), NULL), "number");
		return;
	}
	if (g->booleans && (strcmp(v, "yes") == 0 || strcmp(v, "no") == 0)) {
		check(g, worksheet_write_boolean(g->ws, r, c, v[0] == 'y', NULL), "boolean");
		return;
	}
	check(g, worksheet_write_string(g->ws, r, c, v, NULL), "cell");
}

static void field_cb(void *s, size_t len, void *data)
{
	struct gen *g = data;
	if (g->nfields == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 32;
		g->fields = realloc(g->fields, (size_t)g->cap * sizeof *g->fields);
	}
	char *f = malloc(len + 1);
	memcpy(f, s, len);
	f[len] = '\0';
	g->fields[g->nfields++] = f;
}

static void row_cb(int c, void *data)
{
	struct gen *g = data;
	(void)c;
	if (g->row++ == 0) {
		write_header(g);
	} else {
		for (int i = 0; i < g->nfields && i < g->width; i++)
			write_cell(g, i, g->fields[i]);
		g->out_row++;
	}
	for (int i = 0; i < g->nfields; i++)
		free(g->fields[i]);
	g->nfields = 0;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "sheet", required_argument, NULL, 's' },
		{ "other-sheet", required_argument, NULL, 'O' },
		{ "title", required_argument, NULL, 't' },
		{ "group", required_argument, NULL, 'g' },
		{ "text-dates", no_argument, NULL, 'T' },
		{ "numbers", no_argument, NULL, 'n' },
		{ "booleans", no_argument, NULL, 'b' },
		{ "constant-memory", no_argument, NULL, 'C' },
		{ "kind", required_argument, NULL, 'k' },
		{ "map", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct gen g;
	memset(&g, 0, sizeof g);
	g.serial_dates = 1;
	const char *sheet = "Sheet1", *other = NULL, *map = NULL;
	int constant = 0, opt;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case 's': sheet = optarg; break;
		case 'O': other = optarg; break;
		case 't':
			if (g.ntitles == MAX_TITLES)
				return usage();
			g.titles[g.ntitles++] = optarg;
			break;
		case 'g': {
			char *colon = strrchr(optarg, ':');
			struct group *gr = &g.groups[g.ngroups];
			if (!colon || g.ngroups == MAX_GROUPS
			    || sscanf(colon + 1, "%d-%d", &gr->from, &gr->to) != 2
			    || gr->from < 1 || gr->to < gr->from)
				return usage();
			gr->text = strndup(optarg, (size_t)(colon - optarg));
			g.ngroups++;
			break;
		}
		case 'T': g.serial_dates = 0; break;
		case 'n': g.numbers = 1; break;
		case 'b': g.booleans = 1; break;
		case 'C': constant = 1; break;
		case 'k':
			g.kind = kh_import_kind_find(optarg);
			if (!g.kind)
				return usage();
			break;
		case 'm': map = optarg; break;
		case 'h': usage(); return 0;
		default: return usage();
		}
	}
	if (optind + 2 != argc || (map && !g.kind))
		return usage();
	struct kh_err err = { 0 };
	if (map && kh_mapping_load(map, g.kind, &g.map, &err))
		return 65;
	regcomp(&g.number_re, "^-?(0|[1-9][0-9]{0,13})(\\.[0-9]{1,2})?$", REG_EXTENDED | REG_NOSUB);
	regcomp(&g.date_re, "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", REG_EXTENDED | REG_NOSUB);
	regcomp(&g.time_re, "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}(:[0-9]{2})?$",
	        REG_EXTENDED | REG_NOSUB);
	FILE *in = fopen(argv[optind], "rb");
	if (!in) {
		perror(argv[optind]);
		return 66;
	}
	lxw_workbook_options wo = { .constant_memory = (uint8_t)constant, .use_zip64 = LXW_TRUE };
	g.wb = workbook_new_opt(argv[optind + 1], &wo);
	if (!g.wb) {
		perror(argv[optind + 1]);
		return 73;
	}
	/* A fixed creation time: same input, same bytes. */
	lxw_doc_properties props = { .created = 1700000000 };
	workbook_set_properties(g.wb, &props);
	if (other) {
		lxw_worksheet *ws = workbook_add_worksheet(g.wb, other);
		worksheet_write_string(ws, 0, 0, "说明 / notes", NULL);
		worksheet_write_string(ws, 1, 0, "这个工作表不是数据 (not the data)", NULL);
	}
	g.ws = workbook_add_worksheet(g.wb, sheet);
	if (!g.ws) {
		fprintf(stderr, "kaohe-xlsxgen: bad sheet name '%s'\n", sheet);
		return 64;
	}
	g.date_fmt = workbook_add_format(g.wb);
	format_set_num_format(g.date_fmt, "yyyy-mm-dd");
	g.time_fmt = workbook_add_format(g.wb);
	format_set_num_format(g.time_fmt, "yyyy-mm-dd hh:mm:ss");
	g.head_fmt = workbook_add_format(g.wb);
	format_set_bold(g.head_fmt);
	format_set_align(g.head_fmt, LXW_ALIGN_CENTER);
	struct csv_parser p;
	csv_init(&p, CSV_STRICT | CSV_APPEND_NULL);
	char buf[65536];
	size_t n;
	int rc = 0;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		if (csv_parse(&p, buf, n, field_cb, row_cb, &g) != n) {
			fprintf(stderr, "kaohe-xlsxgen: %s: %s\n", argv[optind],
			        csv_strerror(csv_error(&p)));
			rc = 65;
			break;
		}
	csv_fini(&p, field_cb, row_cb, &g);
	csv_free(&p);
	fclose(in);
	lxw_error wrc = workbook_close(g.wb);
	if (wrc != LXW_NO_ERROR) {
		fprintf(stderr, "kaohe-xlsxgen: %s: %s\n", argv[optind + 1], lxw_strerror(wrc));
		rc = 74;
	}
	if (g.failed && !rc)
		rc = 65;
	free(g.fields);
	free(g.target);
	for (int i = 0; i < g.ngroups; i++)
		free(g.groups[i].text);
	kh_mapping_free(g.map);
	regfree(&g.number_re);
	regfree(&g.date_re);
	regfree(&g.time_re);
	return rc;
}
