/* render-charts.c: draws a scorecard's charts/series with gnuplot (an
 * external program, run without a shell, in a private temporary directory,
 * under a time limit) and attaches the SVGs to the series.  Input text never
 * reaches the gnuplot script: labels go only into tab-separated data files,
 * which gnuplot reads as data and never evaluates. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libxml/tree.h>

#include "dates.h"
#include "msg.h"
#include "render.h"
#include "xmlsafe.h"

#define SC_NS "urn:kaohe:scorecard:1"
#define SVG_NS "http://www.w3.org/2000/svg"
#define XLINK_NS "http://www.w3.org/1999/xlink"
#define DEFAULT_TIMEOUT_SECONDS 20
#define MAX_SVG_BYTES (16 * 1024 * 1024)

/* How gnuplot is found: its path (or bare name for execvp) or why not. */
struct gnuplot_program {
	char *path;            /* NULL when none */
	const char *why_zh;
	const char *why_en;
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

/* An attribute's value, owned by the caller (xmlFree), or NULL. */
static char *attr(xmlNodePtr node, const char *name)
{
	return (char *)xmlGetNoNsProp(node, BAD_CAST name);
}

static int executable_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

static int on_path(const char *name)
{
	const char *path = getenv("PATH");
	if (!path)
		return 0;
	char *copy = kh_xstrdup(path), *save = NULL;
	int found = 0;
	for (char *dir = strtok_r(copy, ":", &save); dir && !found;
	     dir = strtok_r(NULL, ":", &save)) {
		char *candidate = kh_xasprintf("%s/%s", *dir ? dir : ".", name);
		found = executable_file(candidate);
		free(candidate);
	}
	free(copy);
	return found;
}

/* $KAOHE_GNUPLOT when set (exactly that, no fallback), else gnuplot on
 * PATH, else the path configure found. */
static void find_gnuplot(struct gnuplot_program *prog)
{
	const char *env = getenv("KAOHE_GNUPLOT");
	prog->path = NULL;
	prog->why_zh = "未找到 gnuplot";
	prog->why_en = "gnuplot not found";
	if (env) {
		if (!*env)
			return;
		if (strchr(env, '/') ? executable_file(env) : on_path(env))
			prog->path = kh_xstrdup(env);
		return;
	}
	if (on_path("gnuplot"))
		prog->path = kh_xstrdup("gnuplot");
	else if (GNUPLOT_PATH[0] && executable_file(GNUPLOT_PATH))
		prog->path = kh_xstrdup(GNUPLOT_PATH);
}

static int timeout_seconds(void)
{
	const char *env = getenv("KAOHE_GNUPLOT_TIMEOUT");
	if (env && *env) {
		char *end;
		long n = strtol(env, &end, 10);
		if (*end == '\0' && n > 0 && n <= 3600)
			return (int)n;
	}
	return DEFAULT_TIMEOUT_SECONDS;
}

/* ---- data files ------------------------------------------------------ */

/* A plain decimal number: -?digits(.digits)?  Anything else is not drawn. */
static int plain_number(const char *text)
{
	if (!text)
		return 0;
	const char *p = text;
	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0' && p - text < 32;
}

/* Write a label as one tab-separated data field: no tab, newline or
 * double quote (gnuplot would take those as structure), never empty. */
static void put_label(FILE *fp, const char *text)
{
	if (!text || !*text) {
		fputc('-', fp);
		return;
	}
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (*p == '\t' || *p == '\n' || *p == '\r' || *p < 0x20)
			fputc(' ', fp);
		else if (*p == '"')
			fputs("\xe2\x80\x9d", fp);   /* U+201D */
		else
			fputc(*p, fp);
	}
}

/* What one series holds, read from the scorecard. */
struct point {
	char *x, *group, *y, *max;
};
struct series {
	xmlNodePtr node;
	char *type, *x_kind, *unit, *title;
	char *y_label, *max_label;   /* legend words (kc:y-label, kc:max-label) */
	struct point *points;
	size_t npoints;
	char **ref_y, **ref_label;
	size_t nrefs;
};

static void series_free(struct series *s)
{
	for (size_t i = 0; i < s->npoints; i++) {
		xmlFree(s->points[i].x);
		xmlFree(s->points[i].group);
		xmlFree(s->points[i].y);
		xmlFree(s->points[i].max);
	}
	for (size_t i = 0; i < s->nrefs; i++) {
		xmlFree(s->ref_y[i]);
		xmlFree(s->ref_label[i]);
	}
	free(s->points);
	free(s->ref_y);
	free(s->ref_label);
	xmlFree(s->type);
	xmlFree(s->x_kind);
	xmlFree(s->unit);
	xmlFree(s->title);
	xmlFree(s->y_label);
	xmlFree(s->max_label);
}

