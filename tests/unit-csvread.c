/* unit-csvread: lines with no quote are split by csvread itself, others by
 * libcsv; both must give the same rows, line numbers and messages as
 * libcsv alone.  Random files over a small alphabet (commas, quotes,
 * spaces, tabs, CR, LF, a Chinese character) are read both ways and the
 * rows, results and stderr compared; then a fixed file with a quoted
 * field spanning lines among plain lines, and a stray quote after them. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csvread.h"
#include "tap.h"

extern int kh_csv_fast_lines;

struct text {
	char *s;
	size_t len, cap;
	int stop_after;      /* stop reading after this many rows (0: never) */
	int rows;
};

static void add(struct text *t, const char *p, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		t->cap = (t->len + n + 1) * 2;
		t->s = realloc(t->s, t->cap);
	}
	memcpy(t->s + t->len, p, n);
	t->len += n;
	t->s[t->len] = 0;
}

/* Rows whose KH_CSV_* flags promised what a field broke. */
static int flags_broken;

static int on_row(void *data, const struct kh_csv_row *row)
{
	struct text *t = data;
	for (int i = 0; i < row->count; i++)
		for (size_t j = 0; j < row->lens[i]; j++) {
			unsigned char b = (unsigned char)row->fields[i][j];
			if ((b == 0 && (row->flags & KH_CSV_NUL_FREE))
			    || (b >= 0x80 && (row->flags & KH_CSV_ASCII)))
				flags_broken++;
		}
	for (int i = 0; i < row->count; i++)
		if (row->fields[i][row->lens[i]] != '\0')
			flags_broken++;   /* every text is NUL terminated */
	char head[64];
	snprintf(head, sizeof head, "%ld:%d:", row->line, row->count);
	add(t, head, strlen(head));
	for (int i = 0; i < row->count; i++) {
		add(t, "[", 1);
		add(t, row->fields[i], row->lens[i]);
		add(t, "]", 1);
	}
	add(t, "\n", 1);
	if (t->stop_after && ++t->rows >= t->stop_after)
		return -1;
	return 0;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct text t = { 0 };
	char buf[4096];
	size_t n;
	add(&t, "", 0);
	while (f && (n = fread(buf, 1, sizeof buf, f)) > 0)
		add(&t, buf, n);
	if (f)
		fclose(f);
	return t.s;
}

/* Read path one way: rows, the result code and what went to stderr. */
static void read_once(const char *path, int fast, int stop_after, struct text *rows,
                      int *rc, char **errtext, long *lines)
{
	static const char *errpath = "unit-csvread.err";
	kh_csv_fast_lines = fast;
	memset(rows, 0, sizeof *rows);
	add(rows, "", 0);
	rows->stop_after = stop_after;
	fflush(stderr);
	int saved = dup(2);
	FILE *e = freopen(errpath, "w", stderr);
	struct kh_csv_result res;
	struct kh_err err = { 0 };
	*rc = kh_csv_read(path, "utf-8", on_row, rows, &res, &err);
	if (*rc)
		*rc = *rc * 100 - (int)err.kind;
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	(void)e;
	*errtext = slurp(errpath);
	*lines = res.lines;
	unlink(errpath);
}

static uint64_t state = 42;
static unsigned rnd(unsigned n)
{
	state = state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((state >> 33) % n);
}

static int same_both_ways(const char *path, int stop_after)
{
	struct text a, b;
	int rca, rcb;
	char *ea, *eb;
	long la, lb;
	read_once(path, 1, stop_after, &a, &rca, &ea, &la);
	read_once(path, 0, stop_after, &b, &rcb, &eb, &lb);
	int same = rca == rcb && la == lb && a.len == b.len && memcmp(a.s, b.s, a.len) == 0
	           && strcmp(ea, eb) == 0;
	if (!same)
		printf("# differs: rc %d/%d lines %ld/%ld\n# fast rows:\n%s# libcsv rows:\n%s"
		       "# fast err: %s# libcsv err: %s", rca, rcb, la, lb, a.s, b.s, ea, eb);
	free(a.s);
	free(b.s);
	free(ea);
	free(eb);
	return same;
}

static void write_file(const char *path, const char *s, size_t n)
{
	FILE *f = fopen(path, "wb");
	fwrite(s, 1, n, f);
	fclose(f);
}

int main(void)
{
	static const char *const pieces[] = {
		"a", "b", "7", " ", "\t", ",", ",", "\r", "\n", "\n", "\r\n", "\"",
		"\"\"", "中", "x y", ",,", "0123456789abcdefghij", "@", " a b c d e f g h ",
	};
	const size_t npieces = sizeof pieces / sizeof pieces[0];
	const char *path = "unit-csvread.csv";
	int failed = 0, cases = 0;
	for (int k = 0; k < 4000; k++) {
		/* mostly quote-free files, some with a quote or two */
		int quotes = k % 3 == 0;
		size_t cap = 400, n = 0;
		char buf[400 * 4];
		int len = (int)rnd(60) + (k % 10 == 0 ? 200 : 0);
		for (int i = 0; i < len; i++) {
			const char *p = pieces[rnd((unsigned)npieces)];
			if (!quotes && strchr(p, '"'))
				continue;
			size_t m = strlen(p);
			if (n + m >= cap)
				break;
			memcpy(buf + n, p, m);
			if (*p == '@')
				buf[n] = '\0';   /* a NUL byte */
			n += m;
		}
		write_file(path, buf, n);
		cases++;
		if (!same_both_ways(path, k % 7 == 0 ? 2 : 0)) {
			failed++;
			if (failed > 3)
				break;
		}
	}
	is_int(failed, 0, "random files: the same rows, lines and messages both ways");
	is_int(flags_broken, 0, "no row's flags (no NUL, ASCII) promise what a field breaks");
	printf("# %d random files\n", cases);

	/* Lines of several blocks (256 KiB each): a line is cut by the end of
	 * every block, some blocks end inside a quoted field. */
	{
		struct text t = { 0 };
		add(&t, "id,name,note\n", 13);
		char line[200];
		for (int i = 0; i < 30000; i++) {
			int m = i % 997 == 0
			        ? snprintf(line, sizeof line, "%d,\"q%d\n,still\",  end %d \r\n", i, i, i)
			        : snprintf(line, sizeof line, "%d, name %d ,note\t%d\n", i, i, i);
			add(&t, line, (size_t)m);
		}
		write_file(path, t.s, t.len);
		free(t.s);
		ok(same_both_ways(path, 0), "a 0.8 MB file across read blocks");
	}

	/* Plain lines, a quoted field over two lines, plain lines, then a
	 * stray quote: rows at their own lines, the error at line 7, field 2. */
	{
		const char *csv = "h1,h2\n a , b \nc,\"d\ne\"\n f,\tg\n\nx\"y,z\n";
		write_file(path, csv, strlen(csv));
		ok(same_both_ways(path, 0), "the fixed file reads the same both ways");
		struct text rows;
		int rc;
		char *err;
		long lines;
		read_once(path, 1, 0, &rows, &rc, &err, &lines);
		is_str(rows.s, "1:2:[h1][h2]\n2:2:[a][b]\n3:2:[c][d\ne]\n5:2:[f][g]\n",
		       "rows before the error, each at its line");
		ok(strstr(err, "unit-csvread.csv:7:1: ") != NULL,
		   "the stray quote is reported at line 7, field 1");
		free(rows.s);
		free(err);
	}
	unlink(path);
	return done_testing();
}
