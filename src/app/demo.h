/* demo.h: `kaohe demo` — builds a workspace from the bundled sample data
 * (data/samples/) for every shipped contract template, scores each
 * contract's sample period and renders its scorecards.  Writes only inside
 * the workspace directory it is given. */
#ifndef KAOHE_DEMO_H
#define KAOHE_DEMO_H

#include "err.h"

/* Build the workspace in dir (created when missing; its kaohe.db is made
 * afresh) and print the path of every scorecard written.  0, or -1 with
 * err filled after printing why. */
int kh_demo_run(const char *dir, struct kh_err *err);
/* The same with the store in db when it is not NULL (a postgresql:// URL:
 * kaohe's tables there are dropped and made afresh); the files still go
 * to dir. */
int kh_demo_run_on(const char *dir, const char *db, struct kh_err *err);

#endif