/* Points whose y is not a plain number (or, on a date axis, whose x is not
 * a date) are left out. */
static void series_read(xmlNodePtr node, struct series *s)
{
	memset(s, 0, sizeof *s);
	s->node = node;
	s->type = attr(node, "type");
	s->x_kind = attr(node, "x");
	s->unit = attr(node, "unit");
	s->title = attr(node, "title");
	s->y_label = (char *)xmlGetNsProp(node, BAD_CAST "y-label", BAD_CAST KH_CHART_NS);
	s->max_label = (char *)xmlGetNsProp(node, BAD_CAST "max-label", BAD_CAST KH_CHART_NS);
	int dates = s->x_kind && strcmp(s->x_kind, "date") == 0;
	size_t cap_p = 0, cap_r = 0;
	for (xmlNodePtr c = node->children; c; c = c->next) {
		if (is_element(c, "point")) {
			struct point p = { attr(c, "x"), attr(c, "group"), attr(c, "y"),
			                   attr(c, "max") };
			kh_day day;
			int good = plain_number(p.y) && p.x &&
			           (!dates || kh_day_parse(p.x, &day) == 0) &&
			           (!p.max || plain_number(p.max));
			if (good && dates) {
				char buf[KH_DAY_BUFSZ];
				xmlFree(p.x);
				p.x = (char *)xmlStrdup(BAD_CAST kh_day_format(day, buf));
			}
			if (!good) {
				xmlFree(p.x), xmlFree(p.group), xmlFree(p.y), xmlFree(p.max);
				continue;
			}
			if (s->npoints == cap_p) {
				cap_p = cap_p ? cap_p * 2 : 16;
				s->points = kh_xrealloc(s->points, cap_p * sizeof *s->points);
			}
			s->points[s->npoints++] = p;
		} else if (is_element(c, "ref-line")) {
			char *y = attr(c, "y");
			if (!plain_number(y)) {
				xmlFree(y);
				continue;
			}
			if (s->nrefs == cap_r) {
				cap_r = cap_r ? cap_r * 2 : 4;
				s->ref_y = kh_xrealloc(s->ref_y, cap_r * sizeof *s->ref_y);
				s->ref_label = kh_xrealloc(s->ref_label, cap_r * sizeof *s->ref_label);
			}
			s->ref_y[s->nrefs] = y;
			s->ref_label[s->nrefs++] = attr(c, "label");
		}
	}
}

static int is_rate(const struct series *s)
{
	return s->unit && strcmp(s->unit, "rate") == 0;
}

static FILE *open_in(const char *dir, const char *name)
{
	char *path = kh_xasprintf("%s/%s", dir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0600);
	free(path);
	return fd < 0 ? NULL : fdopen(fd, "w");
}

static int close_checked(FILE *fp)
{
	int bad = ferror(fp);
	return (fclose(fp) != 0 || bad) ? -1 : 0;
}

/* The pivot of a stacked series: distinct x in order, distinct groups in
 * order, and the sum of y per cell (drawing only, so double is fine). */
static size_t index_of(char **list, size_t n, const char *text)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], text) == 0)
			return i;
	return n;
}

static int write_stacked(FILE *fp, const struct series *s, size_t *ngroups_out)
{
	char **xs = kh_xcalloc(s->npoints + 1, sizeof *xs);
	char **groups = kh_xcalloc(s->npoints + 1, sizeof *groups);
	size_t nx = 0, ng = 0;
	for (size_t i = 0; i < s->npoints; i++) {
		const char *g = s->points[i].group ? s->points[i].group : "-";
		if (index_of(xs, nx, s->points[i].x) == nx)
			xs[nx++] = s->points[i].x;
		if (index_of(groups, ng, g) == ng)
			groups[ng++] = (char *)g;
	}
	double *cells = kh_xcalloc(nx * ng + 1, sizeof *cells);
	for (size_t i = 0; i < s->npoints; i++) {
		const char *g = s->points[i].group ? s->points[i].group : "-";
		cells[index_of(xs, nx, s->points[i].x) * ng + index_of(groups, ng, g)] +=
			strtod(s->points[i].y, NULL);
	}
	fputs("x", fp);
	for (size_t g = 0; g < ng; g++) {
		fputc('\t', fp);
		put_label(fp, groups[g]);
	}
	fputc('\n', fp);
	for (size_t x = 0; x < nx; x++) {
		put_label(fp, xs[x]);
		for (size_t g = 0; g < ng; g++)
			fprintf(fp, "\t%.10g", cells[x * ng + g] * (is_rate(s) ? 100 : 1));
		fputc('\n', fp);
	}
	free(cells);
	free(xs);
	free(groups);
	*ngroups_out = ng;
	return 0;
}

