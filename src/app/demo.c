/* demo.c: the demo workspace — a fresh database with the shipped calendar,
 * the five contract templates and their sample records, then one scored
 * period per contract rendered as XML, HTML and XLSX, with its score sheet
 * (考核评分表) and result notice.  It only uses the
 * same domain functions the commands use; it never writes outside dir. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "calendar.h"
#include "calendar-load.h"
#include "contract.h"
#include "contract-load.h"
#include "datadir.h"
#include "demo.h"
#include "err-exit.h"
#include "import.h"
#include "msg.h"
#include "outfile.h"
#include "render.h"
#include "score.h"
#include "trend.h"

/* The sample period of each template (data/samples/ID/). */
static const struct demo_contract {
	const char *id;
	const char *period;
} demo_contracts[] = {
	{ "henan-dbbx-2024", "2024" },
	{ "zhengzhou-dae-2025", "2025" },
	{ "luoyang-zgyb-2024", "2024" },
	{ "kaifeng-dae-2024", "2024" },
	{ "mentougou-fzfw-2024", "2024" },
	/* issue 19: a second insurer under 001 (data/samples/ID/ID.xml) */
	{ "henan-dbbx-2024-zk", "2024" },
};

/* issue 19: more records for a contract (data/samples/FOLDER/): the second
 * year of 002, whose term runs to 2025-12-31. */
static const struct demo_extra {
	const char *folder, *contract;
} demo_extras[] = {
	{ "luoyang-zgyb-2024-2025", "luoyang-zgyb-2024" },
};

/* The record kinds in the order they are loaded. */
static const char *const demo_kinds[] = {
	"population", "roster", "settlements", "complaints", "audits",
	"submissions", "activities", "finance", "ratings",
	"facts",
	"marks",   /* the city panel's and the insurer's own marks (评分) */
};

static int make_directory(const char *dir, struct kh_err *err)
{
	if (mkdir(dir, 0777) == 0 || errno == EEXIST)
		return 0;
	kh_error("%s: %s", dir, strerror(errno));
	return kh_fail(err, KH_ERR_CANTCREAT);
}

/* A fresh database each time, so the demo always shows the same thing. */
static int open_fresh_store(const char *dir, const char *db,
                            struct kh_store **store, struct kh_err *err)
{
	if (db) {   /* PostgreSQL: kaohe's tables dropped and made afresh */
		if (kh_store_open(db, KH_STORE_CREATE | KH_STORE_FRESH, store, err))
			return -1;
		return kh_calendar_install_shipped(*store, err);
	}
	static const char *const suffixes[] = { "", "-wal", "-shm" };
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		char *path = kh_xasprintf("%s/kaohe.db%s", dir, suffixes[i]);
		unlink(path);
		free(path);
	}
	char *path = kh_xasprintf("%s/kaohe.db", dir);
	int rc = kh_store_open(path, KH_STORE_CREATE, store, err);
	free(path);
	if (rc)
		return -1;
	return kh_calendar_install_shipped(*store, err);
}

static int load_contract(struct kh_store *store, const char *id,
                         struct kh_err *err)
{
	char *relative = kh_xasprintf("data/samples/%s/%s.xml", id, id);
	char *path = kh_data_path(relative);
	free(relative);
	if (access(path, R_OK) != 0) {
		free(path);
		path = kh_contract_resolve(id);
	}
	struct kh_contract *contract = NULL;
	int unchanged = 0;
	int rc = kh_contract_add(store, path, &contract, &unchanged, err);
	kh_contract_free(contract);
	free(path);
	return rc;
}

/* Samples shipped as a workbook in an export's shape (written by
 * data/samples/make-workbook.sh), read through a mapping profile in place
 * of the CSV with the same rows. */
static const struct demo_workbook {
	const char *id, *kind, *profile;
} demo_workbooks[] = {
	{ "kaifeng-dae-2024", "settlements", "yibao-settlements" },
};

static const char *demo_profile(const char *id, const char *kind)
{
	for (size_t i = 0; i < sizeof demo_workbooks / sizeof demo_workbooks[0]; i++)
		if (strcmp(demo_workbooks[i].id, id) == 0
		    && strcmp(demo_workbooks[i].kind, kind) == 0)
			return demo_workbooks[i].profile;
	return NULL;
}

