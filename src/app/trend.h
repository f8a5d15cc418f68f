/* trend.h: scorecards across periods and across contracts.  A scorecard
 * (urn:kaohe:scorecard:1, as kh_score_run builds it or a run stored it)
 * is read back into a small summary (struct kh_card); `trend` lines one
 * contract's cards up period by period (trend.c), `compare` ranks the
 * cards of several contracts for one period (compare.c).  Both consume
 * the scorecard XML only — never score.c's internals — so any scorer's
 * output, stored or fresh, can be compared.  Never prints tables. */
#ifndef KAOHE_TREND_H
#define KAOHE_TREND_H

#include <stddef.h>

#include <libxml/tree.h>

#include "dates.h"
#include "err.h"

struct kh_store;

#define KH_TREND_NS "urn:kaohe:trend:1"
#define KH_COMPARE_NS "urn:kaohe:compare:1"

/* One indicator of a scorecard as read back.  Points are ×100 (exact). */
struct kh_card_indicator {
	char *id, *title, *measure, *category;   /* category: NULL when none */
	char *status;             /* pass | fail | na | pending (as written) */
	char *value, *value_text, *target_text;  /* NULL when absent */
	long points, awarded;
};

/* One category (issue 16) as read back. */
struct kh_card_category {
	char *id, *title;
	long points, awarded;
	int vetoed;
};

struct kh_card {
	char *source;             /* where it came from, for messages */
	char *contract, *title, *purchaser, *insurer, *period, *as_of, *grade;
	int contract_version;
	char *family;             /* the contract's seed when known, else NULL */
	long score, max;          /* ×100 */
	struct kh_card_category *categories;
	size_t ncategories;
	struct kh_card_indicator *indicators;
	size_t nindicators;
};

/* Read a scorecard document into *out (zeroed first).  `source` names it
 * in messages.  0, or -1 with err filled (KH_ERR_DATA) after printing. */
int kh_card_read(xmlDocPtr scorecard, const char *source, struct kh_card *out,
                 struct kh_err *err);
void kh_card_free(struct kh_card *card);
/* "12.50" and "-3.00" for 1250 and -300. */
char *kh_points_text(long points, char *buf, size_t size);
/* 1 when an indicator's status counts as data (pass or fail). */
int kh_card_status_judged(const char *status);

/* --- trend (trend.c) ----------------------------------------------------- */

/* The periods from `from` to `to` inclusive, of the same kind, in order
 * (at most 120).  0, or -1 after printing why (KH_ERR_USAGE). */
int kh_trend_periods(const struct kh_period *from, const struct kh_period *to,
                     struct kh_period **out, size_t *count, struct kh_err *err);

/* How a series of period-to-period changes is flagged: a decline is a
 * change below zero; a run of two or more declines in consecutive
 * periods is flagged.  A flat period, a rise or a period without a
 * change (no data on either side) ends a run.  signs[i] is -1, 0 or +1
 * for the change into period i, or 2 when there is none (i = 0 always
 * has none).  flags[i] is set to 1 for every period i inside a flagged
 * run (the declines themselves).  Returns how many runs were flagged. */
int kh_trend_decline_runs(const int *signs, size_t n, int *flags);

/* The trend document (urn:kaohe:trend:1) of one contract's cards, in
 * period order.  Pure: reads the cards only. */
xmlDocPtr kh_trend_build(const struct kh_card *cards, size_t n);

/* Score `contract` for every period from..to (kh_score_run: each run is
 * stored as `kaohe score` would) and build the trend.  0, or -1 with err
 * filled after printing why. */
int kh_trend_run(struct kh_store *store, const char *contract,
                 const struct kh_period *from, const struct kh_period *to,
                 xmlDocPtr *out, struct kh_err *err);

/* The trend of saved scorecard files (each validated against
 * scorecard.rng) of one contract: they must be of one period kind and,
 * once sorted, consecutive periods. */
int kh_trend_files(const char *const *paths, int npaths, xmlDocPtr *out,
                   struct kh_err *err);

/* --- compare (compare.c) ------------------------------------------------- */

/* Competition ranking ("1224"): values in any order, higher is better;
 * rank[i] = 1 + how many values are strictly better.  Values are compared
 * as fractions num[i] / den[i] (den > 0) by cross-multiplication. */
void kh_compare_rank(const long *num, const long *den, const int *in_group,
                     size_t n, int *rank);

/* The league table (urn:kaohe:compare:1) of cards of one period.  `set`
 * says how the set was chosen ("family", "contracts", "files", "db");
 * family is the family named, or NULL.  Pure. */
xmlDocPtr kh_compare_build(const struct kh_card *cards, size_t n,
                           const char *period, const char *set,
                           const char *family);

/* --- where compared scorecards come from (compare-sources.c) -------------- */

/* Which contracts: those named (contracts), else those of the family (a
 * seed such as "001", or a contract id standing for its seed), else —
 * for stored runs and files only — every one found. */
struct kh_compare_select {
	const char *period;
	const char *const *contracts;
	int ncontracts;
	const char *family;
};

/* Score each selected contract of the store for the period afresh
 * (kh_score_run, stored as `kaohe score` would).  *cards is an array of
 * *count (kh_card_free each, then free). */
int kh_compare_local(struct kh_store *store, const struct kh_compare_select *sel,
                     struct kh_card **cards, size_t *count, struct kh_err *err);

/* The roll-up: each database opened read-only (KH_STORE_READONLY) in
 * turn, the newest stored run of each selected contract for the period
 * read back; nothing is scored or written.  A selected contract with no
 * stored run for the period is a warning (it is left out). */
int kh_compare_dbs(const char *const *paths, int npaths,
                   const struct kh_compare_select *sel,
                   struct kh_card **cards, size_t *count, struct kh_err *err);

/* Saved scorecard XML files, each validated against scorecard.rng; all
 * must be of sel->period (when NULL, of the first file's period). */
int kh_compare_files(const char *const *paths, int npaths,
                     const struct kh_compare_select *sel,
                     struct kh_card **cards, size_t *count, struct kh_err *err);

void kh_compare_cards_free(struct kh_card *cards, size_t count);

/* kaohe demo (trend-demo.c): the trend of luoyang-zgyb-2024 (2024Q1–2025Q4)
 * and the league table of seed 001 for 2024, each written to DIR as XML,
 * HTML and XLSX (paths printed).  0, or -1 with err filled. */
int kh_trend_demo_views(struct kh_store *store, const char *dir, struct kh_err *err);

#endif