/* data.tsv: header "i x TITLE max", then one row per point. */
static void write_points(FILE *fp, const struct series *s)
{
	fputs("i\tx\t", fp);
	put_label(fp, s->y_label ? s->y_label : s->title);
	fputc('\t', fp);
	put_label(fp, s->max_label ? s->max_label : kh_tr("满分", "maximum"));
	fputc('\n', fp);
	for (size_t i = 0; i < s->npoints; i++) {
		fprintf(fp, "%zu\t", i + 1);
		put_label(fp, s->points[i].x);
		fprintf(fp, "\t%s\t%s\n", s->points[i].y,
		        s->points[i].max ? s->points[i].max : s->points[i].y);
	}
}

/* refN.tsv: header "x LABEL", then the line's two ends. */
static void write_ref(FILE *fp, const struct series *s, size_t r, int dates)
{
	fputs("x\t", fp);
	put_label(fp, s->ref_label[r]);
	fputc('\n', fp);
	if (dates)
		fprintf(fp, "%s\t%s\n%s\t%s\n", s->points[0].x, s->ref_y[r],
		        s->points[s->npoints - 1].x, s->ref_y[r]);
	else
		fprintf(fp, "0.5\t%s\n%zu.5\t%s\n", s->ref_y[r], s->npoints, s->ref_y[r]);
}

/* Counts so small (all of them together at most 10) that the axis should
 * step by whole numbers. */
static int small_counts(const struct series *s)
{
	double total = 0;
	for (size_t i = 0; i < s->npoints; i++)
		total += strtod(s->points[i].y, NULL);
	return total <= 10;
}

/* The y axis of a rate drawn as a line.  A reader expects a rate axis to
 * run to 100% and to start at 0; when every value (and target line) is
 * at least 50%, starting at 0 would flatten the months that matter, so the
 * axis starts at a round 10% step at least 10 points below the lowest
 * value and is drawn broken — a gap with two slashes on the axis and a
 * label saying where it starts — so a 98.5% month reads as a small dip,
 * not a collapse. */
static void rate_axis(FILE *fp, const struct series *s)
{
	double lo = 1, hi = 1;
	for (size_t i = 0; i < s->npoints; i++) {
		double y = strtod(s->points[i].y, NULL);
		lo = y < lo ? y : lo;
		hi = y > hi ? y : hi;
	}
	for (size_t r = 0; r < s->nrefs; r++) {
		double y = strtod(s->ref_y[r], NULL);
		lo = y < lo ? y : lo;
		hi = y > hi ? y : hi;
	}
	int start = 0;
	if (lo >= 0.5) {
		start = (int)(lo * 100) / 10 * 10 - 10;
		if (start < 0)
			start = 0;
	}
	int top = (int)(hi * 100 + 0.999);
	fprintf(fp, "set yrange [%d:%d]\n", start, top + (top - start) / 20 + 1);
	fprintf(fp, "set ytics %d, %d, %d\n", start, (top - start) > 40 ? 10 : (top - start) > 10 ? 5 : 1,
	        top);
	if (start == 0)
		return;
	fputs("set object 91 rect from graph -0.02, graph 0.02 to graph 0.02, graph 0.07 "
	      "fc rgb 'white' fs solid 1.0 noborder front\n"
	      "set arrow 91 from graph -0.015, graph 0.01 to graph 0.015, graph 0.04 nohead lw 1.2 front\n"
	      "set arrow 92 from graph -0.015, graph 0.05 to graph 0.015, graph 0.08 nohead lw 1.2 front\n", fp);
	fprintf(fp, kh_lang == KH_LANG_EN ? "set label 91 'axis starts at %d%% (broken)' "
	                                    "at graph 0.02, graph 0.12 left font ',9' "
	                                    "tc rgb '#555555' front\n"
	                                  : "set label 91 '纵轴自 %d%% 起（断轴）' "
	                                    "at graph 0.02, graph 0.12 left font ',9' "
	                                    "tc rgb '#555555' front\n", start);
}

