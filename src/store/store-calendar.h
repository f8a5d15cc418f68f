/* store-calendar.h: the work calendar in the store — whole years, each with
 * where it came from and its listed days (holidays and adjusted working
 * days).  Reading them back for kh_calendar_load and `kaohe calendar`;
 * writing a parsed set of years in one transaction.
 *
 * Invariants: a year is always replaced whole (its days with it), never
 * merged; a failed write leaves every stored year as it was; no calendar
 * rule is decided here (calendar.c does that). */
#ifndef KAOHE_STORE_CALENDAR_H
#define KAOHE_STORE_CALENDAR_H

#include <stddef.h>

#include "calendar-files.h"
#include "calendar.h"
#include "err.h"
#include "store.h"

/* Every stored year, ascending (caller frees *years). */
int kh_store_calendar_years(struct kh_store *store, int **years, size_t *count,
                            struct kh_err *err);

/* Every listed day of every stored year, names left NULL (caller frees the
 * array).  A stored date that is not a date fails (printed). */
int kh_store_calendar_days(struct kh_store *store,
                           struct kh_calendar_listed_day **days, size_t *count,
                           struct kh_err *err);

/* Write the years of `set` in one transaction: all of them when `replace`
 * (each replacing what is stored), else only those not stored yet.  A
 * year's source is its own, else `source`; loaded_at is
 * "YYYY-MM-DDTHH:MM:SSZ".  The years written go to *done (zeroed first;
 * kh_calendar_years_free). */
int kh_store_calendar_save(struct kh_store *store, const struct kh_cal_set *set,
                           const char *source, const char *loaded_at,
                           int replace, struct kh_calendar_years *done,
                           struct kh_err *err);

/* A stored year with its days in date order; KH_ERR_DATA (printed, naming
 * the year) when it is not stored.  kh_calendar_year_info_free. */
int kh_store_calendar_year_get(struct kh_store *store, int year,
                               struct kh_calendar_year_info *out,
                               struct kh_err *err);
/* Every stored year, ascending, with its counts (days left empty). */
int kh_store_calendar_year_list(struct kh_store *store,
                                struct kh_calendar_year_info **out,
                                size_t *count, struct kh_err *err);

#endif