static int load_samples(struct kh_store *store, const char *folder, const char *id,
                        struct kh_err *err)
{
	for (size_t i = 0; i < sizeof demo_kinds / sizeof demo_kinds[0]; i++) {
		const char *profile = demo_profile(folder, demo_kinds[i]);
		char *relative = kh_xasprintf("data/samples/%s/%s.%s", folder, demo_kinds[i],
		                              profile ? "xlsx" : "csv");
		char *path = kh_data_path(relative);
		free(relative);
		int rc = 0;
		if (access(path, R_OK) == 0) {
			struct kh_import_options options = { .contract = id, .max_errors = 20,
			                                      .map = profile };
			struct kh_import_counts counts;
			char *files[] = { path };
			rc = kh_import_files(store, kh_import_kind_find(demo_kinds[i]), files,
			                     1, &options, &counts, err);
		}
		free(path);
		if (rc)
			return rc;
	}
	return 0;
}

/* Score one contract's sample period and write its scorecards, score
 * sheet and notice. */
static int render_contract(struct kh_store *store, const char *dir,
                           const struct demo_contract *demo, struct kh_err *err)
{
	struct kh_score_request request = { .contract_id = demo->id };
	if (kh_period_parse(demo->period, &request.period))
		return kh_fail(err, KH_ERR_SOFTWARE);
	request.as_of = request.period.last;
	xmlDocPtr scorecard = NULL;
	long run_id = 0;
	if (kh_score_run(store, &request, &scorecard, &run_id, err))
		return -1;
	int rc = 0;
	/* The scorecard three ways, the panel's 考核评分表 and the result
	 * notice (通知书) the purchaser sends. */
	static const char *const suffixes[] = { "xml", "html", "xlsx",
	                                        "scoresheet.html", "notice.html" };
	for (size_t i = 0; i < 5 && rc == 0; i++) {
		char *path = kh_xasprintf("%s/%s.%s", dir, demo->id, suffixes[i]);
		if (i == 0)
			rc = kh_outfile_write_xml(scorecard, path);
		else if (i == 1)
			rc = kh_render_scorecard_html(scorecard, NULL, path);
		else if (i == 2)
			rc = kh_render_scorecard_xlsx(scorecard, path);
		else if (i == 3)
			rc = kh_render_scoresheet(scorecard, 0, 0, path);
		else
			rc = kh_render_notice(scorecard, NULL, path);
		if (rc == 0)
			printf("%s\n", path);
		free(path);
	}
	xmlFreeDoc(scorecard);
	return rc ? kh_fail_exit_code(err, rc) : 0;
}

int kh_demo_run(const char *dir, struct kh_err *err)
{
	return kh_demo_run_on(dir, NULL, err);
}

int kh_demo_run_on(const char *dir, const char *db, struct kh_err *err)
{
	if (make_directory(dir, err))
		return -1;
	struct kh_store *store = NULL;
	int rc = open_fresh_store(dir, db, &store, err);
	size_t count = sizeof demo_contracts / sizeof demo_contracts[0];
	for (size_t i = 0; i < count && rc == 0; i++) {
		rc = load_contract(store, demo_contracts[i].id, err);
		if (rc == 0)
			rc = load_samples(store, demo_contracts[i].id, demo_contracts[i].id, err);
	}
	for (size_t i = 0; i < sizeof demo_extras / sizeof demo_extras[0] && rc == 0; i++)
		rc = load_samples(store, demo_extras[i].folder, demo_extras[i].contract, err);
	char *db_shown = db ? kh_xstrdup(store ? kh_store_name(store) : db)
	                 : kh_xasprintf("%s/kaohe.db", dir);
	if (rc == 0)
		printf("%s: %s\n", kh_tr("演示数据库", "demo database"), db_shown);
	for (size_t i = 0; i < count && rc == 0; i++)
		rc = render_contract(store, dir, &demo_contracts[i], err);
	if (rc == 0)
		rc = kh_trend_demo_views(store, dir, err);
	kh_store_close(store);
	if (rc == 0) {
		const struct demo_contract *first = &demo_contracts[0];
		printf("%s: %s/%s.html\n", kh_tr("用浏览器打开考核报告", "open a scorecard in a browser"),
		       dir, first->id);
		printf("%s: %s/zhengzhou-dae-2025.scoresheet.html\n",
		       kh_tr("考核小组评分表（含市级三人评分与自评）",
		             "the panel's score sheet (a city panel of three, and the self-score)"),
		       dir);
		printf("%s: kaohe --db '%s' score --contract %s --period %s\n",
		       kh_tr("在命令行评分", "score on the command line"), db_shown,
		       first->id, first->period);
	}
	free(db_shown);
	return rc;
}