/* The script holds only fixed text and numbers computed here. */
static void write_script(FILE *fp, const struct series *s, size_t ngroups)
{
	int dates = strcmp(s->x_kind ? s->x_kind : "", "date") == 0;
	int stacked = strcmp(s->type ? s->type : "", "stacked") == 0;
	int bars = strcmp(s->type ? s->type : "", "bars") == 0;
	int has_max = 0;
	for (size_t i = 0; i < s->npoints; i++)
		has_max |= s->points[i].max != NULL;
	const char *scale = is_rate(s) ? "*100" : "";
	fputs("set terminal svg size 860,340 dynamic noenhanced font 'sans,11' "
	      "background rgb 'white'\n"
	      "set output 'chart.svg'\n"
	      "set encoding utf8\n"
	      "set datafile separator '\\t'\n"
	      "set datafile commentschars ''\n"
	      "set datafile missing ''\n"
	      "set key outside top center horizontal noautotitle\n"
	      "set grid ytics lc rgb '#dddddd'\n"
	      "set border 3\nset tics nomirror\n"
	      "set style fill solid 0.75 border -1\n", fp);
	if (is_rate(s))
		fputs("set format y '%g%%'\n", fp);   /* 99.5%, not a second 100% */
	else if (s->unit && strcmp(s->unit, "money") == 0)
		fputs("set format y '%.0f'\n", fp);   /* 1000000, not 1e+06 */
	else if (s->unit && strcmp(s->unit, "count") == 0 && small_counts(s))
		fputs("set ytics 1\n", fp);           /* 1 complaint, not 0.2 steps */
	if (!dates && !stacked && s->npoints > 6)
		fputs("set rmargin 8\n", fp);         /* room for the last slanted label */
	if (stacked) {
		fputs("set style data histograms\n"
		      "set style histogram rowstacked\n"
		      "set boxwidth 0.6\nset yrange [0:*]\n", fp);
		fprintf(fp, "plot for [c=2:%zu] 'data.tsv' using c:xtic(1) title columnheader(c)\n",
		        ngroups + 1);
		return;
	}
	if (dates) {
		/* x values were checked and rewritten by kh_day_format */
		const char *lo = s->points[0].x, *hi = s->points[0].x;
		for (size_t i = 1; i < s->npoints; i++) {
			if (strcmp(s->points[i].x, lo) < 0)
				lo = s->points[i].x;
			if (strcmp(s->points[i].x, hi) > 0)
				hi = s->points[i].x;
		}
		fputs("set xdata time\nset timefmt '%Y-%m-%d'\nset format x '%m-%d'\n"
		      "set yrange [0:*]\nset offsets 0, 0, 1, 0\n", fp);
		if (strcmp(lo, hi) < 0)
			fprintf(fp, "set xrange ['%s':'%s']\n", lo, hi);
	} else {
		fprintf(fp, "set xrange [0.5:%zu.5]\n", s->npoints);
		if (s->npoints > 6)
			fputs("set xtics rotate by -35\n", fp);
		if (bars)
			fputs("set yrange [0:*]\nset boxwidth 0.6\nset offsets 0, 0, graph 0.1, 0\n", fp);
		else if (is_rate(s))
			rate_axis(fp, s);
		else
			fputs("set offsets 0, 0, graph 0.08, graph 0.08\n", fp);
	}
	fputs("plot ", fp);
	if (dates)
		fprintf(fp, "'data.tsv' using 2:($3%s) with lines lw 1.5 lc rgb '#1f5fa8' "
		        "title columnheader(3)", scale);
	else if (bars && has_max)
		fprintf(fp, "'data.tsv' using 1:($4%s):xtic(2) with boxes fs empty "
		        "lc rgb '#999999' title columnheader(4), "
		        "'data.tsv' using 1:($3%s) with boxes lc rgb '#1f5fa8' "
		        "title columnheader(3)", scale, scale);
	else if (bars)
		fprintf(fp, "'data.tsv' using 1:($3%s):xtic(2) with boxes lc rgb '#1f5fa8' "
		        "title columnheader(3)", scale);
	else
		fprintf(fp, "'data.tsv' using 1:($3%s):xtic(2) with linespoints pt 7 ps 0.6 "
		        "lw 1.5 lc rgb '#1f5fa8' title columnheader(3)", scale);
	if (is_rate(s) && !dates) {
		/* the value at each bar, and at each point below its line's top */
		if (bars)
			fputs(", 'data.tsv' using 1:($3*100):(sprintf('%.2f%%', $3*100)) "
			      "with labels offset 0,0.8 font ',9' notitle", fp);
		else
			fputs(", 'data.tsv' using 1:($3 < 1 ? $3*100 : 1/0):(sprintf('%.2f%%', $3*100)) "
			      "with labels offset 0,-1 font ',9' tc rgb '#1f5fa8' notitle", fp);
	}
	static const char *const ref_colours[] = { "#c0392b", "#e67e22", "#7f8c8d" };
	for (size_t r = 0; r < s->nrefs; r++)
		fprintf(fp, ", 'ref%zu.tsv' using 1:($2%s) with lines dt 2 lw 1.5 "
		        "lc rgb '%s' title columnheader(2)", r, scale,
		        ref_colours[r % 3]);
	fputc('\n', fp);
}

static int write_inputs(const char *dir, const struct series *s)
{
	int dates = strcmp(s->x_kind ? s->x_kind : "", "date") == 0;
	int stacked = strcmp(s->type ? s->type : "", "stacked") == 0;
	size_t ngroups = 0;
	FILE *fp = open_in(dir, "data.tsv");
	if (!fp)
		return -1;
	if (stacked)
		write_stacked(fp, s, &ngroups);
	else
		write_points(fp, s);
	if (close_checked(fp))
		return -1;
	for (size_t r = 0; r < s->nrefs && !stacked; r++) {
		char name[32];
		snprintf(name, sizeof name, "ref%zu.tsv", r);
		if (!(fp = open_in(dir, name)))
			return -1;
		write_ref(fp, s, r, dates);
		if (close_checked(fp))
			return -1;
	}
	if (!(fp = open_in(dir, "script.gp")))
		return -1;
	write_script(fp, s, ngroups);
	return close_checked(fp);
}

/* ---- running gnuplot --------------------------------------------------- */

static void child_exec(const char *dir, const char *program)
{
	if (chdir(dir) != 0)
		_exit(126);
	int null_fd = open("/dev/null", O_RDWR);
	int err_fd = open("gnuplot.err", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (null_fd < 0 || err_fd < 0)
		_exit(126);
	dup2(null_fd, 0);
	dup2(null_fd, 1);
	dup2(err_fd, 2);
	setenv("HOME", dir, 1);   /* no ~/.gnuplot of the user's */
	unsetenv("GNUPLOT_LIB");
	char *const args[] = { (char *)program, (char *)"script.gp", NULL };
	execvp(program, args);
	_exit(127);
}

/* 0 when gnuplot ran and exited 0 within the limit; else -1 with why. */
static int run_gnuplot(const char *dir, const char *program,
                       const char **why_zh, const char **why_en)
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		*why_zh = "无法启动 gnuplot";
		*why_en = "cannot start gnuplot";
		return -1;
	}
	if (pid == 0)
		child_exec(dir, program);
	int status = 0, limit_ms = timeout_seconds() * 1000, waited_ms = 0;
	const struct timespec tick = { 0, 10 * 1000 * 1000 };
	for (;;) {
		pid_t got = waitpid(pid, &status, WNOHANG);
		if (got == pid)
			break;
		if (got < 0 && errno != EINTR) {
			*why_zh = "gnuplot 运行失败";
			*why_en = "gnuplot failed";
			return -1;
		}
		if (waited_ms >= limit_ms) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			*why_zh = "gnuplot 超时，已终止";
			*why_en = "gnuplot timed out and was killed";
			return -1;
		}
		nanosleep(&tick, NULL);
		waited_ms += 10;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		*why_zh = "无法运行 gnuplot";
		*why_en = "cannot run gnuplot";
	} else {
		*why_zh = "gnuplot 运行失败";
		*why_en = "gnuplot failed";
	}
	return -1;
}

static void remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char *path = kh_xasprintf("%s/%s", dir, e->d_name);
			unlink(path);
			free(path);
		}
		closedir(d);
	}
	rmdir(dir);
}

/* ---- the SVG back ---------------------------------------------------- */

static int unsafe_element(xmlNodePtr node)
{
	static const char *const dropped[] = { "script", "foreignObject", "image",
	                                       "a", "title", "desc", "iframe",
	                                       "animate", "set", NULL };
	if (!node->ns || !xmlStrEqual(node->ns->href, BAD_CAST SVG_NS))
		return 1;
	for (size_t i = 0; dropped[i]; i++)
		if (xmlStrEqual(node->name, BAD_CAST dropped[i]))
			return 1;
	return 0;
}

/* Replace every "url(#" in value with "url(#PREFIX"; NULL when the value
 * holds a url( that is not a fragment (dropped then). */
static char *prefix_urls(const char *value, const char *prefix)
{
	size_t extra = 0;
	for (const char *p = strstr(value, "url("); p; p = strstr(p + 4, "url(")) {
		if (p[4] != '#')
			return NULL;
		extra += strlen(prefix);
	}
	char *out = kh_xmalloc(strlen(value) + extra + 1), *o = out;
	for (const char *p = value; *p;) {
		if (strncmp(p, "url(#", 5) == 0) {
			memcpy(o, "url(#", 5), o += 5, p += 5;
			size_t n = strlen(prefix);
			memcpy(o, prefix, n), o += n;
		} else {
			*o++ = *p++;
		}
	}
	*o = '\0';
	return out;
}

static void clean_attributes(xmlNodePtr node, const char *prefix)
{
	xmlAttrPtr a = node->properties;
	while (a) {
		xmlAttrPtr next = a->next;
		xmlChar *value = xmlNodeGetContent((xmlNodePtr)a);
		const char *v = value ? (const char *)value : "";
		const char *name = (const char *)a->name;
		char *replacement = NULL;
		int drop = strncasecmp(name, "on", 2) == 0;
		if (!drop && strcmp(name, "href") == 0) {
			if (v[0] == '#')
				replacement = kh_xasprintf("#%s%s", prefix, v + 1);
			else
				drop = 1;
		} else if (!drop && strcmp(name, "id") == 0) {
			replacement = kh_xasprintf("%s%s", prefix, v);
		} else if (!drop && strstr(v, "url(")) {
			replacement = prefix_urls(v, prefix);
			drop = replacement == NULL;
		}
		if (drop)
			xmlRemoveProp(a);
		else if (replacement)
			xmlSetNsProp(node, a->ns, a->name, BAD_CAST replacement);
		free(replacement);
		xmlFree(value);
		a = next;
	}
}

/* Keep only SVG drawing: no script, links out, event handlers or foreign
 * content; ids made unique per chart. */
static void clean_svg(xmlNodePtr node, const char *prefix)
{
	xmlNodePtr c = node->children;
	while (c) {
		xmlNodePtr next = c->next;
		if (c->type == XML_ELEMENT_NODE) {
			if (unsafe_element(c)) {
				xmlUnlinkNode(c);
				xmlFreeNode(c);
			} else {
				clean_attributes(c, prefix);
				clean_svg(c, prefix);
			}
		} else if (c->type != XML_TEXT_NODE) {
			xmlUnlinkNode(c);   /* comments, PIs, entity refs */
			xmlFreeNode(c);
		}
		c = next;
	}
}

static xmlDocPtr read_svg(const char *dir)
{
	char *path = kh_xasprintf("%s/chart.svg", dir);
	size_t len = 0;
	char *buf = kh_read_whole_file(path, &len);
	free(path);
	if (!buf)
		return NULL;
	xmlDocPtr svg = NULL;
	if (len > 0 && len < MAX_SVG_BYTES)
		svg = kh_xml_read_memory(buf, len, "gnuplot SVG");
	free(buf);
	xmlNodePtr root = svg ? xmlDocGetRootElement(svg) : NULL;
	if (!root || !root->ns || !xmlStrEqual(root->ns->href, BAD_CAST SVG_NS) ||
	    !xmlStrEqual(root->name, BAD_CAST "svg")) {
		xmlFreeDoc(svg);
		return NULL;
	}
	return svg;
}

/* ---- attaching -------------------------------------------------------- */

static void attach_missing(xmlNodePtr series, xmlNsPtr cns, const char *why_zh,
                           const char *why_en)
{
	xmlNodePtr chart = xmlNewChild(series, cns, BAD_CAST "chart", NULL);
	xmlSetProp(chart, BAD_CAST "status", BAD_CAST "missing");
	xmlSetProp(chart, BAD_CAST "reason", BAD_CAST kh_tr(why_zh, why_en));
}

/* Draw one series; 0 and the chart attached, or -1 and why. */
static int draw_series(xmlNodePtr node, size_t index, xmlNsPtr cns,
                       const struct gnuplot_program *prog,
                       const char **why_zh, const char **why_en)
{
	struct series s;
	series_read(node, &s);
	*why_zh = "没有可绘制的数据";
	*why_en = "no data to draw";
	int rc = -1;
	const char *tmp = getenv("TMPDIR");
	char *dir = kh_xasprintf("%s/kaohe-chart.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (s.npoints == 0)
		goto out_nodir;
	if (!mkdtemp(dir)) {
		*why_zh = "无法创建临时目录";
		*why_en = "cannot create a temporary directory";
		goto out_nodir;
	}
	if (write_inputs(dir, &s) != 0) {
		*why_zh = "无法写入图表数据";
		*why_en = "cannot write the chart data";
		goto out;
	}
	if (run_gnuplot(dir, prog->path, why_zh, why_en) != 0)
		goto out;
	xmlDocPtr svg = read_svg(dir);
	if (!svg) {
		*why_zh = "gnuplot 输出的 SVG 无效";
		*why_en = "gnuplot wrote no valid SVG";
		goto out;
	}
	char prefix[32];
	snprintf(prefix, sizeof prefix, "kc%zu-", index);
	xmlNodePtr root = xmlDocGetRootElement(svg);
	clean_attributes(root, prefix);
	clean_svg(root, prefix);
	xmlSetProp(root, BAD_CAST "class", BAD_CAST "chart");
	xmlSetProp(root, BAD_CAST "role", BAD_CAST "img");
	if (s.title)
		xmlSetProp(root, BAD_CAST "aria-label", BAD_CAST s.title);
	xmlNodePtr chart = xmlNewChild(node, cns, BAD_CAST "chart", NULL);
	xmlSetProp(chart, BAD_CAST "status", BAD_CAST "ok");
	xmlAddChild(chart, xmlDocCopyNode(root, node->doc, 1));
	xmlFreeDoc(svg);
	rc = 0;
out:
	remove_dir(dir);
out_nodir:
	free(dir);
	series_free(&s);
	return rc;
}

/* ---- charts from what the scorecard already carries ---------------------- */

/* The scorecard's <charts>, made (before <provenance>) when it has none. */
static xmlNodePtr charts_of(xmlNodePtr root)
{
	xmlNodePtr charts = first_child(root, "charts");
	if (charts)
		return charts;
	charts = xmlNewDocNode(root->doc, root->ns, BAD_CAST "charts", NULL);
	xmlNodePtr prov = first_child(root, "provenance");
	if (prov)
		xmlAddPrevSibling(prov, charts);
	else
		xmlAddChild(root, charts);
	return charts;
}

static xmlNodePtr new_series(xmlNodePtr charts, const char *id, const char *type,
                             const char *unit, const char *title)
{
	xmlNodePtr s = xmlNewDocNode(charts->doc, charts->ns, BAD_CAST "series", NULL);
	xmlSetProp(s, BAD_CAST "id", BAD_CAST id);
	xmlSetProp(s, BAD_CAST "type", BAD_CAST type);
	xmlSetProp(s, BAD_CAST "x", BAD_CAST "label");
	xmlSetProp(s, BAD_CAST "unit", BAD_CAST unit);
	xmlSetProp(s, BAD_CAST "title", BAD_CAST title);
	return s;
}

static void new_point(xmlNodePtr series, const char *x, const char *y, const char *max)
{
	xmlNodePtr p = xmlNewChild(series, series->ns, BAD_CAST "point", NULL);
	xmlSetProp(p, BAD_CAST "x", BAD_CAST x);
	xmlSetProp(p, BAD_CAST "y", BAD_CAST y);
	if (max)
		xmlSetProp(p, BAD_CAST "max", BAD_CAST max);
}

static void set_labels(xmlNodePtr series, xmlNsPtr cns, const char *y, const char *max)
{
	xmlSetNsProp(series, cns, BAD_CAST "y-label", BAD_CAST y);
	if (max)
		xmlSetNsProp(series, cns, BAD_CAST "max-label", BAD_CAST max);
}

/* Keep a made series when it has points, else drop it. */
static void keep_series(xmlNodePtr charts, xmlNodePtr series)
{
	if (series->children)
		xmlAddChild(charts, series);
	else
		xmlFreeNode(series);
}

/* Volume indicators (004 第二条), when there are two or more: each one's
 * count as a share of its target, against a 100% line. */
static void volume_progress(xmlNodePtr root, xmlNodePtr charts, xmlNsPtr cns)
{
	xmlNodePtr series = new_series(charts, "volume-progress", "bars", "rate",
	                               kh_tr("工作量完成进度（实际 ÷ 目标）",
	                                     "Volume against target (actual ÷ target)"));
	set_labels(series, cns, kh_tr("完成进度", "progress"), NULL);
	xmlNodePtr line = xmlNewChild(series, series->ns, BAD_CAST "ref-line", NULL);
	xmlSetProp(line, BAD_CAST "y", BAD_CAST "1.0000");
	xmlSetProp(line, BAD_CAST "label", BAD_CAST kh_tr("目标", "target"));
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (!is_element(c, "indicator"))
			continue;
		char *measure = attr(c, "measure"), *value = attr(c, "value");
		char *target = attr(c, "target"), *title = attr(c, "title");
		double t = plain_number(target) ? strtod(target, NULL) : 0;
		if (measure && strcmp(measure, "volume") == 0 && plain_number(value) && t > 0) {
			char y[32];
			snprintf(y, sizeof y, "%.4f", strtod(value, NULL) / t);
			new_point(series, title ? title : "-", y, NULL);
		}
		xmlFree(measure), xmlFree(value), xmlFree(target), xmlFree(title);
	}
	size_t points = 0;
	for (xmlNodePtr p = series->children; p; p = p->next)
		points += is_element(p, "point");
	if (points < 2) {   /* one bar says no more than its row in the table */
		xmlFreeNode(series);
		return;
	}
	keep_series(charts, series);
}

/* Milestone payments of a fixed fee (004 第三条(二)): each milestone's
 * amount, filled where it is due. */
static void milestones(xmlNodePtr root, xmlNodePtr charts, xmlNsPtr cns)
{
	xmlNodePtr fees = first_child(root, "fees");
	if (!fees)
		return;
	xmlNodePtr series = new_series(charts, "milestones", "bars", "money",
	                               kh_tr("合作服务费节点（元）", "Fee milestones (yuan)"));
	set_labels(series, cns, kh_tr("已到期应付", "due"), kh_tr("节点金额", "milestone amount"));
	for (xmlNodePtr l = fees->children; l; l = l->next) {
		if (!is_element(l, "line"))
			continue;
		char *kind = attr(l, "kind"), *id = attr(l, "milestone"), *amount = attr(l, "amount");
		if (id && plain_number(amount))
			new_point(series, kh_word_or_code("value", id),
			          kind && strcmp(kind, "milestone") == 0 ? amount : "0", amount);
		xmlFree(kind), xmlFree(id), xmlFree(amount);
	}
	keep_series(charts, series);
}

/* A monthly stacked series names only the months with something in them;
 * the months of the period without any get a zero, so a year reads as a
 * year. */
static void fill_months(xmlNodePtr root, xmlNodePtr series)
{
	char *first = attr(root, "period-first"), *last = attr(root, "period-last");
	kh_day a, b;
	if (first && last && kh_day_parse(first, &a) == 0 && kh_day_parse(last, &b) == 0 &&
	    b - a < 400) {
		xmlNodePtr at = NULL;   /* the point before which a month goes */
		int ya, ma, da, yb, mb, db;
		kh_day_to_ymd(a, &ya, &ma, &da);
		kh_day_to_ymd(b, &yb, &mb, &db);
		for (int y = ya, m = ma; y < yb || (y == yb && m <= mb); m == 12 ? (y++, m = 1) : m++) {
			char month[16];
			snprintf(month, sizeof month, "%04d-%02d", y, m);
			int found = 0;
			at = NULL;
			for (xmlNodePtr p = series->children; p; p = p->next) {
				if (!is_element(p, "point"))
					continue;
				char *x = attr(p, "x");
				int cmp = x ? strcmp(x, month) : 1;
				xmlFree(x);
				if (cmp == 0)
					found = 1;
				if (cmp > 0 && !at)
					at = p;
			}
			if (found)
				continue;
			xmlNodePtr p = xmlNewDocNode(series->doc, series->ns, BAD_CAST "point", NULL);
			xmlSetProp(p, BAD_CAST "x", BAD_CAST month);
			char *group = NULL;
			for (xmlNodePtr q = series->children; q && !group; q = q->next)
				if (is_element(q, "point"))
					group = attr(q, "group");
			if (group)
				xmlSetProp(p, BAD_CAST "group", BAD_CAST group);
			xmlFree(group);
			xmlSetProp(p, BAD_CAST "y", BAD_CAST "0");
			if (at)
				xmlAddPrevSibling(at, p);
			else
				xmlAddChild(series, p);
		}
	}
	xmlFree(first);
	xmlFree(last);
}

/* Charts the scorecard has the data for but no series: volume progress
 * and milestones; monthly series filled to the whole period. */
static void add_derived_series(xmlNodePtr root, xmlNsPtr cns)
{
	xmlNodePtr charts = charts_of(root);
	for (xmlNodePtr c = charts->children; c; c = c->next) {
		if (!is_element(c, "series"))
			continue;
		char *x = attr(c, "x"), *type = attr(c, "type");
		if (x && type && strcmp(x, "month") == 0 && strcmp(type, "stacked") == 0)
			fill_months(root, c);
		xmlFree(x);
		xmlFree(type);
	}
	volume_progress(root, charts, cns);
	milestones(root, charts, cns);
	if (!charts->children) {
		xmlUnlinkNode(charts);
		xmlFreeNode(charts);
	}
}

int kh_render_charts_attach(xmlDocPtr scorecard)
{
	xmlNodePtr root = xmlDocGetRootElement(scorecard);
	if (!is_element(root, "scorecard"))
		return 0;
	xmlNsPtr cns = xmlNewNs(root, BAD_CAST KH_CHART_NS, BAD_CAST "kc");
	add_derived_series(root, cns);
	xmlNodePtr charts = first_child(root, "charts");
	if (!charts)
		return 0;
	struct gnuplot_program prog;
	find_gnuplot(&prog);
	int drawn = 0, failed = 0;
	size_t index = 0;
	for (xmlNodePtr c = charts->children; c; c = c->next) {
		if (!is_element(c, "series"))
			continue;
		const char *why_zh = prog.why_zh, *why_en = prog.why_en;
		if (prog.path && draw_series(c, index, cns, &prog, &why_zh, &why_en) == 0) {
			drawn++;
		} else {
			attach_missing(c, cns, why_zh, why_en);
			failed++;
		}
		index++;
	}
	if (failed && !prog.path)
		kh_warn("%s", kh_tr("未找到 gnuplot，报告中不含图表",
		                    "gnuplot not found: the report has no charts"));
	else if (failed)
		kh_warn("%s: %d", kh_tr("有图表未能绘制", "charts not drawn"), failed);
	free(prog.path);
	return drawn;
}
